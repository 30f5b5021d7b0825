#include "CutProxy.h"

namespace Petrel::Test {

CutProxy::CutProxy(quint16 targetPort, QObject *parent) : QTcpServer(parent), m_target(targetPort) {}

bool CutProxy::start()
{
    return listen(QHostAddress::LocalHost, 0);
}

void CutProxy::incomingConnection(qintptr handle)
{
    // One connection at a time: the fetcher uses one.
    auto *client = new QTcpSocket(this);
    client->setSocketDescriptor(handle);
    auto *server = new QTcpSocket(this);
    m_client = client;
    m_server = server;
    m_wasCut = false;
    m_serverBytes = 0;
    m_clientBytes = 0;
    connect(server, &QTcpSocket::readyRead, this, [this, server, client] {
        forward(server, client, &m_serverBytes, m_cutServer);
    });
    connect(client, &QTcpSocket::readyRead, this, [this, server, client] {
        if (server->state() == QAbstractSocket::ConnectedState)
            forward(client, server, &m_clientBytes, m_cutClient);
    });
    connect(server, &QTcpSocket::connected, this, [this, server, client] {
        forward(client, server, &m_clientBytes, m_cutClient);
    });
    connect(server, &QTcpSocket::disconnected, client, [client] { client->disconnectFromHost(); });
    connect(client, &QTcpSocket::disconnected, server, [server] { server->disconnectFromHost(); });
    server->connectToHost(QHostAddress::LocalHost, m_target);
}

void CutProxy::forward(QTcpSocket *from, QTcpSocket *to, qint64 *count, qint64 limit)
{
    if (m_wasCut)
        return;
    QByteArray data = from->readAll();
    if (limit >= 0 && *count + data.size() >= limit) {
        data.truncate(qMax<qint64>(0, limit - *count));
        to->write(data);
        to->flush();
        *count += data.size();
        cut();
        return;
    }
    *count += data.size();
    to->write(data);
}

void CutProxy::cut()
{
    m_wasCut = true;
    // abort(): no FIN handshake, no TLS close_notify: as if the network went away.
    if (m_client)
        m_client->abort();
    if (m_server)
        m_server->abort();
}

} // namespace Petrel::Test
