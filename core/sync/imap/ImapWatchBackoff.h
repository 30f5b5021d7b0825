#pragma once

namespace Petrel::Core {

// When a folder watcher tries to reconnect after its connection was lost or refused: exponential
// backoff with jitter, so many clients cut off together do not return together, and a long pause
// after a refused login, so a wrong password does not hammer the server (or lock the account).
// Pure: the random part is passed in, so the schedule is unit-tested.
struct ImapWatchBackoff
{
    int initialMs = 2000;           // after the first failure
    int maxMs = 5 * 60 * 1000;      // the cap of the doubling
    int authFailureMs = 30 * 60 * 1000; // after the server refused the credentials
    double jitter = 0.2;            // each delay varies by up to ±jitter of itself (0..1)

    // The delay before the next attempt after `failures` consecutive failures (1 = the first),
    // given a uniform random number in [0, 1). Never below 1 ms, never above the cap (or
    // authFailureMs when authFailure), whatever the inputs.
    int delayMs(int failures, bool authFailure, double unitRandom) const;
};

} // namespace Petrel::Core
