#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QTcpServer>
#include <QUrl>

namespace Petrel::Test {

// A minimal HTTP/1.1 server on 127.0.0.1 for tests that fetch files (autoconfig): one request per
// connection, answers from a table of paths, records every request line it saw.
class LoopbackHttpServer : public QObject
{
    Q_OBJECT

public:
    struct Response
    {
        int status = 200;
        QByteArray body;
        QList<std::pair<QByteArray, QByteArray>> headers;
    };

    explicit LoopbackHttpServer(QObject *parent = nullptr);

    bool start();
    quint16 port() const { return m_server.serverPort(); }
    // http://127.0.0.1:<port><path>
    QUrl url(const QString &path) const;

    // Unknown paths answer 404.
    void serve(const QByteArray &path, const Response &response) { m_routes.insert(path, response); }
    void serveFile(const QByteArray &path, const QByteArray &body, const QByteArray &type = "text/xml");
    void serveRedirect(const QByteArray &path, const QByteArray &location);

    // "GET /path?query" of every request, in order.
    QList<QByteArray> requests() const { return m_requests; }

private:
    void onConnection();

    QTcpServer m_server;
    QHash<QByteArray, Response> m_routes;
    QList<QByteArray> m_requests;
};

} // namespace Petrel::Test
