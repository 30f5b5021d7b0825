#pragma once

#include "net/ConnectionError.h"
#include "net/ConnectionSettings.h"
#include "net/LineBuffer.h"

#include <QObject>
#include <QSslCertificate>
#include <QTimer>

#include <optional>

class QSslSocket;

namespace Petrel::Net {

// One protocol session's transport: TCP, implicit TLS or STARTTLS, verified certificates, bounded
// line reading and timeouts. Contract in protocols/net/README.md. Every session ends with exactly
// one terminal signal: failed() or disconnected(); both are delivered from the event loop, never
// from inside a call the protocol made.
class Connection : public QObject
{
    Q_OBJECT

public:
    explicit Connection(QObject *parent = nullptr);
    ~Connection() override;

    // Starts a new session (dropping any previous one without signals).
    void connectToServer(const ConnectionSettings &settings);
    // After the server's positive reply to STARTTLS/STLS, with that reply already read: any byte
    // buffered beyond it fails the session with StartTlsInjection; otherwise the handshake starts
    // and encrypted() follows.
    void startTls();

    // Lines end in CRLF or LF; readLine() strips the terminator. A line longer than
    // maxLineLength fails the session with LineTooLong. Call these on every readyRead().
    bool canReadLine();
    std::optional<QByteArray> readLine();
    // Raw bytes (literals), regardless of lines.
    QByteArray read(qint64 maxSize);
    qint64 bytesAvailable() const;

    // Queues bytes for the server; false when not open. Arms the idle timer (a reply is awaited).
    bool write(const QByteArray &data);
    // Hands what was written to the system at once instead of at the next event loop pass (TLS
    // encrypts and writes later), for a caller that has slow work to do right after writing.
    void flush();
    // The idle timer runs only while a reply is awaited: from connected() (the greeting) and from
    // every write() until setAwaitingReply(false); every received byte restarts it.
    void setAwaitingReply(bool awaiting);

    // Polite: flushes what was written, says goodbye (TLS close_notify), then disconnected().
    void close();
    // Hard: drops everything at once; failed(Cancelled) follows if a session was under way.
    void abort();

    bool isOpen() const;
    bool isEncrypted() const;
    QSsl::SslProtocol sessionProtocol() const;
    QSslCertificate peerCertificate() const;
    QByteArray peerCertificateSha256() const;
    const ConnectionSettings &settings() const { return m_settings; }

Q_SIGNALS:
    void connected(); // TCP up (None, StartTls); TLS up and verified (ImplicitTls, after encrypted())
    void encrypted(); // implicit TLS or a STARTTLS upgrade completed and verified
    void readyRead();
    void failed(const Petrel::Net::ConnectionError &error);
    void disconnected();

private:
    enum class State { Idle, Connecting, Handshaking, Open, Closing, Closed };

    void onSocketConnected();
    void onSocketEncrypted();
    void onSocketSslErrors(const QList<QSslError> &errors);
    void onSocketError();
    void onTlsAlert(QSsl::AlertType type);
    void onSocketDisconnected();
    void onSocketReadyRead();
    void onConnectTimeout();
    void onIdleTimeout();

    void fill();
    void fail(ConnectionError::Kind kind, const QString &detail = {});
    void fail(ConnectionError error);
    void finishClose();
    void dropSocket();
    bool configureTls();
    void restartIdleTimer();

    ConnectionSettings m_settings;
    State m_state = State::Idle;
    QSslSocket *m_socket = nullptr;
    LineBuffer m_buffer;
    QTimer m_connectTimer{this}; // children, so moveToThread() takes them along
    QTimer m_idleTimer{this};
    bool m_awaitingReply = false;
    std::optional<ConnectionError> m_certificateError;
    bool m_versionAlert = false; // a protocol_version alert was exchanged during the handshake
    quint64 m_session = 0;       // drops queued signals of a session that was replaced
    // Kept after the socket is gone, so the UI can still show what the session used.
    QSslCertificate m_peerCertificate;
    QSsl::SslProtocol m_sessionProtocol = QSsl::UnknownProtocol;
};

} // namespace Petrel::Net
