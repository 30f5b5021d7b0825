#include "ImapSyncStep.h"

#include "imap/ImapOperation.h"
#include "imap/ImapSession.h"

#include <QTimer>

namespace Petrel::Core {

ImapSyncStep::ImapSyncStep(ImapSyncResult *result, QObject *parent)
    : QObject(parent)
    , m_result(result)
{
}

void ImapSyncStep::abort()
{
    if (m_finished)
        return;
    if (m_op)
        m_op->cancel();
    m_result->error = ImapSyncResult::Error::Cancelled;
    m_result->message = QStringLiteral("The sync was cancelled");
    finish(false);
}

void ImapSyncStep::finish(bool ok)
{
    if (m_finished)
        return;
    m_finished = true;
    QTimer::singleShot(0, this, [this, ok] { Q_EMIT finished(ok); });
}

} // namespace Petrel::Core
