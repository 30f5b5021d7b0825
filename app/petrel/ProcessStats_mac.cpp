// macOS: the start time from the kernel's process table (sysctl), the peak from getrusage().
#include "ProcessStats.h"

#include <sys/resource.h>
#include <sys/sysctl.h>
#include <sys/time.h>
#include <unistd.h>

namespace Petrel::App {

double secondsSinceProcessStart()
{
    int query[4] = {CTL_KERN, KERN_PROC, KERN_PROC_PID, int(getpid())};
    kinfo_proc info{};
    size_t size = sizeof info;
    timeval now{};
    if (sysctl(query, 4, &info, &size, nullptr, 0) != 0 || size == 0 || gettimeofday(&now, nullptr) != 0)
        return -1;
    const timeval start = info.kp_proc.p_starttime; // wall-clock time of the fork
    return double(now.tv_sec - start.tv_sec) + double(now.tv_usec - start.tv_usec) / 1e6;
}

qint64 peakResidentBytes()
{
    rusage usage{};
    if (getrusage(RUSAGE_SELF, &usage) != 0)
        return -1;
    return qint64(usage.ru_maxrss); // bytes on macOS
}

} // namespace Petrel::App
