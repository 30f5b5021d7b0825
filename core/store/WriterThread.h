#pragma once

#include <QObject>
#include <QString>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace Petrel::Store {

class StoreWriter;

// Store work on a thread of its own, with its own writer connection to the store file: a sync
// goes on reading the network while the previous batch is parsed into SQLite. Work runs in the
// order submitted, each item typically one transaction. What an item returns runs afterwards on
// the owner's thread; a StoreError thrown by an item is handed to its onFailure there instead,
// and every later item is dropped unrun and reported with that first error's text (later
// batches must not land when an earlier one did not). The destructor runs what was submitted,
// then joins the thread. Only for a store in a file of its own: an in-memory database cannot
// be opened twice (Database::canOpenTwice).
class WriterThread : public QObject
{
    Q_OBJECT

public:
    using Done = std::function<void()>;
    using Work = std::function<Done(StoreWriter &writer)>;
    using Failed = std::function<void(const QString &error)>;

    explicit WriterThread(const QString &databasePath, QObject *parent = nullptr);
    ~WriterThread() override;

    void submit(Work work, Failed onFailure);
    // Items submitted whose outcome has not run on the owner's thread yet.
    int pending() const { return m_pending; }

private:
    struct Item
    {
        Work work;
        Failed onFailure;
    };
    void run();
    void deliver(Done done);

    const QString m_path;
    int m_pending = 0; // owner's thread only

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Item> m_items;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace Petrel::Store
