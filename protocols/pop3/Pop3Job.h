#pragma once

#include "pop3/Pop3Result.h"

#include <QObject>

namespace Petrel::Pop3 {

// One queued POP3 operation of a Pop3Session. It emits finished() exactly once, always from the
// event loop (never inside the call that created it), then deletes itself.
class Pop3Job : public QObject
{
    Q_OBJECT

public:
    explicit Pop3Job(QObject *parent = nullptr) : QObject(parent) {}

    // Not yet sent: finishes Cancelled and nothing is sent. Already sent: POP3 cannot interrupt a
    // reply, so the session aborts the connection and every queued job finishes Cancelled.
    void cancel();
    bool isFinished() const { return m_finished; }

    // Used by the session: records the result and schedules finished().
    void finish(const Pop3Result &result);

Q_SIGNALS:
    void finished(const Petrel::Pop3::Pop3Result &result);
    void cancelRequested(); // to the session

private:
    bool m_finished = false;
};

} // namespace Petrel::Pop3
