#include "send/OutboxRetryPolicy.h"

#include <QtGlobal>

namespace Petrel::Core {

qint64 OutboxRetryPolicy::delaySeconds(int attempts)
{
    qint64 delay = FirstDelaySeconds;
    // Bounded: the cap is reached after a few doublings whatever attempts says.
    for (int i = 1; i < attempts && delay < MaxDelaySeconds; ++i)
        delay *= 2;
    return qMin(delay, MaxDelaySeconds);
}

} // namespace Petrel::Core
