#include "LineClient.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QTimer>

namespace Petrel::Test {

LineClient::LineClient(int timeoutMs)
    : m_timeoutMs(timeoutMs)
{
    QObject::connect(&m_connection, &Net::Connection::connected, [this] { m_connected = true; });
    QObject::connect(&m_connection, &Net::Connection::encrypted, [this] { m_encrypted = true; });
    QObject::connect(&m_connection, &Net::Connection::failed,
                     [this](const Net::ConnectionError &e) { m_error = e; });
    QObject::connect(&m_connection, &Net::Connection::readyRead, [this] {
        while (m_connection.canReadLine()) {
            if (std::optional<QByteArray> line = m_connection.readLine())
                m_lines.append(*line);
        }
    });
}

bool LineClient::waitFor(const std::function<bool()> &done)
{
    const QDeadlineTimer deadline(m_timeoutMs);
    while (!done() && !m_error && !deadline.hasExpired()) {
        QEventLoop loop;
        QTimer::singleShot(10, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return done();
}

bool LineClient::connectTo(const Net::ConnectionSettings &settings)
{
    m_connection.connectToServer(settings);
    return waitFor([this] { return m_connected; });
}

std::optional<QList<QByteArray>> LineClient::exchange(const QByteArray &command,
                                                      const std::function<bool(const QByteArray &)> &isLast)
{
    if (!command.isEmpty() && !m_connection.write(command + "\r\n"))
        return std::nullopt;
    QList<QByteArray> reply;
    bool complete = false;
    waitFor([&] {
        while (!complete && !m_lines.isEmpty()) {
            reply.append(m_lines.takeFirst());
            complete = isLast(reply.last());
        }
        return complete;
    });
    if (!complete) {
        qWarning("LineClient: no complete reply (%s); got %lld lines", qPrintable(describe()), qlonglong(reply.size()));
        return std::nullopt;
    }
    m_connection.setAwaitingReply(false);
    return reply;
}

bool LineClient::startTls()
{
    m_encrypted = false;
    m_connection.startTls();
    return waitFor([this] { return m_encrypted; });
}

void LineClient::close()
{
    m_connection.close();
}

QString LineClient::describe() const
{
    if (!m_error)
        return QStringLiteral("timed out");
    return m_error->message + QStringLiteral(" (") + m_error->detail + QLatin1Char(')');
}

} // namespace Petrel::Test
