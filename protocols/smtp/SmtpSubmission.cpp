#include "smtp/SmtpSubmission.h"

namespace Petrel::Smtp {

void SmtpSubmission::cancel()
{
    if (!m_finished)
        Q_EMIT cancelRequested();
}

void SmtpSubmission::finish(const SmtpResult &result)
{
    if (m_finished)
        return;
    m_finished = true;
    m_message.data.clear(); // may be large; no longer needed
    QMetaObject::invokeMethod(
        this,
        [this, result] {
            Q_EMIT finished(result);
            deleteLater();
        },
        Qt::QueuedConnection);
}

} // namespace Petrel::Smtp
