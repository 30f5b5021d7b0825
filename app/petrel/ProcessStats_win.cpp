// Windows: the creation time from GetProcessTimes(), the peak working set from
// GetProcessMemoryInfo().
#include "ProcessStats.h"

#include <windows.h>
#include <psapi.h>

namespace Petrel::App {

namespace {
qint64 hundredNanoseconds(const FILETIME &t)
{
    return (qint64(t.dwHighDateTime) << 32) | qint64(t.dwLowDateTime);
}
} // namespace

double secondsSinceProcessStart()
{
    FILETIME created{}, exited{}, kernel{}, user{}, now{};
    if (!GetProcessTimes(GetCurrentProcess(), &created, &exited, &kernel, &user))
        return -1;
    GetSystemTimePreciseAsFileTime(&now);
    return double(hundredNanoseconds(now) - hundredNanoseconds(created)) / 1e7;
}

qint64 peakResidentBytes()
{
    PROCESS_MEMORY_COUNTERS counters{};
    if (!GetProcessMemoryInfo(GetCurrentProcess(), &counters, sizeof counters))
        return -1;
    return qint64(counters.PeakWorkingSetSize);
}

} // namespace Petrel::App
