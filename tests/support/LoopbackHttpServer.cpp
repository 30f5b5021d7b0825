#include "LoopbackHttpServer.h"

#include <QTcpSocket>

#include <memory>

namespace Petrel::Test {

LoopbackHttpServer::LoopbackHttpServer(QObject *parent)
    : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &LoopbackHttpServer::onConnection);
}

bool LoopbackHttpServer::start()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl LoopbackHttpServer::url(const QString &path) const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port()).arg(path));
}

void LoopbackHttpServer::serveFile(const QByteArray &path, const QByteArray &body, const QByteArray &type)
{
    serve(path, {200, body, {{"Content-Type", type}}});
}

void LoopbackHttpServer::serveRedirect(const QByteArray &path, const QByteArray &location)
{
    serve(path, {302, QByteArray(), {{"Location", location}}});
}

void LoopbackHttpServer::onConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        auto buffer = std::make_shared<QByteArray>();
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] {
            buffer->append(socket->readAll());
            if (!buffer->contains("\r\n\r\n") || buffer->size() > 65536)
                return;
            const QByteArray requestLine = buffer->left(buffer->indexOf("\r\n"));
            buffer->clear();
            const QList<QByteArray> parts = requestLine.split(' ');
            const QByteArray target = parts.size() > 1 ? parts.at(1) : QByteArray("/");
            m_requests.append(parts.value(0) + ' ' + target);
            const QByteArray path = target.left(target.indexOf('?') < 0 ? target.size() : target.indexOf('?'));
            const Response response = m_routes.value(path, Response{404, QByteArray("not found"), {}});
            QByteArray reply = "HTTP/1.1 " + QByteArray::number(response.status) + " Test\r\n";
            for (const auto &[name, value] : response.headers)
                reply += name + ": " + value + "\r\n";
            reply += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\nConnection: close\r\n\r\n";
            reply += response.body;
            socket->write(reply);
            socket->disconnectFromHost();
        });
    }
}

} // namespace Petrel::Test
