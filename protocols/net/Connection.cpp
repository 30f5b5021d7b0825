#include "net/Connection.h"

#include "net/CertificateCheck.h"
#include "net/Fingerprint.h"
#include "net/NetLogging.h"

#include <QSslCipher>
#include <QSslConfiguration>
#include <QSslSocket>

namespace Petrel::Net {

namespace {

using Kind = ConnectionError::Kind;

// Bounds what the socket buffers on top of the line buffer, whatever the server sends.
constexpr qint64 SocketReadBufferSize = 64 * 1024;
constexpr int DefaultCloseTimeoutMs = 30000;

const QList<QSslCertificate> &systemCaCertificates()
{
    static const QList<QSslCertificate> cas = QSslConfiguration::systemCaCertificates();
    return cas;
}

} // namespace

Connection::Connection(QObject *parent) : QObject(parent)
{
    m_connectTimer.setSingleShot(true);
    m_idleTimer.setSingleShot(true);
    connect(&m_connectTimer, &QTimer::timeout, this, &Connection::onConnectTimeout);
    connect(&m_idleTimer, &QTimer::timeout, this, &Connection::onIdleTimeout);
}

Connection::~Connection()
{
    if (m_socket) {
        disconnect(m_socket, nullptr, this, nullptr);
        m_socket->abort();
    }
}

void Connection::connectToServer(const ConnectionSettings &settings)
{
    dropSocket();
    ++m_session;
    m_settings = settings;
    m_buffer = LineBuffer(settings.maxLineLength);
    m_certificateError.reset();
    m_versionAlert = false;
    m_awaitingReply = false;
    m_peerCertificate = QSslCertificate();
    m_sessionProtocol = QSsl::UnknownProtocol;
    m_idleTimer.stop();
    m_state = State::Connecting;

    m_socket = new QSslSocket(this);
    m_socket->setReadBufferSize(SocketReadBufferSize);
    connect(m_socket, &QAbstractSocket::connected, this, &Connection::onSocketConnected);
    connect(m_socket, &QSslSocket::encrypted, this, &Connection::onSocketEncrypted);
    connect(m_socket, &QSslSocket::sslErrors, this, &Connection::onSocketSslErrors);
    connect(m_socket, &QAbstractSocket::errorOccurred, this, &Connection::onSocketError);
    connect(m_socket, &QAbstractSocket::disconnected, this, &Connection::onSocketDisconnected);
    connect(m_socket, &QIODevice::readyRead, this, &Connection::onSocketReadyRead);
    connect(m_socket, &QSslSocket::alertReceived, this,
            [this](QSsl::AlertLevel, QSsl::AlertType type, const QString &) { onTlsAlert(type); });
    connect(m_socket, &QSslSocket::alertSent, this,
            [this](QSsl::AlertLevel, QSsl::AlertType type, const QString &) { onTlsAlert(type); });

    if (!configureTls())
        return;
    if (m_settings.connectTimeoutMs > 0)
        m_connectTimer.start(m_settings.connectTimeoutMs);

    qCInfo(lcPetrelNet) << "connecting to" << m_settings.host << m_settings.port
                        << (m_settings.security == Security::ImplicitTls ? "TLS"
                            : m_settings.security == Security::StartTls  ? "STARTTLS"
                                                                         : "plain");
    if (m_settings.security == Security::ImplicitTls)
        m_socket->connectToHostEncrypted(m_settings.host, m_settings.port, m_settings.host);
    else
        m_socket->connectToHost(m_settings.host, m_settings.port);
}

bool Connection::configureTls()
{
    const TlsPolicy &tls = m_settings.tls;
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    QList<QSslCertificate> cas;
    if (tls.useSystemCas)
        cas = systemCaCertificates();
    if (!tls.trustedCaFile.isEmpty()) {
        const QList<QSslCertificate> extra = QSslCertificate::fromPath(
            tls.trustedCaFile, QSsl::Pem, QSslCertificate::PatternSyntax::FixedString);
        if (extra.isEmpty()) {
            fail(Kind::UntrustedCertificate,
                 QStringLiteral("No PEM certificate could be read from the trusted CA file %1")
                     .arg(tls.trustedCaFile));
            return false;
        }
        cas += extra;
    }
    config.setCaCertificates(cas);
    config.setProtocol(tls.minimum);
    config.setPeerVerifyMode(QSslSocket::VerifyPeer);
    m_socket->setSslConfiguration(config);
    return true;
}

void Connection::startTls()
{
    if (m_state != State::Open || !m_socket || m_socket->isEncrypted()) {
        qCWarning(lcPetrelNet) << "startTls() ignored: the connection is not open or already encrypted";
        return;
    }
    // Whatever arrived after the server's "go ahead" was sent before encryption, by the server or by
    // someone in the middle, and must never be read as if it came over TLS.
    const qint64 extra = m_buffer.size() + m_socket->bytesAvailable();
    m_buffer.clear();
    if (extra > 0) {
        fail(Kind::StartTlsInjection, QStringLiteral("%1 bytes arrived after the STARTTLS reply").arg(extra));
        return;
    }
    m_state = State::Handshaking;
    m_awaitingReply = false;
    m_idleTimer.stop();
    if (m_settings.connectTimeoutMs > 0)
        m_connectTimer.start(m_settings.connectTimeoutMs);
    m_socket->setPeerVerifyName(m_settings.host);
    m_socket->startClientEncryption();
}

void Connection::onSocketConnected()
{
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_socket->setSocketOption(QAbstractSocket::KeepAliveOption, 1);
    if (m_settings.security == Security::ImplicitTls) {
        m_state = State::Handshaking;
        return;
    }
    m_connectTimer.stop();
    m_state = State::Open;
    m_awaitingReply = true; // the greeting
    restartIdleTimer();
    qCInfo(lcPetrelNet) << "connected to" << m_settings.host << m_settings.port;
    Q_EMIT connected();
}

void Connection::onSocketEncrypted()
{
    m_connectTimer.stop();
    m_state = State::Open;
    m_peerCertificate = m_socket->peerCertificate();
    m_sessionProtocol = m_socket->sessionProtocol();
    const bool implicit = m_settings.security == Security::ImplicitTls;
    m_awaitingReply = implicit; // after implicit TLS the server greets; after STARTTLS we speak first
    restartIdleTimer();
    qCInfo(lcPetrelNet) << "TLS established with" << m_settings.host << m_settings.port
                        << m_socket->sessionCipher().name()
                        << formatFingerprint(certificateSha256(m_peerCertificate));
    Q_EMIT encrypted();
    if (implicit && m_state == State::Open)
        Q_EMIT connected();
}

void Connection::onSocketSslErrors(const QList<QSslError> &errors)
{
    const QSslCertificate peer = m_socket->peerCertificate();
    std::optional<ConnectionError> verdict =
        judgeSslErrors(errors, peer, m_settings.tls.pinnedSha256, m_settings.host);
    if (!verdict) {
        qCInfo(lcPetrelNet) << "accepting the pinned certificate"
                            << formatFingerprint(certificateSha256(peer));
        m_socket->ignoreSslErrors(errors); // exactly these errors, for exactly this certificate
        return;
    }
    // Qt aborts the handshake after this signal; the failure is reported from errorOccurred.
    m_certificateError = std::move(verdict);
}

void Connection::onTlsAlert(QSsl::AlertType type)
{
    if (type == QSsl::AlertType::ProtocolVersion)
        m_versionAlert = true;
}

void Connection::onSocketError()
{
    const QAbstractSocket::SocketError code = m_socket->error();
    const QString detail = m_socket->errorString();
    if (m_state == State::Closing) {
        finishClose();
        return;
    }
    if (m_certificateError) {
        ConnectionError error = *m_certificateError;
        if (!error.detail.contains(detail))
            error.detail = error.detail % QStringLiteral(" (") % detail % QLatin1Char(')');
        fail(std::move(error));
        return;
    }
    switch (code) {
    case QAbstractSocket::HostNotFoundError:
        fail(Kind::HostNotFound, detail);
        break;
    case QAbstractSocket::ConnectionRefusedError:
        fail(Kind::ConnectionRefused, detail);
        break;
    case QAbstractSocket::SocketTimeoutError:
        fail(m_state == State::Open ? Kind::IdleTimeout : Kind::ConnectTimeout, detail);
        break;
    case QAbstractSocket::RemoteHostClosedError:
        fail(m_state == State::Handshaking
                 ? (m_versionAlert ? Kind::TlsVersionTooOld : Kind::TlsHandshakeFailed)
                 : Kind::RemoteClosed,
             detail);
        break;
    case QAbstractSocket::SslHandshakeFailedError:
    case QAbstractSocket::SslInternalError:
    case QAbstractSocket::SslInvalidUserDataError:
        fail(m_versionAlert ? Kind::TlsVersionTooOld : classifyHandshakeFailure(detail), detail);
        break;
    default:
        fail(Kind::NetworkError, detail);
        break;
    }
}

void Connection::onSocketDisconnected()
{
    if (m_state == State::Closing) {
        finishClose();
        return;
    }
    // Normally errorOccurred came first and the socket is already gone; this catches the rest.
    if (m_certificateError)
        fail(*m_certificateError);
    else
        fail(m_state == State::Handshaking ? Kind::TlsHandshakeFailed : Kind::RemoteClosed);
}

void Connection::onSocketReadyRead()
{
    if (m_state != State::Open && m_state != State::Closing)
        return;
    if (m_awaitingReply)
        restartIdleTimer();
    Q_EMIT readyRead();
}

void Connection::onConnectTimeout()
{
    if (m_state == State::Closing) {
        finishClose();
        return;
    }
    fail(Kind::ConnectTimeout, QStringLiteral("No connection within %1 ms").arg(m_settings.connectTimeoutMs));
}

void Connection::onIdleTimeout()
{
    fail(Kind::IdleTimeout,
         QStringLiteral("No data from the server for %1 ms").arg(m_settings.idleTimeoutMs));
}

void Connection::fill()
{
    if (!m_socket)
        return;
    const qint64 room = m_buffer.room();
    if (room > 0 && m_socket->bytesAvailable() > 0)
        m_buffer.append(m_socket->read(room));
}

bool Connection::canReadLine()
{
    if (m_state != State::Open && m_state != State::Closing)
        return false;
    fill();
    if (m_buffer.isOverlong()) {
        fail(Kind::LineTooLong, QStringLiteral("A line exceeded %1 bytes").arg(m_buffer.maxLineLength()));
        return false;
    }
    return m_buffer.hasLine();
}

std::optional<QByteArray> Connection::readLine()
{
    if (!canReadLine())
        return std::nullopt;
    return m_buffer.takeLine();
}

QByteArray Connection::read(qint64 maxSize)
{
    if (m_state != State::Open && m_state != State::Closing)
        return {};
    QByteArray out = m_buffer.take(maxSize);
    if (out.size() < maxSize && m_socket)
        out += m_socket->read(maxSize - out.size());
    return out;
}

qint64 Connection::bytesAvailable() const
{
    if (m_state != State::Open && m_state != State::Closing)
        return 0;
    return m_buffer.size() + (m_socket ? m_socket->bytesAvailable() : 0);
}

bool Connection::write(const QByteArray &data)
{
    if (m_state != State::Open || !m_socket)
        return false;
    if (m_socket->write(data) != data.size())
        return false; // the socket reports its error through errorOccurred
    m_awaitingReply = true;
    restartIdleTimer();
    return true;
}

void Connection::flush()
{
    if (m_socket && (m_state == State::Open || m_state == State::Closing))
        m_socket->flush();
}

void Connection::setAwaitingReply(bool awaiting)
{
    m_awaitingReply = awaiting;
    restartIdleTimer();
}

void Connection::restartIdleTimer()
{
    if (m_state == State::Open && m_awaitingReply && m_settings.idleTimeoutMs > 0)
        m_idleTimer.start(m_settings.idleTimeoutMs);
    else
        m_idleTimer.stop();
}

void Connection::close()
{
    switch (m_state) {
    case State::Open:
        m_state = State::Closing;
        m_idleTimer.stop();
        m_connectTimer.start(m_settings.connectTimeoutMs > 0 ? m_settings.connectTimeoutMs
                                                             : DefaultCloseTimeoutMs);
        m_socket->disconnectFromHost(); // may report disconnected at once
        break;
    case State::Connecting:
    case State::Handshaking:
        abort();
        break;
    default:
        break;
    }
}

void Connection::abort()
{
    if (m_state == State::Closing)
        finishClose();
    else if (m_state == State::Connecting || m_state == State::Handshaking || m_state == State::Open)
        fail(Kind::Cancelled);
}

void Connection::finishClose()
{
    if (m_state != State::Closing)
        return;
    m_state = State::Closed;
    m_connectTimer.stop();
    m_idleTimer.stop();
    m_buffer.clear();
    dropSocket();
    qCInfo(lcPetrelNet) << "closed connection to" << m_settings.host << m_settings.port;
    const quint64 session = m_session;
    QMetaObject::invokeMethod(
        this,
        [this, session] {
            if (session == m_session)
                Q_EMIT disconnected();
        },
        Qt::QueuedConnection);
}

void Connection::fail(Kind kind, const QString &detail)
{
    fail(ConnectionError::make(kind, m_settings.host, detail));
}

void Connection::fail(ConnectionError error)
{
    if (m_state == State::Idle || m_state == State::Closed)
        return; // exactly one terminal signal per session
    m_state = State::Closed;
    m_connectTimer.stop();
    m_idleTimer.stop();
    m_buffer.clear();
    m_certificateError.reset();
    dropSocket();
    qCWarning(lcPetrelNet) << "connection to" << m_settings.host << m_settings.port
                           << "failed:" << ConnectionError::kindName(error.kind) << error.detail
                           << formatFingerprint(error.certificateSha256);
    const quint64 session = m_session;
    QMetaObject::invokeMethod(
        this,
        [this, session, error] {
            if (session == m_session)
                Q_EMIT failed(error);
        },
        Qt::QueuedConnection);
}

void Connection::dropSocket()
{
    if (!m_socket)
        return;
    disconnect(m_socket, nullptr, this, nullptr);
    m_socket->abort();
    m_socket->deleteLater();
    m_socket = nullptr;
}

bool Connection::isOpen() const
{
    return m_state == State::Open;
}

bool Connection::isEncrypted() const
{
    return m_state == State::Open && m_socket && m_socket->isEncrypted();
}

QSsl::SslProtocol Connection::sessionProtocol() const
{
    return m_sessionProtocol;
}

QSslCertificate Connection::peerCertificate() const
{
    return m_peerCertificate;
}

QByteArray Connection::peerCertificateSha256() const
{
    return certificateSha256(m_peerCertificate);
}

} // namespace Petrel::Net
