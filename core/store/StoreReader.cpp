#include "store/StoreReader.h"

#include "store/Database.h"
#include "store/MessageListSql.h"
#include "store/SearchQuery.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <limits>

namespace Petrel::Store {

namespace {

QDateTime fromEpochMs(qint64 ms)
{
    return ms == 0 ? QDateTime() : QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

QStringList splitWords(const QString &text)
{
    return text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

int clampLimit(int limit)
{
    return std::clamp(limit, 0, StoreReader::MaxPageSize);
}

#define OUTBOX_COLUMNS                                                                                       \
    "id, account_id, message_id_header, state, attempts, last_error, next_attempt_at, created_at, length(raw),"   \
    " sender, recipients_json, sent_at"

#define ACCOUNT_COLUMNS "id, name, protocol, address, display_name, settings_json, created_at"

AccountRow accountFrom(const Statement &s)
{
    AccountRow a;
    a.id = s.columnInt64(0);
    a.name = s.columnText(1);
    a.protocol = accountProtocolFromName(s.columnText(2));
    a.address = s.columnText(3);
    a.displayName = s.columnText(4);
    a.settingsJson = s.columnBlob(5);
    a.createdAt = fromEpochMs(s.columnInt64(6));
    return a;
}

#define FOLDER_COLUMNS                                                                                       \
    "id, account_id, path, display_name, role, delimiter, uidvalidity, uidnext, highestmodseq, subscribed,"  \
    " unread_count, total_count, local_only"

FolderRow folderFrom(const Statement &s)
{
    FolderRow f;
    f.id = s.columnInt64(0);
    f.accountId = s.columnInt64(1);
    f.path = s.columnText(2);
    f.displayName = s.columnText(3);
    f.role = folderRoleFromName(s.columnText(4));
    f.delimiter = s.columnText(5);
    f.uidValidity = s.columnInt64(6);
    f.uidNext = s.columnInt64(7);
    f.highestModSeq = s.columnInt64(8);
    f.subscribed = s.columnInt64(9) != 0;
    f.unreadCount = s.columnInt64(10);
    f.totalCount = s.columnInt64(11);
    f.localOnly = s.columnInt64(12) != 0;
    return f;
}

#define SUMMARY_COLUMNS                                                                                      \
    "m.id, m.folder_id, m.subject, m.from_display, m.from_address, m.date, m.flags, m.has_attachments,"      \
    " m.has_body, m.size, m.preview, m.thread_key"

MessageSummary summaryFrom(const Statement &s)
{
    MessageSummary m;
    m.id = s.columnInt64(0);
    m.folderId = s.columnInt64(1);
    m.subject = s.columnText(2);
    m.fromDisplay = s.columnText(3);
    m.fromAddress = s.columnText(4);
    m.date = fromEpochMs(s.columnInt64(5));
    m.flags = MessageFlags::fromInt(int(s.columnInt64(6)));
    m.hasAttachments = s.columnInt64(7) != 0;
    m.hasBody = s.columnInt64(8) != 0;
    m.size = s.columnInt64(9);
    m.preview = s.columnText(10);
    m.threadKey = s.columnText(11);
    return m;
}

QList<MessageSummary> summaries(Statement &s)
{
    QList<MessageSummary> rows;
    while (s.step()) {
        rows.append(summaryFrom(s));
    }
    s.reset();
    return rows;
}

template <typename Row, typename Make> std::optional<Row> single(Statement &s, Make make)
{
    std::optional<Row> row;
    if (s.step()) {
        row = make(s);
    }
    s.reset();
    return row;
}

template <typename Row, typename Make> QList<Row> all(Statement &s, Make make)
{
    QList<Row> rows;
    while (s.step()) {
        rows.append(make(s));
    }
    s.reset();
    return rows;
}

} // namespace

StoreReader::StoreReader(const QString &databasePath)
    : m_db(Database::open(databasePath, Database::Role::Reader))
{
}

StoreReader::~StoreReader() = default;

QList<AccountRow> StoreReader::accounts()
{
    return all<AccountRow>(m_db->cached("SELECT " ACCOUNT_COLUMNS " FROM accounts ORDER BY name"),
                           accountFrom);
}

std::optional<AccountRow> StoreReader::account(const QString &name)
{
    Statement &s = m_db->cached("SELECT " ACCOUNT_COLUMNS " FROM accounts WHERE name = ?1");
    s.bindText(1, name);
    return single<AccountRow>(s, accountFrom);
}

std::optional<AccountRow> StoreReader::accountById(qint64 id)
{
    Statement &s = m_db->cached("SELECT " ACCOUNT_COLUMNS " FROM accounts WHERE id = ?1");
    s.bindInt64(1, id);
    return single<AccountRow>(s, accountFrom);
}

QList<FolderRow> StoreReader::folders(qint64 accountId)
{
    Statement &s = m_db->cached("SELECT " FOLDER_COLUMNS " FROM folders WHERE account_id = ?1 ORDER BY path");
    s.bindInt64(1, accountId);
    return all<FolderRow>(s, folderFrom);
}

std::optional<FolderRow> StoreReader::folder(qint64 id)
{
    Statement &s = m_db->cached("SELECT " FOLDER_COLUMNS " FROM folders WHERE id = ?1");
    s.bindInt64(1, id);
    return single<FolderRow>(s, folderFrom);
}

QList<MessageSummary> StoreReader::messages(qint64 folderId, int limit, std::optional<PageKey> after)
{
    if (!after) {
        Statement &s = m_db->cached("SELECT " SUMMARY_COLUMNS " FROM messages m WHERE m.folder_id = ?1"
                                    " ORDER BY m.date DESC, m.id DESC LIMIT ?2");
        s.bindInt64(1, folderId).bindInt64(2, clampLimit(limit));
        return summaries(s);
    }
    // Row-value comparison walks the (folder_id, date DESC, id DESC) index from the key onwards.
    Statement &s = m_db->cached("SELECT " SUMMARY_COLUMNS " FROM messages m WHERE m.folder_id = ?1"
                                " AND (m.date, m.id) < (?2, ?3) ORDER BY m.date DESC, m.id DESC LIMIT ?4");
    s.bindInt64(1, folderId)
        .bindInt64(2, after->dateMs)
        .bindInt64(3, after->id)
        .bindInt64(4, clampLimit(limit));
    return summaries(s);
}

std::optional<MessageRow> StoreReader::message(qint64 id)
{
    Statement &s = m_db->cached(
        "SELECT id, folder_id, uid, uidl, content_hash, subject, from_display, from_address, to_addresses,"
        " cc_addresses, reply_to, date, internal_date, message_id, in_reply_to, references_ids, thread_key, "
        "size,"
        " flags, keywords, has_attachments, preview, has_body FROM messages WHERE id = ?1");
    s.bindInt64(1, id);
    return single<MessageRow>(s, [](const Statement &q) {
        MessageRow m;
        m.id = q.columnInt64(0);
        m.folderId = q.columnInt64(1);
        if (!q.isNull(2)) {
            m.uid = q.columnInt64(2);
        }
        m.uidl = q.columnText(3);
        m.contentHash = q.columnText(4);
        m.subject = q.columnText(5);
        m.fromDisplay = q.columnText(6);
        m.fromAddress = q.columnText(7);
        m.to = q.columnText(8);
        m.cc = q.columnText(9);
        m.replyTo = q.columnText(10);
        m.date = fromEpochMs(q.columnInt64(11));
        m.internalDate = fromEpochMs(q.columnInt64(12));
        m.messageId = q.columnText(13);
        m.inReplyTo = q.columnText(14);
        m.references = splitWords(q.columnText(15));
        m.threadKey = q.columnText(16);
        m.size = q.columnInt64(17);
        m.flags = MessageFlags::fromInt(int(q.columnInt64(18)));
        m.keywords = splitWords(q.columnText(19));
        m.hasAttachments = q.columnInt64(20) != 0;
        m.preview = q.columnText(21);
        m.hasBody = q.columnInt64(22) != 0;
        return m;
    });
}

std::optional<QByteArray> StoreReader::rawMessage(qint64 id)
{
    Statement &s = m_db->cached("SELECT raw FROM message_raw WHERE message_id = ?1");
    s.bindInt64(1, id);
    return single<QByteArray>(s, [](const Statement &q) { return q.columnBlob(0); });
}

QList<AttachmentRecord> StoreReader::attachments(qint64 messageId)
{
    Statement &s = m_db->cached("SELECT id, message_id, part_path, file_name, content_type, size, content_id,"
                                " is_inline FROM attachments WHERE message_id = ?1 ORDER BY id");
    s.bindInt64(1, messageId);
    return all<AttachmentRecord>(s, [](const Statement &q) {
        AttachmentRecord a;
        a.id = q.columnInt64(0);
        a.messageId = q.columnInt64(1);
        a.partPath = q.columnText(2);
        a.fileName = q.columnText(3);
        a.contentType = q.columnText(4);
        a.size = q.columnInt64(5);
        a.contentId = q.columnText(6);
        a.isInline = q.columnInt64(7) != 0;
        return a;
    });
}

QList<MessageSummary> StoreReader::search(const QString &query, int limit)
{
    const QString match = ftsMatchExpression(query);
    if (match.isEmpty()) {
        return {};
    }
    Statement &s =
        m_db->cached("SELECT " SUMMARY_COLUMNS " FROM message_fts f JOIN messages m ON m.id = f.rowid"
                     " WHERE message_fts MATCH ?1 ORDER BY m.date DESC, m.id DESC LIMIT ?2");
    s.bindText(1, match).bindInt64(2, clampLimit(limit));
    return summaries(s);
}

void StoreReader::choosePlan(MessageListSql &sql)
{
    if (!sql.hasCandidates()) {
        sql.setPlan(MessageListSql::Plan::Walk);
        return;
    }
    Statement s(*m_db, sql.candidateCountSql());
    s.bindInt64(sql.bindCandidates(s), MessageListSql::CandidatePlanLimit + 1);
    const qint64 candidates = s.step() ? s.columnInt64(0) : 0;
    sql.setPlan(candidates > MessageListSql::CandidatePlanLimit ? MessageListSql::Plan::Walk
                                                                : MessageListSql::Plan::Candidates);
}

QList<MessageSummary> StoreReader::messageList(const MessageListQuery &query, int offset, int limit)
{
    MessageListSql sql(query);
    if (!sql.canMatch())
        return {};
    choosePlan(sql);
    Statement s(*m_db, sql.pageSql(SUMMARY_COLUMNS));
    const int next = sql.bind(s);
    s.bindInt64(next, clampLimit(limit)).bindInt64(next + 1, std::max(0, offset));
    QList<MessageSummary> rows;
    while (s.step()) {
        MessageSummary m = summaryFrom(s);
        m.threadCount = int(s.columnInt64(12));
        rows.append(m);
    }
    return rows;
}

int StoreReader::messageListCount(const MessageListQuery &query)
{
    return messageListCount(query, std::numeric_limits<int>::max()).count;
}

MessageListCount StoreReader::messageListCount(const MessageListQuery &query, int cap)
{
    MessageListSql sql(query);
    if (!sql.canMatch() || cap <= 0)
        return {};
    // A count reads every match up to the cap, in any order: starting from the candidates reads
    // no more rows than there are candidates (walking the list would read the whole folder when
    // the matches are fewer than the cap).
    sql.setPlan(MessageListSql::Plan::Candidates);
    Statement s(*m_db, sql.cappedCountSql());
    // One more than the cap tells "exactly cap" from "more than cap".
    s.bindInt64(sql.bindCappedCount(s), qint64(cap) + 1);
    const qint64 n = s.step() ? s.columnInt64(0) : 0;
    return n > cap ? MessageListCount{cap, true} : MessageListCount{int(n), false};
}

QList<qint64> StoreReader::inboxFolderIds()
{
    Statement &s = m_db->cached("SELECT id FROM folders WHERE role = 'inbox' ORDER BY account_id, id");
    return all<qint64>(s, [](const Statement &q) { return q.columnInt64(0); });
}

QList<PendingOperationRow> StoreReader::pendingOperations(qint64 accountId)
{
    Statement &s = m_db->cached("SELECT id, account_id, kind, payload_json, created_at, attempts, last_error"
                                " FROM pending_operations WHERE account_id = ?1 ORDER BY id");
    s.bindInt64(1, accountId);
    return all<PendingOperationRow>(s, [](const Statement &q) {
        PendingOperationRow p;
        p.id = q.columnInt64(0);
        p.accountId = q.columnInt64(1);
        p.kind = q.columnText(2);
        p.payloadJson = q.columnBlob(3);
        p.createdAt = fromEpochMs(q.columnInt64(4));
        p.attempts = int(q.columnInt64(5));
        p.lastError = q.columnText(6);
        return p;
    });
}

QList<OutboxRow> StoreReader::outbox()
{
    Statement &s = m_db->cached("SELECT " OUTBOX_COLUMNS " FROM outbox ORDER BY id");
    return all<OutboxRow>(s, outboxRowFrom);
}

QList<OutboxRow> StoreReader::outbox(qint64 accountId)
{
    Statement &s = m_db->cached("SELECT " OUTBOX_COLUMNS " FROM outbox WHERE account_id = ?1 ORDER BY id");
    s.bindInt64(1, accountId);
    return all<OutboxRow>(s, outboxRowFrom);
}

std::optional<OutboxRow> StoreReader::outboxMessage(qint64 id)
{
    Statement &s = m_db->cached("SELECT " OUTBOX_COLUMNS " FROM outbox WHERE id = ?1");
    s.bindInt64(1, id);
    return single<OutboxRow>(s, outboxRowFrom);
}

OutboxRow StoreReader::outboxRowFrom(const Statement &q)
{
    {
        OutboxRow o;
        o.id = q.columnInt64(0);
        o.accountId = q.columnInt64(1);
        o.messageIdHeader = q.columnText(2);
        o.state = outboxStateFromName(q.columnText(3));
        o.attempts = int(q.columnInt64(4));
        o.lastError = q.columnText(5);
        o.nextAttemptAt = fromEpochMs(q.columnInt64(6));
        o.createdAt = fromEpochMs(q.columnInt64(7));
        o.size = q.columnInt64(8);
        o.sender = q.columnText(9);
        for (const QJsonValue &v : QJsonDocument::fromJson(q.columnText(10).toUtf8()).array())
            o.recipients.append(v.toString());
        if (const qint64 sent = q.columnInt64(11))
            o.sentAt = fromEpochMs(sent);
        return o;
    }
}

std::optional<QByteArray> StoreReader::outboxRaw(qint64 id)
{
    Statement &s = m_db->cached("SELECT raw FROM outbox WHERE id = ?1");
    s.bindInt64(1, id);
    return single<QByteArray>(s, [](const Statement &q) { return q.columnBlob(0); });
}

} // namespace Petrel::Store
