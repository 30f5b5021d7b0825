#pragma once

#include <QDeadlineTimer>
#include <QHash>
#include <QObject>
#include <QTimer>

#include <chrono>

namespace Petrel::Core {

// Decides when each account's mail is checked: every account with an interval is checked that
// often, and at once when the user asks ("check now"). One account never has two checks at a
// time: what comes due while a check runs waits for checkFinished(), and the next interval is
// counted from the end of the check, so a slow server is not asked again the moment it answers.
// Intervals are durations, so tests run on milliseconds and the application on minutes.
class CheckScheduler : public QObject
{
    Q_OBJECT

public:
    explicit CheckScheduler(QObject *parent = nullptr);

    // Schedules the account (the first check one interval from now); zero unschedules it, but a
    // check already due or running still reports through checkFinished().
    void setInterval(qint64 accountId, std::chrono::milliseconds interval);
    void remove(qint64 accountId);
    // Due at once (from the event loop); if a check is running, right after it finishes.
    void checkNow(qint64 accountId);
    // The check that checkDue() started has ended; the next one is an interval from now.
    void checkFinished(qint64 accountId);

    bool isChecking(qint64 accountId) const;
    // Milliseconds until the account's next scheduled check; -1 when none is scheduled.
    qint64 remainingMs(qint64 accountId) const;

Q_SIGNALS:
    void checkDue(qint64 accountId);

private:
    struct Entry
    {
        std::chrono::milliseconds interval{0};
        QDeadlineTimer next{QDeadlineTimer::Forever};
        bool running = false;
        bool wantedNow = false; // checkNow() while running: check again when it ends
    };

    void rearm();
    void fireDue();

    QHash<qint64, Entry> m_entries;
    QTimer m_timer;
};

} // namespace Petrel::Core
