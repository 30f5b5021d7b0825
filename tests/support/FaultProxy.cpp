#include "FaultProxy.h"

namespace Petrel::Test {

FaultProxy::FaultProxy(quint16 targetPort, QObject *parent) : QTcpServer(parent), m_target(targetPort) {}

FaultProxy::~FaultProxy()
{
    for (Connection *c : std::as_const(m_connections)) {
        for (Pipe *p : {&c->up, &c->down}) {
            if (p->from)
                p->from->disconnect(this);
        }
        delete c;
    }
}

bool FaultProxy::start()
{
    return listen(QHostAddress::LocalHost, 0);
}

void FaultProxy::setFault(Direction direction, const Fault &fault)
{
    (direction == Direction::ClientToServer ? m_up : m_down) = fault;
}

void FaultProxy::clearFaults()
{
    m_up = {};
    m_down = {};
}

void FaultProxy::cutNow()
{
    for (Connection *c : std::as_const(m_connections))
        cut(c);
    m_wasCut = true;
}

void FaultProxy::incomingConnection(qintptr handle)
{
    for (Connection *old : std::as_const(m_connections))
        old->last = false;
    auto *c = new Connection;
    c->last = true;
    m_connections.append(c);
    ++m_connectionCount;
    m_wasCut = false;
    m_wasStalled = false;
    m_lastServerBytes = 0;
    m_lastClientBytes = 0;

    auto *client = new QTcpSocket(this);
    client->setSocketDescriptor(handle);
    auto *server = new QTcpSocket(this);
    c->up.from = client;
    c->up.to = server;
    c->up.fault = m_up;
    c->down.from = server;
    c->down.to = client;
    c->down.fault = m_down;

    connect(client, &QTcpSocket::readyRead, this, [this, c] { pump(c, &c->up); });
    connect(server, &QTcpSocket::readyRead, this, [this, c] { pump(c, &c->down); });
    // What the client said before the server answered the connect waits in the client's buffer.
    connect(server, &QTcpSocket::connected, this, [this, c] { pump(c, &c->up); });
    connect(client, &QTcpSocket::disconnected, this, [this, c] { onSourceClosed(c, &c->up); });
    connect(server, &QTcpSocket::disconnected, this, [this, c] { onSourceClosed(c, &c->down); });
    connect(server, &QTcpSocket::errorOccurred, this, [c, server] {
        if (server->state() != QAbstractSocket::ConnectedState && c->up.from)
            c->up.from->abort(); // the real server is not there: refuse the client too
    });
    server->connectToHost(QHostAddress::LocalHost, m_target);
}

void FaultProxy::pump(Connection *c, Pipe *pipe)
{
    if (c->cut || !pipe->from || !pipe->to || pipe->to->state() != QAbstractSocket::ConnectedState)
        return;
    QByteArray data = pipe->from->readAll();
    if (data.isEmpty())
        return;
    switch (pipe->fault.kind) {
    case Fault::Kind::Trickle: {
        if (pipe->held.isEmpty() && pipe->forwarded < pipe->fault.afterBytes) {
            const qint64 now = qMin<qint64>(data.size(), pipe->fault.afterBytes - pipe->forwarded);
            write(c, pipe, data.left(now));
            data.remove(0, now);
        }
        if (data.isEmpty())
            return;
        pipe->held += data;
        if (!pipe->timer) {
            pipe->timer = std::make_unique<QTimer>();
            pipe->timer->setInterval(qMax(1, pipe->fault.intervalMs));
            QObject::connect(pipe->timer.get(), &QTimer::timeout, this, [this, c, pipe] { drip(c, pipe); });
        }
        if (!pipe->timer->isActive())
            pipe->timer->start();
        return;
    }
    case Fault::Kind::Stall:
        if (pipe->stalled)
            return; // swallowed: the peer waits for ever on an open socket
        [[fallthrough]];
    case Fault::Kind::Cut:
        if (pipe->forwarded + data.size() >= pipe->fault.afterBytes) {
            data.truncate(qMax<qint64>(0, pipe->fault.afterBytes - pipe->forwarded));
            write(c, pipe, data);
            pipe->to->flush();
            if (pipe->fault.kind == Fault::Kind::Cut) {
                cut(c);
            } else {
                pipe->stalled = true;
                if (c->last)
                    m_wasStalled = true;
            }
            return;
        }
        break;
    case Fault::Kind::None:
        break;
    }
    write(c, pipe, data);
}

void FaultProxy::write(Connection *c, Pipe *pipe, const QByteArray &data)
{
    if (data.isEmpty() || !pipe->to)
        return;
    pipe->to->write(data);
    pipe->forwarded += data.size();
    account(c);
}

void FaultProxy::drip(Connection *c, Pipe *pipe)
{
    if (c->cut || !pipe->to) {
        pipe->timer->stop();
        return;
    }
    write(c, pipe, pipe->held.left(qMax(1, pipe->fault.chunk)));
    pipe->held.remove(0, qMax(1, pipe->fault.chunk));
    ++m_trickleWrites;
    if (pipe->held.isEmpty()) {
        pipe->timer->stop();
        if (pipe->closeWhenDrained)
            pipe->to->disconnectFromHost();
    }
}

void FaultProxy::onSourceClosed(Connection *c, Pipe *pipe)
{
    if (c->cut || !pipe->to)
        return;
    if (!pipe->held.isEmpty())
        pipe->closeWhenDrained = true; // the trickle delivers the rest first
    else
        pipe->to->disconnectFromHost();
}

void FaultProxy::cut(Connection *c)
{
    if (c->cut)
        return;
    c->cut = true;
    if (c->last)
        m_wasCut = true;
    for (Pipe *p : {&c->up, &c->down}) {
        if (p->timer)
            p->timer->stop();
        p->held.clear();
    }
    // abort(): no FIN handshake, no TLS close_notify: as if the network went away.
    if (c->up.from)
        c->up.from->abort();
    if (c->up.to)
        c->up.to->abort();
}

void FaultProxy::account(Connection *c)
{
    if (!c->last)
        return;
    m_lastClientBytes = c->up.forwarded;
    m_lastServerBytes = c->down.forwarded;
}

} // namespace Petrel::Test
