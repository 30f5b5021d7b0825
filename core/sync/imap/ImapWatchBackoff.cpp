#include "sync/imap/ImapWatchBackoff.h"

#include <QtGlobal>

#include <algorithm>

namespace Petrel::Core {

int ImapWatchBackoff::delayMs(int failures, bool authFailure, double unitRandom) const
{
    const qint64 cap = qMax(1, authFailure ? qMax(authFailureMs, maxMs) : maxMs);
    qint64 base = authFailure ? qint64(authFailureMs) : qint64(initialMs);
    if (!authFailure) {
        // Doubling stops at the cap; the shift is bounded so it cannot overflow.
        for (int i = 1; i < failures && base < cap; ++i)
            base *= 2;
    }
    base = std::clamp<qint64>(base, 1, cap);
    const double spread = std::clamp(jitter, 0.0, 1.0);
    const double r = std::clamp(unitRandom, 0.0, 1.0);
    const double factor = 1.0 - spread + 2.0 * spread * r; // in [1 - spread, 1 + spread]
    return int(std::clamp<qint64>(qint64(double(base) * factor), 1, cap));
}

} // namespace Petrel::Core
