#pragma once

#include <QByteArray>
#include <QPointer>
#include <QSslSocket>
#include <QTcpServer>

// A scripted server on 127.0.0.1 for one client at a time: it plays bytes, records what it receives
// and can switch to TLS, so tests drive Connection over a real loopback socket.
class FakeServer : public QTcpServer
{
    Q_OBJECT

public:
    enum class Mode {
        Plain,        // plaintext; startTls() upgrades on demand
        ImplicitTls,  // TLS from the first byte
        Silent,       // accepts TCP, then never says a word (not even a TLS handshake)
        VersionAlert, // answers a ClientHello the way a TLS 1.0/1.1-only server does
    };

    explicit FakeServer(Mode mode, QObject *parent = nullptr);

    void setIdentity(const QString &certificatePath, const QString &keyPath);
    void setGreeting(const QByteArray &greeting) { m_greeting = greeting; } // sent when ready
    bool start();
    quint16 port() const { return serverPort(); }

    QSslSocket *client() const { return m_client; }
    void send(const QByteArray &bytes);
    void drip(const QByteArray &bytes); // one byte per event-loop turn, each flushed on its own
    void startTls();
    void closeClient();
    QByteArray received() const { return m_received; }
    bool isDripping() const { return !m_drip.isEmpty(); }

Q_SIGNALS:
    void clientReady(); // accepted (Plain, Silent) or TLS established (ImplicitTls)
    void dataReceived();

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    void dripNext();

    Mode m_mode;
    QString m_certificatePath;
    QString m_keyPath;
    QByteArray m_greeting;
    QByteArray m_received;
    QByteArray m_drip;
    QPointer<QSslSocket> m_client;
};
