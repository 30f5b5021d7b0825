#pragma once

#include <QHostAddress>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>

namespace Petrel::Test {

// A TCP proxy on 127.0.0.1 that forwards to a target port and, when told to, drops both sides
// once the server has sent cutAfterServerBytes bytes (or the client cutAfterClientBytes) on the
// current connection. TLS passes through untouched, so the client still verifies the server.
class CutProxy : public QTcpServer
{
    Q_OBJECT

public:
    explicit CutProxy(quint16 targetPort, QObject *parent = nullptr);

    bool start(); // listens on 127.0.0.1, any free port
    quint16 port() const { return serverPort(); }

    void setCutAfterServerBytes(qint64 bytes) { m_cutServer = bytes; } // < 0: never
    void setCutAfterClientBytes(qint64 bytes) { m_cutClient = bytes; } // < 0: never
    // Drops the current connection at once, both sides (e.g. to cut an idle session).
    void cutNow() { cut(); }
    bool wasCut() const { return m_wasCut; }
    qint64 lastServerBytes() const { return m_serverBytes; } // forwarded to the client, last connection
    qint64 lastClientBytes() const { return m_clientBytes; }

protected:
    void incomingConnection(qintptr handle) override;

private:
    void forward(QTcpSocket *from, QTcpSocket *to, qint64 *count, qint64 limit);
    void cut();

    quint16 m_target;
    qint64 m_cutServer = -1;
    qint64 m_cutClient = -1;
    bool m_wasCut = false;
    qint64 m_serverBytes = 0;
    qint64 m_clientBytes = 0;
    QPointer<QTcpSocket> m_client;
    QPointer<QTcpSocket> m_server;
};

} // namespace Petrel::Test
