// Linux: the start time from /proc/self/stat, the peak from getrusage().
#include "ProcessStats.h"

#include <QByteArray>
#include <QFile>
#include <QList>

#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

namespace Petrel::App {

double secondsSinceProcessStart()
{
    // Field 22 of /proc/self/stat is the start in clock ticks since boot (CLOCK_BOOTTIME). A tick
    // is 10 ms on common kernels: the start is rounded down, so the figure is at most that high.
    QFile stat(QStringLiteral("/proc/self/stat"));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray line = stat.readAll();
    // The command name (field 2) may hold spaces and parentheses: fields are counted after its ')'.
    const qsizetype close = line.lastIndexOf(')');
    if (close < 0)
        return -1;
    const QList<QByteArray> fields = line.mid(close + 2).split(' '); // fields[0] is field 3
    if (fields.size() < 20)
        return -1;
    bool ok = false;
    const qulonglong startTicks = fields.at(19).toULongLong(&ok);
    const long ticksPerSecond = sysconf(_SC_CLK_TCK);
    timespec now{};
    if (!ok || ticksPerSecond <= 0 || clock_gettime(CLOCK_BOOTTIME, &now) != 0)
        return -1;
    return double(now.tv_sec) + double(now.tv_nsec) / 1e9 - double(startTicks) / double(ticksPerSecond);
}

qint64 peakResidentBytes()
{
    rusage usage{};
    if (getrusage(RUSAGE_SELF, &usage) != 0)
        return -1;
    return qint64(usage.ru_maxrss) * 1024; // kilobytes on Linux
}

} // namespace Petrel::App
