#include "accounts/CheckScheduler.h"

#include <limits>

namespace Petrel::Core {

CheckScheduler::CheckScheduler(QObject *parent) : QObject(parent)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &CheckScheduler::fireDue);
}

void CheckScheduler::setInterval(qint64 accountId, std::chrono::milliseconds interval)
{
    if (interval <= std::chrono::milliseconds::zero()) {
        remove(accountId);
        return;
    }
    Entry &e = m_entries[accountId];
    e.interval = interval;
    if (!e.running)
        e.next = QDeadlineTimer(interval);
    rearm();
}

void CheckScheduler::remove(qint64 accountId)
{
    auto it = m_entries.find(accountId);
    if (it == m_entries.end())
        return;
    if (it->running) {
        // Keep the entry until the running check reports; it will not be scheduled again.
        it->interval = std::chrono::milliseconds::zero();
        it->wantedNow = false;
        it->next = QDeadlineTimer(QDeadlineTimer::Forever);
    } else {
        m_entries.erase(it);
    }
    rearm();
}

void CheckScheduler::checkNow(qint64 accountId)
{
    Entry &e = m_entries[accountId];
    if (e.running) {
        e.wantedNow = true;
        return;
    }
    e.next = QDeadlineTimer(0);
    rearm();
}

void CheckScheduler::checkFinished(qint64 accountId)
{
    auto it = m_entries.find(accountId);
    if (it == m_entries.end() || !it->running)
        return;
    it->running = false;
    if (it->wantedNow) {
        it->wantedNow = false;
        it->next = QDeadlineTimer(0);
    } else if (it->interval > std::chrono::milliseconds::zero()) {
        it->next = QDeadlineTimer(it->interval);
    } else {
        m_entries.erase(it); // removed while it ran, and not asked for since
    }
    rearm();
}

bool CheckScheduler::isChecking(qint64 accountId) const
{
    return m_entries.value(accountId).running;
}

qint64 CheckScheduler::remainingMs(qint64 accountId) const
{
    const auto it = m_entries.constFind(accountId);
    if (it == m_entries.cend() || it->running || it->next.isForever())
        return -1;
    return it->next.remainingTime();
}

void CheckScheduler::rearm()
{
    qint64 soonest = std::numeric_limits<qint64>::max();
    for (const Entry &e : std::as_const(m_entries)) {
        if (!e.running && !e.next.isForever())
            soonest = qMin(soonest, e.next.remainingTime());
    }
    if (soonest == std::numeric_limits<qint64>::max()) {
        m_timer.stop();
        return;
    }
    // QTimer takes int milliseconds; a week is far below that, and a later wake-up just re-arms.
    m_timer.start(int(qMin<qint64>(soonest, std::numeric_limits<int>::max())));
}

void CheckScheduler::fireDue()
{
    QList<qint64> due;
    for (auto it = m_entries.begin(); it != m_entries.end(); ++it) {
        if (!it->running && !it->next.isForever() && it->next.hasExpired()) {
            it->running = true;
            it->next = QDeadlineTimer(QDeadlineTimer::Forever);
            due.append(it.key());
        }
    }
    rearm();
    for (qint64 id : std::as_const(due))
        Q_EMIT checkDue(id);
}

} // namespace Petrel::Core
