#include "store/WriterThread.h"

#include "store/Database.h"
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

namespace {
// The WAL may grow this far while work keeps coming (64 MB of 4 KB pages); then a checkpoint
// runs between two items even though more wait.
constexpr int MaxWalPagesWhileBusy = 16384;
} // namespace

void WriterThread::run()
{
    // The connection is opened here: it belongs to this thread for its whole life.
    std::unique_ptr<StoreWriter> writer;
    QString brokenBy; // the first failure's text; once set, nothing more runs
    for (;;) {
        Item item;
        bool idle = false;
        {
            std::unique_lock lock(m_mutex);
            idle = m_items.empty();
        }
        // Checkpoint while there is nothing to write (the sync is reading the network meanwhile),
        // not inside a commit: each one costs two fsyncs, most of a batch's time when every
        // commit of a large sync crossed SQLite's automatic threshold (tests/benchmarks/README.md).
        if (writer && brokenBy.isEmpty() && (idle || writer->database().walPages() > MaxWalPagesWhileBusy)) {
            try {
                if (writer->database().walPages() > 0)
                    writer->database().checkpoint();
            } catch (const StoreError &e) {
                brokenBy = e.text();
            }
        }
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
                if (!writer) {
                    writer = std::make_unique<StoreWriter>(m_path);
                    writer->database().deferCheckpoints();
                }
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
