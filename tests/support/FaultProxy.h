#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <memory>

namespace Petrel::Test {

// A TCP proxy on 127.0.0.1 in front of one of the fixture's real servers that misbehaves like a
// bad network, in either direction, on every connection it accepts:
//  - cut: after N bytes the connection drops at once, both sides (no FIN, no TLS close_notify);
//  - stall: after N bytes nothing more is forwarded, but both sockets stay open;
//  - trickle: after N bytes only `chunk` bytes go through per `intervalMs`.
// TLS passes through untouched, so the client still verifies the real server's certificate.
class FaultProxy : public QTcpServer
{
    Q_OBJECT

public:
    enum class Direction { ClientToServer, ServerToClient };
    struct Fault
    {
        enum class Kind { None, Cut, Stall, Trickle };
        Kind kind = Kind::None;
        qint64 afterBytes = 0; // bytes of this direction that pass untouched first
        int chunk = 0;         // Trickle: bytes per interval
        int intervalMs = 0;    // Trickle
    };
    static Fault none() { return {}; }
    static Fault cutAfter(qint64 bytes) { return {Fault::Kind::Cut, bytes, 0, 0}; }
    static Fault stallAfter(qint64 bytes) { return {Fault::Kind::Stall, bytes, 0, 0}; }
    static Fault trickle(int chunk, int intervalMs, qint64 afterBytes = 0)
    {
        return {Fault::Kind::Trickle, afterBytes, chunk, intervalMs};
    }

    explicit FaultProxy(quint16 targetPort, QObject *parent = nullptr);
    ~FaultProxy() override;

    bool start(); // listens on 127.0.0.1, any free port
    quint16 port() const { return serverPort(); }

    // Applies to connections accepted from now on; one fault per direction.
    void setFault(Direction direction, const Fault &fault);
    void clearFaults();
    // Drops every open connection at once, both sides (e.g. to cut an idle session).
    void cutNow();

    bool wasCut() const { return m_wasCut; }         // the last connection was cut by a fault or cutNow()
    bool wasStalled() const { return m_wasStalled; } // the last connection hit its stall point
    int connectionCount() const { return m_connectionCount; }
    // Bytes forwarded on the last connection.
    qint64 lastServerBytes() const { return m_lastServerBytes; } // server -> client
    qint64 lastClientBytes() const { return m_lastClientBytes; } // client -> server
    // Writes the trickle made so far (all connections): proof that data went in small pieces.
    int trickleWrites() const { return m_trickleWrites; }

protected:
    void incomingConnection(qintptr handle) override;

private:
    struct Pipe
    {
        QPointer<QTcpSocket> from;
        QPointer<QTcpSocket> to;
        Fault fault;
        qint64 forwarded = 0;
        QByteArray held; // Trickle: waiting for its turn
        bool stalled = false;
        bool closeWhenDrained = false;
        std::unique_ptr<QTimer> timer;
    };
    struct Connection
    {
        Pipe up;   // client -> server
        Pipe down; // server -> client
        bool cut = false;
        bool last = false;
    };

    void pump(Connection *c, Pipe *pipe);
    void write(Connection *c, Pipe *pipe, const QByteArray &data);
    void drip(Connection *c, Pipe *pipe);
    void onSourceClosed(Connection *c, Pipe *pipe);
    void cut(Connection *c);
    void account(Connection *c);

    quint16 m_target;
    Fault m_up;
    Fault m_down;
    QList<Connection *> m_connections;
    bool m_wasCut = false;
    bool m_wasStalled = false;
    int m_connectionCount = 0;
    qint64 m_lastServerBytes = 0;
    qint64 m_lastClientBytes = 0;
    int m_trickleWrites = 0;
};

} // namespace Petrel::Test
