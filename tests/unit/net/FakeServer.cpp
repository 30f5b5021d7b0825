#include "FakeServer.h"

#include <QFile>
#include <QSslConfiguration>
#include <QSslKey>
#include <QTimer>

FakeServer::FakeServer(Mode mode, QObject *parent) : QTcpServer(parent), m_mode(mode) {}

void FakeServer::setIdentity(const QString &certificatePath, const QString &keyPath)
{
    m_certificatePath = certificatePath;
    m_keyPath = keyPath;
}

bool FakeServer::start()
{
    return listen(QHostAddress::LocalHost, 0);
}

void FakeServer::incomingConnection(qintptr descriptor)
{
    if (m_client) {
        m_client->abort();
        m_client->deleteLater();
    }
    auto *socket = new QSslSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    m_client = socket;
    m_received.clear();
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    if (!m_certificatePath.isEmpty()) {
        socket->setLocalCertificate(m_certificatePath);
        socket->setPrivateKey(m_keyPath, QSsl::Ec);
    }
    // The server does not judge the client; its own handshake errors are the client's business.
    QSslConfiguration config = socket->sslConfiguration();
    config.setPeerVerifyMode(QSslSocket::VerifyNone);
    socket->setSslConfiguration(config);

    connect(socket, &QIODevice::readyRead, this, [this, socket] {
        if (m_mode == Mode::VersionAlert) {
            socket->readAll();
            // TLS record: alert (21), version 3.1, length 2, fatal (2), protocol_version (70).
            socket->write(QByteArray::fromHex("150301000202"
                                              "46"));
            socket->disconnectFromHost();
            return;
        }
        if (m_mode == Mode::Silent)
            return; // swallows the ClientHello and keeps quiet
        m_received += socket->readAll();
        Q_EMIT dataReceived();
    });
    if (m_mode == Mode::ImplicitTls) {
        connect(socket, &QSslSocket::encrypted, this, [this] {
            if (!m_greeting.isEmpty())
                send(m_greeting);
            Q_EMIT clientReady();
        });
        socket->startServerEncryption();
        return;
    }
    if (m_mode == Mode::Plain && !m_greeting.isEmpty())
        send(m_greeting);
    Q_EMIT clientReady();
}

void FakeServer::send(const QByteArray &bytes)
{
    if (!m_client)
        return;
    m_client->write(bytes);
    m_client->flush();
}

void FakeServer::drip(const QByteArray &bytes)
{
    const bool idle = m_drip.isEmpty();
    m_drip += bytes;
    if (idle)
        QTimer::singleShot(0, this, &FakeServer::dripNext);
}

void FakeServer::dripNext()
{
    if (m_drip.isEmpty() || !m_client)
        return;
    send(m_drip.left(1));
    m_drip.remove(0, 1);
    if (!m_drip.isEmpty())
        QTimer::singleShot(1, Qt::PreciseTimer, this, &FakeServer::dripNext);
}

void FakeServer::startTls()
{
    if (m_client)
        m_client->startServerEncryption();
}

void FakeServer::closeClient()
{
    if (m_client)
        m_client->disconnectFromHost();
}
