#include "store/MessageInserter.h"

#include "store/ContentHash.h"
#include "store/Database.h"
#include "store/ThreadKey.h"

namespace Petrel::Store {

namespace {

constexpr qsizetype PreviewLength = 200;
// Search covers the first megabyte of text: enough for any real letter, and a pathological body
// cannot blow up the index.
constexpr qsizetype MaxIndexedBodyLength = 1024 * 1024;

qint64 epochMs(const QDateTime &dt)
{
    return dt.isValid() ? dt.toMSecsSinceEpoch() : 0;
}

QString previewOf(const MessageRecord &record)
{
    const QString source = record.preview.isEmpty() ? record.bodyText : record.preview;
    // Only the head is needed: do not simplify a multi-megabyte body.
    return source.left(PreviewLength * 4).simplified().left(PreviewLength);
}

} // namespace

MessageInserter::MessageInserter(Database &db)
    : m_db(db), m_folderExists(db.cached("SELECT 1 FROM folders WHERE id = ?1")),
      m_byHash(db.cached("SELECT id FROM messages WHERE folder_id = ?1 AND content_hash = ?2 LIMIT 1")),
      m_byUid(db.cached("SELECT id FROM messages WHERE folder_id = ?1 AND uid = ?2")),
      m_byUidl(db.cached("SELECT id FROM messages WHERE folder_id = ?1 AND uidl = ?2")),
      m_delete(db.cached("DELETE FROM messages WHERE id = ?1")),
      m_insertMessage(db.cached(
          "INSERT INTO messages (folder_id, uid, uidl, content_hash, subject, from_display, from_address,"
          " to_addresses, cc_addresses, reply_to, date, internal_date, message_id, in_reply_to, "
          "references_ids,"
          " thread_key, size, flags, keywords, has_attachments, preview, has_body)"
          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, "
          "?20,"
          " ?21, ?22)")),
      m_insertRaw(db.cached("INSERT OR REPLACE INTO message_raw (message_id, raw) VALUES (?1, ?2)")),
      m_insertAttachment(
          db.cached("INSERT INTO attachments (message_id, part_path, file_name, content_type, size,"
                    " content_id, is_inline) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")),
      m_insertFts(
          db.cached("INSERT INTO message_fts (rowid, subject, addresses, body) VALUES (?1, ?2, ?3, ?4)")),
      m_insertTrigrams(db.cached(
          "INSERT INTO message_header_trigrams (rowid, sender, recipients, subject) VALUES (?1, ?2, ?3, ?4)")),
      m_bodyless(db.cached("SELECT id, subject, from_display, from_address, to_addresses, cc_addresses FROM messages"
                           " WHERE folder_id = ?1 AND uid = ?2 AND has_body = 0")),
      m_setBody(db.cached("UPDATE messages SET content_hash = ?2, has_attachments = ?3, preview = ?4, has_body = 1,"
                          " size = CASE WHEN size > 0 THEN size ELSE ?5 END WHERE id = ?1")),
      m_deleteAttachments(db.cached("DELETE FROM attachments WHERE message_id = ?1")),
      m_deleteFts(db.cached("DELETE FROM message_fts WHERE rowid = ?1"))
{
}

InsertResult MessageInserter::insert(qint64 folderId, const QList<MessageRecord> &records,
                                     DuplicatePolicy policy)
{
    if (!m_db.inTransaction()) {
        throw StoreError(StoreError::Kind::InvalidArgument, QStringLiteral("insert messages"),
                         QStringLiteral("must run inside a transaction"));
    }
    m_folderExists.reset();
    m_folderExists.bindInt64(1, folderId);
    if (!m_folderExists.step()) {
        throw StoreError(StoreError::Kind::NotFound, QStringLiteral("insert messages"),
                         QStringLiteral("no folder with id %1").arg(folderId));
    }
    m_folderExists.reset();

    m_pendingSearch.clear(); // a batch that threw left its rows here
    InsertResult result;
    result.insertedIds.reserve(records.size());
    for (const MessageRecord &record : records) {
        QString hash = record.contentHash;
        if (hash.isEmpty() && !record.raw.isEmpty()) {
            hash = contentHash(record.raw);
        }
        if (const auto existing = findDuplicate(folderId, record, hash, policy)) {
            if (policy != DuplicatePolicy::Replace) {
                ++result.skipped;
                continue;
            }
            // The delete triggers remove the message's search rows: it may be one of this batch.
            writeSearchRows(SearchRows::OfNewMessages);
            m_delete.reset();
            m_delete.bindInt64(1, *existing).exec();
            ++result.replaced;
        }
        result.insertedIds.append(insertOne(folderId, record, hash));
    }
    writeSearchRows(SearchRows::OfNewMessages);
    return result;
}

std::optional<qint64> MessageInserter::lookup(Statement &statement, qint64 folderId)
{
    statement.bindInt64(1, folderId);
    std::optional<qint64> id;
    if (statement.step()) {
        id = statement.columnInt64(0);
    }
    statement.reset();
    return id;
}

std::optional<qint64> MessageInserter::findDuplicate(qint64 folderId, const MessageRecord &record,
                                                     const QString &hash, DuplicatePolicy policy)
{
    const bool byHash = policy == DuplicatePolicy::SkipSameContentHashInFolder ||
                        (policy == DuplicatePolicy::Replace && !record.uid && record.uidl.isEmpty());
    if (byHash) {
        // A headers-only message without a hash has no identity to compare: never a duplicate.
        if (hash.isEmpty()) {
            return std::nullopt;
        }
        m_byHash.reset();
        m_byHash.bindText(2, hash);
        return lookup(m_byHash, folderId);
    }
    if (record.uid) {
        m_byUid.reset();
        m_byUid.bindInt64(2, *record.uid);
        return lookup(m_byUid, folderId);
    }
    if (!record.uidl.isEmpty()) {
        m_byUidl.reset();
        m_byUidl.bindText(2, record.uidl);
        return lookup(m_byUidl, folderId);
    }
    return std::nullopt;
}

qint64 MessageInserter::insertOne(qint64 folderId, const MessageRecord &r, const QString &hash)
{
    const qint64 date = r.date.isValid() ? r.date.toMSecsSinceEpoch() : epochMs(r.internalDate);
    const QString threadKey =
        r.threadKey.isEmpty() ? threadKeyFor(r.messageId, r.inReplyTo, r.references) : r.threadKey;
    Statement &s = m_insertMessage;
    s.reset();
    s.bindInt64(1, folderId);
    if (r.uid) {
        s.bindInt64(2, *r.uid);
    } else {
        s.bindNull(2);
    }
    s.bindTextOrNull(3, r.uidl)
        .bindText(4, hash)
        .bindText(5, r.subject)
        .bindText(6, r.fromDisplay)
        .bindText(7, r.fromAddress)
        .bindText(8, r.to)
        .bindText(9, r.cc)
        .bindText(10, r.replyTo)
        .bindInt64(11, date)
        .bindInt64(12, epochMs(r.internalDate))
        .bindText(13, r.messageId)
        .bindText(14, r.inReplyTo)
        .bindText(15, r.references.join(QLatin1Char(' ')))
        .bindText(16, threadKey)
        .bindInt64(17, r.size > 0 ? r.size : r.raw.size())
        .bindInt64(18, r.flags.toInt())
        .bindText(19, r.keywords.join(QLatin1Char(' ')))
        .bindInt64(20, (r.hasAttachments || !r.attachments.isEmpty()) ? 1 : 0)
        .bindText(21, previewOf(r))
        .bindInt64(22, r.raw.isEmpty() ? 0 : 1);
    s.exec();
    const qint64 id = m_db.lastInsertRowId();
    insertParts(id, r);
    return id;
}

QList<quint32> MessageInserter::attachBodies(qint64 folderId, const QList<MessageRecord> &records)
{
    if (!m_db.inTransaction()) {
        throw StoreError(StoreError::Kind::InvalidArgument, QStringLiteral("attach message bodies"),
                         QStringLiteral("must run inside a transaction"));
    }
    m_pendingSearch.clear();
    QList<quint32> attached;
    for (const MessageRecord &record : records) {
        if (attachBodyRow(folderId, record))
            attached.append(quint32(*record.uid));
    }
    writeSearchRows(SearchRows::OfNewBodies);
    return attached;
}

std::optional<qint64> MessageInserter::attachBodyRow(qint64 folderId, const MessageRecord &record)
{
    if (!record.uid || record.raw.isEmpty())
        return std::nullopt;
    m_bodyless.reset();
    m_bodyless.bindInt64(1, folderId).bindInt64(2, *record.uid);
    if (!m_bodyless.step()) {
        m_bodyless.reset();
        return std::nullopt;
    }
    const qint64 id = m_bodyless.columnInt64(0);
    // The search row is rebuilt from the stored header columns: the header fetch decided them.
    MessageRecord merged = record;
    merged.subject = m_bodyless.columnText(1);
    merged.fromDisplay = m_bodyless.columnText(2);
    merged.fromAddress = m_bodyless.columnText(3);
    merged.to = m_bodyless.columnText(4);
    merged.cc = m_bodyless.columnText(5);
    m_bodyless.reset();

    const QString hash = merged.contentHash.isEmpty() ? contentHash(merged.raw) : merged.contentHash;
    m_setBody.reset();
    m_setBody.bindInt64(1, id)
        .bindText(2, hash)
        .bindInt64(3, (merged.hasAttachments || !merged.attachments.isEmpty()) ? 1 : 0)
        .bindText(4, previewOf(merged))
        .bindInt64(5, merged.raw.size())
        .exec();
    m_deleteAttachments.reset();
    m_deleteAttachments.bindInt64(1, id).exec();
    insertParts(id, merged);
    return id;
}

void MessageInserter::insertParts(qint64 id, const MessageRecord &r)
{
    if (!r.raw.isEmpty()) {
        m_insertRaw.reset();
        m_insertRaw.bindInt64(1, id).bindBlob(2, r.raw).exec();
    }
    for (const AttachmentRecord &a : r.attachments) {
        m_insertAttachment.reset();
        m_insertAttachment.bindInt64(1, id)
            .bindText(2, a.partPath)
            .bindText(3, a.fileName)
            .bindText(4, a.contentType)
            .bindInt64(5, a.size)
            .bindText(6, a.contentId)
            .bindInt64(7, a.isInline ? 1 : 0)
            .exec();
    }
    m_pendingSearch.append({id, r.subject, r.fromDisplay + QLatin1Char(' ') + r.fromAddress,
                            r.to + QLatin1Char(' ') + r.cc, r.bodyText.left(MaxIndexedBodyLength)});
}

void MessageInserter::writeSearchRows(SearchRows kind)
{
    // New bodies keep their message's trigram row (the header columns do not change) and replace
    // its full-text row.
    if (kind == SearchRows::OfNewBodies) {
        for (const SearchRow &row : std::as_const(m_pendingSearch)) {
            m_deleteFts.reset();
            m_deleteFts.bindInt64(1, row.id).exec();
        }
    } else {
        for (const SearchRow &row : std::as_const(m_pendingSearch)) {
            m_insertTrigrams.reset();
            m_insertTrigrams.bindInt64(1, row.id)
                .bindText(2, row.sender)
                .bindText(3, row.recipients)
                .bindText(4, row.subject)
                .exec();
        }
    }
    for (const SearchRow &row : std::as_const(m_pendingSearch)) {
        m_insertFts.reset();
        m_insertFts.bindInt64(1, row.id)
            .bindText(2, row.subject)
            .bindText(3, row.sender + QLatin1Char(' ') + row.recipients)
            .bindText(4, row.body)
            .exec();
    }
    m_pendingSearch.clear();
}

} // namespace Petrel::Store
