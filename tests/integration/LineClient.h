#pragma once

#include "net/Connection.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace Petrel::Test {

// Drives a Net::Connection line by line, synchronously, for tests that talk to the real servers
// before Petrel's protocol clients exist for them. Every wait is bounded.
class LineClient
{
public:
    explicit LineClient(int timeoutMs = 20000);

    bool connectTo(const Net::ConnectionSettings &settings);
    // Sends "command\r\n" (nothing when command is empty) and collects reply lines until isLast
    // accepts one. Returns the lines, or nullopt on timeout or a connection failure.
    std::optional<QList<QByteArray>> exchange(const QByteArray &command,
                                              const std::function<bool(const QByteArray &)> &isLast);
    bool startTls();
    void close();

    Net::Connection &connection() { return m_connection; }
    // The connection's failure, if one happened.
    std::optional<Net::ConnectionError> error() const { return m_error; }
    QString describe() const;

private:
    bool waitFor(const std::function<bool()> &done);

    Net::Connection m_connection;
    int m_timeoutMs;
    std::optional<Net::ConnectionError> m_error;
    bool m_connected = false;
    bool m_encrypted = false;
    QList<QByteArray> m_lines;
};

} // namespace Petrel::Test
