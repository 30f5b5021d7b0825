#include "sync/pop3/Pop3ArchiveWriter.h"

#include "store/Database.h"
#include "store/Pop3UidlStore.h"
#include "store/StoreError.h"

#include <QPointer>

#include <memory>

namespace Petrel::Core {

Pop3ArchiveWriter::Pop3ArchiveWriter(const QString &databasePath, qint64 accountId, qint64 folderId,
                                     QObject *parent)
    : QObject(parent), m_path(databasePath), m_accountId(accountId), m_folderId(folderId)
{
    m_thread = std::thread([this] { run(); });
}

Pop3ArchiveWriter::~Pop3ArchiveWriter()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    m_thread.join(); // what was submitted is written first: it saves downloading it again
}

void Pop3ArchiveWriter::submit(QList<Store::Pop3Download> batch, const QDateTime &now)
{
    ++m_pending;
    {
        std::lock_guard lock(m_mutex);
        m_jobs.push_back({std::move(batch), now});
    }
    m_wake.notify_one();
}

void Pop3ArchiveWriter::run()
{
    // The connection is opened here: it belongs to this thread for its whole life.
    std::unique_ptr<Store::Database> db;
    std::unique_ptr<Store::Pop3UidlStore> store;
    QString brokenBy; // the first failure's text; once set, nothing more is written
    for (;;) {
        Job job;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || !m_jobs.empty(); });
            if (m_jobs.empty())
                return; // stopping, and everything is written
            job = std::move(m_jobs.front());
            m_jobs.pop_front();
        }
        // Delivered on the owner's thread; dropped if the owner is gone by then (it cannot be:
        // the destructor joins this thread, and queued calls to a deleted object are discarded).
        auto deliver = [this](auto f) { QMetaObject::invokeMethod(this, std::move(f), Qt::QueuedConnection); };
        if (!brokenBy.isEmpty()) {
            // Dropped unwritten, and said so: the owner counts every batch back.
            deliver([this, text = brokenBy] {
                --m_pending;
                Q_EMIT failed(text);
            });
            continue;
        }
        try {
            if (!db) {
                db = Store::Database::open(m_path, Store::Database::Role::Writer);
                store = std::make_unique<Store::Pop3UidlStore>(*db);
            }
            const Store::Pop3BatchResult result = store->insertDownloaded(m_accountId, m_folderId, job.batch, job.now);
            deliver([this, result] {
                --m_pending;
                Q_EMIT committed(result);
            });
        } catch (const Store::StoreError &e) {
            brokenBy = e.text();
            deliver([this, text = brokenBy] {
                --m_pending;
                Q_EMIT failed(text);
            });
        }
    }
}

} // namespace Petrel::Core
