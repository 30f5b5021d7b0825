#include "sync/pop3/Pop3ArchiveWriter.h"

#include "store/Pop3UidlStore.h"
#include "store/StoreWriter.h"
#include "store/WriterThread.h"

namespace Petrel::Core {

Pop3ArchiveWriter::Pop3ArchiveWriter(const QString &databasePath, qint64 accountId, qint64 folderId,
                                     QObject *parent)
    : QObject(parent), m_accountId(accountId), m_folderId(folderId),
      m_thread(new Store::WriterThread(databasePath, this))
{
}

Pop3ArchiveWriter::~Pop3ArchiveWriter() = default;

int Pop3ArchiveWriter::pending() const
{
    return m_thread->pending();
}

void Pop3ArchiveWriter::submit(QList<Store::Pop3Download> batch, const QDateTime &now)
{
    m_thread->submit(
        [this, batch = std::move(batch), now](Store::StoreWriter &writer) -> Store::WriterThread::Done {
            Store::Pop3UidlStore store(writer.database());
            const Store::Pop3BatchResult result = store.insertDownloaded(m_accountId, m_folderId, batch, now);
            return [this, result] { Q_EMIT committed(result); };
        },
        [this](const QString &error) { Q_EMIT failed(error); });
}

} // namespace Petrel::Core
