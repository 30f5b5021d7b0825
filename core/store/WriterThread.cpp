#include "store/WriterThread.h"

#include "store/StoreError.h"
#include "store/StoreWriter.h"

#include <memory>

namespace Petrel::Store {

WriterThread::WriterThread(const QString &databasePath, QObject *parent) : QObject(parent), m_path(databasePath)
{
    m_thread = std::thread([this] { run(); });
}

WriterThread::~WriterThread()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    m_thread.join(); // what was submitted is written first: it saves fetching it again
}

void WriterThread::submit(Work work, Failed onFailure)
{
    ++m_pending;
    {
        std::lock_guard lock(m_mutex);
        m_items.push_back({std::move(work), std::move(onFailure)});
    }
    m_wake.notify_one();
}

void WriterThread::deliver(Done done)
{
    // Queued to the owner's thread. Never to a deleted owner: the destructor joins this thread
    // first, and queued calls to a deleted object are discarded.
    QMetaObject::invokeMethod(
        this,
        [this, done = std::move(done)] {
            --m_pending;
            if (done)
                done();
        },
        Qt::QueuedConnection);
}

void WriterThread::run()
{
    // The connection is opened here: it belongs to this thread for its whole life.
    std::unique_ptr<StoreWriter> writer;
    QString brokenBy; // the first failure's text; once set, nothing more runs
    for (;;) {
        Item item;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || !m_items.empty(); });
            if (m_items.empty())
                return; // stopping, and everything has run
            item = std::move(m_items.front());
            m_items.pop_front();
        }
        if (brokenBy.isEmpty()) {
            try {
                if (!writer)
                    writer = std::make_unique<StoreWriter>(m_path);
                deliver(item.work(*writer));
                continue;
            } catch (const StoreError &e) {
                brokenBy = e.text();
            }
        }
        // Failed, or dropped unrun after an earlier failure, and said so: the owner counts every item back.
        deliver([onFailure = std::move(item.onFailure), text = brokenBy] {
            if (onFailure)
                onFailure(text);
        });
    }
}

} // namespace Petrel::Store
