#pragma once

#include "store/InsertResult.h"
#include "store/MessageRecord.h"

#include <QList>

namespace Petrel::Store {

class Database;
class Statement;

// Inserts batches of messages with their raw bytes, attachments and search rows (full-text and
// header trigrams), reusing one set of prepared statements. It runs inside the caller's
// transaction (StoreWriter opens one per batch), so a batch is all there or not at all. The
// Database must outlive the inserter.
//
// A batch writes its search rows last, after every message row. Once an FTS5 table has been
// written in a transaction, every later statement that opens a statement savepoint (an insert
// into messages does: triggers, unique indexes) makes FTS5 flush its pending terms as a new
// segment: one per message and index, whose merges cost more than the rows themselves (an SQL
// replay of 10,000 headers-only rows: 1.95 s interleaved, 0.73 s with the search rows last;
// README.md, Benchmarks).
class MessageInserter
{
public:
    explicit MessageInserter(Database &db);

    // Throws StoreError (NotFound for an unknown folder; InvalidArgument outside a transaction).
    InsertResult insert(qint64 folderId, const QList<MessageRecord> &records, DuplicatePolicy policy);

    // Gives each headers-only message with a record's uid in the folder its body; a record whose
    // message is not there or has a body already writes nothing. Returns the UIDs that got their
    // body. Same transaction rule as insert().
    QList<quint32> attachBodies(qint64 folderId, const QList<MessageRecord> &records);

private:
    struct SearchRow
    {
        qint64 id = 0;
        QString subject;
        QString sender;
        QString recipients;
        QString body;
    };

    void insertParts(qint64 id, const MessageRecord &record);
    std::optional<qint64> attachBodyRow(qint64 folderId, const MessageRecord &record);
    enum class SearchRows { OfNewMessages, OfNewBodies };
    void writeSearchRows(SearchRows kind);
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
    Statement &m_insertTrigrams;
    Statement &m_bodyless;
    Statement &m_setBody;
    Statement &m_deleteAttachments;
    Statement &m_deleteFts;
    QList<SearchRow> m_pendingSearch; // this batch's, written by writeSearchRows()
};

} // namespace Petrel::Store
