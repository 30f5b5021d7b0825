#pragma once

#include "sync/imap/ImapSyncResult.h"

#include <QObject>
#include <QPointer>

namespace Petrel::Imap {
class ImapOperation;
}

namespace Petrel::Core {

// What the parts of a sync pass (pending-operation replay, one folder's sync) share: the result
// they write into, the IMAP operation under way, and exactly one finished() per step, always
// from the event loop (the engine may delete the step in its slot).
class ImapSyncStep : public QObject
{
    Q_OBJECT

public:
    // Cancels the operation under way; the step finishes as Cancelled.
    void abort();

Q_SIGNALS:
    void finished(bool ok); // ok false: result->error and message say why

protected:
    ImapSyncStep(ImapSyncResult *result, QObject *parent);

    void finish(bool ok);
    bool isFinished() const { return m_finished; }

    ImapSyncResult *m_result;
    QPointer<Imap::ImapOperation> m_op;

private:
    bool m_finished = false;
};

} // namespace Petrel::Core
