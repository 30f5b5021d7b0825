#pragma once

#include "store/Pop3Download.h"
#include "store/Pop3UidlState.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QStringList>

#include <memory>

namespace Petrel::Store {

class Database;
class MessageInserter;

// The POP3 archive's state in the store (table pop3_uidls). A UIDL counts as downloaded from the
// commit of its message on, even after the user moved or deleted that message, so it is never
// fetched twice. Works on the caller's connection (the account's writer for the write methods);
// each write is one transaction and throws StoreError, in which case nothing of it was written.
class Pop3UidlStore
{
public:
    explicit Pop3UidlStore(Database &db);
    ~Pop3UidlStore();
    Pop3UidlStore(const Pop3UidlStore &) = delete;
    Pop3UidlStore &operator=(const Pop3UidlStore &) = delete;

    // Every UIDL committed for the account, keyed by UIDL. Works on a reader connection too.
    QHash<QString, Pop3UidlState> knownUidls(qint64 accountId);

    // The messages and their UIDL rows in ONE transaction: after a crash either all of the batch
    // is there or none. A UIDL known already is skipped, as is a repeat within the batch.
    Pop3BatchResult insertDownloaded(qint64 accountId, qint64 folderId, const QList<Pop3Download> &downloads,
                                     const QDateTime &now);

    // Records that the server removed these (its QUIT was answered +OK after their DELE).
    void markDeletedFromServer(qint64 accountId, const QStringList &uidls);

private:
    Database &m_db;
    std::unique_ptr<MessageInserter> m_inserter;
};

} // namespace Petrel::Store
