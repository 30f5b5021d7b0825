#include "store/ImapActionCache.h"

#include "store/Database.h"
#include "store/Transaction.h"

namespace Petrel::Store {

namespace {

// Appends the keyword unless the space-separated list has it.
constexpr const char *addNotUploaded =
    "keywords = CASE WHEN (' ' || keywords || ' ') LIKE ('% ' || ?9 || ' %') THEN keywords"
    " WHEN keywords = '' THEN ?9 ELSE keywords || ' ' || ?9 END";

} // namespace

qint64 ImapActionCache::copyMessage(qint64 messageId, qint64 targetFolderId)
{
    const QString operation = QStringLiteral("copy message %1 to folder %2").arg(messageId).arg(targetFolderId);
    Transaction tx(m_db);
    Statement &row = m_db.cached(
        "INSERT INTO messages (folder_id, uid, uidl, content_hash, subject, from_display, from_address,"
        " to_addresses, cc_addresses, reply_to, date, internal_date, message_id, in_reply_to, references_ids,"
        " thread_key, size, flags, keywords, has_attachments, preview, has_body)"
        " SELECT ?2, NULL, NULL, content_hash, subject, from_display, from_address, to_addresses, cc_addresses,"
        " reply_to, date, internal_date, message_id, in_reply_to, references_ids, thread_key, size, flags,"
        " keywords, has_attachments, preview, has_body FROM messages WHERE id = ?1"
        " AND EXISTS (SELECT 1 FROM folders WHERE id = ?2)");
    row.bindInt64(1, messageId).bindInt64(2, targetFolderId);
    row.exec();
    if (m_db.changes() != 1)
        throw StoreError(StoreError::Kind::NotFound, operation, QStringLiteral("no such message or folder"));
    const qint64 copy = m_db.lastInsertRowId();
    Statement &raw = m_db.cached("INSERT INTO message_raw (message_id, raw) SELECT ?2, raw FROM message_raw"
                                 " WHERE message_id = ?1");
    raw.bindInt64(1, messageId).bindInt64(2, copy);
    raw.exec();
    Statement &parts = m_db.cached(
        "INSERT INTO attachments (message_id, part_path, file_name, content_type, size, content_id, is_inline)"
        " SELECT ?2, part_path, file_name, content_type, size, content_id, is_inline FROM attachments"
        " WHERE message_id = ?1");
    parts.bindInt64(1, messageId).bindInt64(2, copy);
    parts.exec();
    Statement &fts = m_db.cached("INSERT INTO message_fts (rowid, subject, addresses, body)"
                                 " SELECT ?2, subject, addresses, body FROM message_fts WHERE rowid = ?1");
    fts.bindInt64(1, messageId).bindInt64(2, copy);
    fts.exec();
    // No insert trigger fills this index (Migrations.cpp, migration 11).
    Statement &trigrams = m_db.cached(
        "INSERT INTO message_header_trigrams (rowid, sender, recipients, subject)"
        " SELECT id, from_display || ' ' || from_address, to_addresses || ' ' || cc_addresses, subject"
        " FROM messages WHERE id = ?1");
    trigrams.bindInt64(1, copy);
    trigrams.exec();
    tx.commit();
    return copy;
}

int ImapActionCache::renameFolder(qint64 accountId, const QString &oldPath, const QString &newPath,
                                  const QString &delimiter, const QString &newDisplayName)
{
    Transaction tx(m_db);
    Statement &self = m_db.cached("UPDATE folders SET path = ?3, display_name = ?4 WHERE account_id = ?1 AND path = ?2");
    self.bindInt64(1, accountId).bindText(2, oldPath).bindText(3, newPath).bindText(4, newDisplayName);
    self.exec();
    int changed = m_db.changes();
    if (changed > 0 && !delimiter.isEmpty()) {
        // substr() and a length compare instead of LIKE: paths may hold '%' and '_'.
        const QString oldPrefix = oldPath + delimiter;
        Statement &children = m_db.cached(
            "UPDATE folders SET path = ?3 || substr(path, length(?2) + 1)"
            " WHERE account_id = ?1 AND substr(path, 1, length(?2)) = ?2");
        children.bindInt64(1, accountId).bindText(2, oldPrefix).bindText(3, QString(newPath + delimiter));
        children.exec();
        changed += m_db.changes();
    }
    tx.commit();
    return changed;
}

void ImapActionCache::setDelimiter(qint64 folderId, const QString &delimiter)
{
    Statement &s = m_db.cached("UPDATE folders SET delimiter = ?2 WHERE id = ?1 AND delimiter <> ?2");
    s.bindInt64(1, folderId).bindText(2, delimiter);
    s.exec();
}

bool ImapActionCache::placeWithUid(qint64 messageId, qint64 folderId, qint64 uid)
{
    Transaction tx(m_db);
    Statement &s = m_db.cached(
        "UPDATE messages SET folder_id = ?2, uid = ?3 WHERE id = ?1 AND uid IS NULL"
        " AND EXISTS (SELECT 1 FROM folders WHERE id = ?2)"
        " AND NOT EXISTS (SELECT 1 FROM messages WHERE folder_id = ?2 AND uid = ?3)");
    s.bindInt64(1, messageId).bindInt64(2, folderId).bindInt64(3, uid);
    s.exec();
    const bool placed = m_db.changes() == 1;
    tx.commit();
    return placed;
}

void ImapActionCache::keepNotUploaded(qint64 messageId, qint64 folderId)
{
    Statement &s = m_db.cached(QByteArray("UPDATE messages SET folder_id = ?2, uid = NULL, ") + addNotUploaded +
                               " WHERE id = ?1");
    s.bindInt64(1, messageId).bindInt64(2, folderId).bindText(9, QLatin1String(NotUploadedKeyword));
    s.exec();
}

int ImapActionCache::rescueLocalOnly(qint64 fromFolderId, qint64 toFolderId)
{
    if (fromFolderId == toFolderId)
        return 0;
    Statement &s = m_db.cached(QByteArray("UPDATE messages SET folder_id = ?2, ") + addNotUploaded +
                               " WHERE folder_id = ?1 AND uid IS NULL");
    s.bindInt64(1, fromFolderId).bindInt64(2, toFolderId).bindText(9, QLatin1String(NotUploadedKeyword));
    s.exec();
    return m_db.changes();
}

} // namespace Petrel::Store
