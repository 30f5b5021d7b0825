#include "pop3/Pop3Job.h"

namespace Petrel::Pop3 {

void Pop3Job::cancel()
{
    if (!m_finished)
        Q_EMIT cancelRequested();
}

void Pop3Job::finish(const Pop3Result &result)
{
    if (m_finished)
        return;
    m_finished = true;
    QMetaObject::invokeMethod(
        this,
        [this, result] {
            Q_EMIT finished(result);
            deleteLater();
        },
        Qt::QueuedConnection);
}

} // namespace Petrel::Pop3
