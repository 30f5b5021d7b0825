#pragma once

#include "store/InsertResult.h"
#include "store/MessageRecord.h"

#include <QList>

namespace Petrel::Store {

class Database;
class Statement;

// Inserts batches of messages with their raw bytes, attachments and full-text rows, reusing one
// set of prepared statements. It runs inside the caller's transaction (StoreWriter opens one per
// batch), so a batch is all there or not at all. The Database must outlive the inserter.
class MessageInserter
{
public:
    explicit MessageInserter(Database &db);

    // Throws StoreError (NotFound for an unknown folder; InvalidArgument outside a transaction).
    InsertResult insert(qint64 folderId, const QList<MessageRecord> &records, DuplicatePolicy policy);

    // Gives the headers-only message with record.uid in the folder its body; nullopt (and nothing
    // written) when there is none or it has a body already. Same transaction rule as insert().
    std::optional<qint64> attachBody(qint64 folderId, const MessageRecord &record);

private:
    void insertParts(qint64 id, const MessageRecord &record);
    std::optional<qint64> findDuplicate(qint64 folderId, const MessageRecord &record, const QString &hash,
                                        DuplicatePolicy policy);
    std::optional<qint64> lookup(Statement &statement, qint64 folderId);
    qint64 insertOne(qint64 folderId, const MessageRecord &record, const QString &hash);

    Database &m_db;
    Statement &m_folderExists;
    Statement &m_byHash;
    Statement &m_byUid;
    Statement &m_byUidl;
    Statement &m_delete;
    Statement &m_insertMessage;
    Statement &m_insertRaw;
    Statement &m_insertAttachment;
    Statement &m_insertFts;
    Statement &m_bodyless;
    Statement &m_setBody;
    Statement &m_deleteAttachments;
    Statement &m_deleteFts;
};

} // namespace Petrel::Store
