#pragma once

#include "store/AccountRow.h"
#include "store/FolderRow.h"
#include "store/InsertResult.h"
#include "store/MessageFlag.h"
#include "store/MessageRecord.h"
#include "store/Transaction.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>

namespace Petrel::Store {

class Database;
class MessageInserter;

// The write side of the store: one per account, owning a Writer connection. Not thread-safe;
// it lives on its account's thread. Each method is one transaction and throws StoreError, in
// which case nothing of that call was written.
class StoreWriter
{
public:
    explicit StoreWriter(const QString &databasePath);
    explicit StoreWriter(std::unique_ptr<Database> writerDatabase);
    ~StoreWriter();
    StoreWriter(const StoreWriter &) = delete;
    StoreWriter &operator=(const StoreWriter &) = delete;

    Database &database() { return *m_db; }

    // Returns the new id. A duplicate name is a Constraint error naming the account.
    qint64 addAccount(const AccountRow &account);
    // Updates every field but id and createdAt, by id.
    void updateAccount(const AccountRow &account);
    // Removes the account with its folders, messages, bodies, attachments, search index rows,
    // pending operations and outbox.
    void removeAccount(qint64 accountId);

    // Returns the folder's id, creating it if needed; an existing folder takes the given role
    // and display name (an empty display name keeps the old one).
    qint64 ensureFolder(qint64 accountId, const QString &path, FolderRole role = FolderRole::None,
                        const QString &displayName = QString());
    void setFolderSyncState(qint64 folderId, qint64 uidValidity, qint64 uidNext, qint64 highestModSeq);
    void removeFolder(qint64 folderId);

    // All records in one transaction; thousands per call are expected. Refetchable durability
    // only for what a server still holds (an IMAP sync's fetch): see Durability.
    InsertResult insertMessages(qint64 folderId, const QList<MessageRecord> &records, DuplicatePolicy policy,
                                Durability durability = Durability::Full);
    // Completes headers-only messages of the folder with their bodies (raw bytes, attachments,
    // search text, preview), matched by record.uid. Messages that already hold a body, and UIDs
    // the folder lacks, are left alone. Returns the UIDs of the messages that got a body.
    QList<quint32> attachBodies(qint64 folderId, const QList<MessageRecord> &records,
                                Durability durability = Durability::Full);
    // Returns how many messages changed. Unknown ids are ignored.
    int setFlags(const QList<qint64> &messageIds, MessageFlags add, MessageFlags remove);
    // Moves messages locally; their IMAP UIDs are cleared (a UID belongs to its folder).
    int moveMessages(const QList<qint64> &messageIds, qint64 targetFolderId);
    int deleteMessages(const QList<qint64> &messageIds);

    qint64 enqueuePendingOperation(qint64 accountId, const QString &kind, const QByteArray &payloadJson);

private:
    void requireRow(const char *table, qint64 id, const QString &operation);

    std::unique_ptr<Database> m_db;
    std::unique_ptr<MessageInserter> m_inserter;
};

} // namespace Petrel::Store
