#pragma once

#include "store/Pop3Download.h"

#include <QDateTime>
#include <QObject>
#include <QString>

namespace Petrel::Store {
class WriterThread;
}

namespace Petrel::Core {

// Writes the POP3 check's batches into the archive on a thread of its own, with its own writer
// connection to the store file (Store::WriterThread), so the download goes on while a batch is
// parsed into SQLite and synced (each batch is still one durable transaction:
// Pop3UidlStore::insertDownloaded). Batches are written in the order they were submitted. Each
// outcome comes back on the owner's thread as committed() or failed(); after a failure the rest
// is dropped unwritten, each with failed() and the first failure's text. The destructor writes
// what was submitted, then joins the thread.
class Pop3ArchiveWriter : public QObject
{
    Q_OBJECT

public:
    Pop3ArchiveWriter(const QString &databasePath, qint64 accountId, qint64 folderId, QObject *parent = nullptr);
    ~Pop3ArchiveWriter() override;

    void submit(QList<Store::Pop3Download> batch, const QDateTime &now);
    // Batches submitted whose outcome has not been delivered yet.
    int pending() const;

Q_SIGNALS:
    void committed(const Petrel::Store::Pop3BatchResult &result);
    void failed(const QString &error);

private:
    const qint64 m_accountId;
    const qint64 m_folderId;
    Store::WriterThread *m_thread;
};

} // namespace Petrel::Core
