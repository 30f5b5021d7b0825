#include "store/MessageListSql.h"

#include "store/SearchQuery.h"
#include "store/Statement.h"

namespace Petrel::Store {

namespace {

// A LIKE pattern matching value anywhere, with LIKE's own wildcards taken literally.
QString containsPattern(QString value)
{
    value.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    value.replace(QLatin1Char('%'), QLatin1String("\\%"));
    value.replace(QLatin1Char('_'), QLatin1String("\\_"));
    return QLatin1Char('%') + value + QLatin1Char('%');
}

QByteArray sortExpression(MessageSortColumn column)
{
    switch (column) {
    case MessageSortColumn::Date:
        return "m.date";
    case MessageSortColumn::From:
        return "(CASE WHEN m.from_display <> '' THEN m.from_display ELSE m.from_address END) COLLATE NOCASE";
    case MessageSortColumn::Subject:
        return "m.subject COLLATE NOCASE";
    case MessageSortColumn::Size:
        return "m.size";
    case MessageSortColumn::Flagged:
        return "(m.flags & 4)";
    case MessageSortColumn::Attachment:
        return "m.has_attachments";
    case MessageSortColumn::Unread:
        return "((m.flags & 1) = 0)";
    }
    return "m.date";
}

} // namespace

MessageListSql::MessageListSql(const MessageListQuery &query) : m_query(query)
{
    QList<QByteArray> clauses;
    if (!query.folderIds.isEmpty()) {
        QByteArray in = "m.folder_id IN (";
        for (int i = 0; i < query.folderIds.size(); ++i) {
            in += i == 0 ? "?" : ", ?";
            m_values.append(query.folderIds.at(i));
        }
        clauses.append(in + ')');
    }
    const SearchFilter &f = query.filter;
    if (!f.text.trimmed().isEmpty()) {
        const QString match = ftsMatchExpression(f.text);
        if (match.isEmpty()) {
            m_canMatch = false;
        } else {
            clauses.append("m.id IN (SELECT rowid FROM message_fts WHERE message_fts MATCH ?)");
            m_values.append(match);
        }
    }
    // from: and to: are substrings of the headers (LIKE). The trigram index finds the candidates
    // (every match, perhaps more); LIKE then decides, so the index changes the speed, not the
    // result. A value under three characters has no trigram: LIKE alone reads every row.
    const auto substringOf = [&](const char *trigramColumn, const QString &v, const QByteArray &like) {
        const QString candidates = trigramMatchExpression(QLatin1String(trigramColumn), v);
        if (!candidates.isEmpty()) {
            clauses.append("m.id IN (SELECT rowid FROM message_address_trigrams WHERE message_address_trigrams MATCH ?)");
            m_values << candidates;
        }
        clauses.append(like);
        m_values << containsPattern(v) << containsPattern(v);
    };
    for (const QString &v : f.from)
        substringOf("sender", v, "(m.from_display LIKE ? ESCAPE '\\' OR m.from_address LIKE ? ESCAPE '\\')");
    for (const QString &v : f.to)
        substringOf("recipients", v, "(m.to_addresses LIKE ? ESCAPE '\\' OR m.cc_addresses LIKE ? ESCAPE '\\')");
    for (const QString &v : f.subject) {
        clauses.append("m.subject LIKE ? ESCAPE '\\'");
        m_values << containsPattern(v);
    }
    if (f.hasAttachment)
        clauses.append("m.has_attachments <> 0");
    if (f.unread)
        clauses.append("(m.flags & 1) = 0");
    if (f.flagged)
        clauses.append("(m.flags & 4) <> 0");
    m_where = clauses.isEmpty() ? QByteArray("1") : clauses.join(" AND ");
}

QByteArray MessageListSql::source() const
{
    if (!m_query.threads)
        return "messages m WHERE " + m_where;
    // The newest message of each thread stands for it; a message without a key is its own thread.
    const QByteArray threadKey = "CASE WHEN m.thread_key <> '' THEN m.thread_key ELSE 'id:' || m.id END";
    return "(SELECT m.*, ROW_NUMBER() OVER (PARTITION BY " + threadKey + " ORDER BY m.date DESC, m.id DESC)"
           " AS thread_rank, COUNT(*) OVER (PARTITION BY " + threadKey + ") AS thread_count FROM messages m"
           " WHERE " +
           m_where + ") m WHERE m.thread_rank = 1";
}

QByteArray MessageListSql::orderBy() const
{
    // Ties follow the same direction, so one index (folder_id, key, date, id) serves both orders
    // (migration 7).
    const QByteArray direction = m_query.ascending ? " ASC" : " DESC";
    if (m_query.sort == MessageSortColumn::Date)
        return " ORDER BY m.date" + direction + ", m.id" + direction;
    return " ORDER BY " + sortExpression(m_query.sort) + direction + ", m.date" + direction + ", m.id" + direction;
}

QByteArray MessageListSql::pageSql(const QByteArray &columns) const
{
    const QByteArray threadCount = m_query.threads ? ", m.thread_count" : ", 1";
    return "SELECT " + columns + threadCount + " FROM " + source() + orderBy() + " LIMIT ? OFFSET ?";
}

QByteArray MessageListSql::countSql() const
{
    return "SELECT COUNT(*) FROM " + source();
}

int MessageListSql::bind(Statement &statement) const
{
    int index = 1;
    for (const auto &value : m_values) {
        if (const auto *number = std::get_if<qint64>(&value))
            statement.bindInt64(index, *number);
        else
            statement.bindText(index, std::get<QString>(value));
        ++index;
    }
    return index;
}

} // namespace Petrel::Store
