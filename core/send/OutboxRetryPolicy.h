#pragma once

#include <QDateTime>

namespace Petrel::Core {

// When a message that could not be delivered (a 4xx answer, a network error) is tried again:
// 30 s after the first attempt, doubling up to an hour between attempts. The outbox never gives
// up by itself; the user sees the last error and can retry or remove the message.
struct OutboxRetryPolicy
{
    static constexpr qint64 FirstDelaySeconds = 30;
    static constexpr qint64 MaxDelaySeconds = 3600;

    // attempts: how many attempts were made so far (at least 1).
    static qint64 delaySeconds(int attempts);
    static QDateTime nextAttempt(int attempts, const QDateTime &now) { return now.addSecs(delaySeconds(attempts)); }
};

} // namespace Petrel::Core
