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
    if (!query.folderIds.isEmpty()) {
        Clause in{Kind::Folder, "m.folder_id IN (", {}, {}};
        for (int i = 0; i < query.folderIds.size(); ++i) {
            in.sql += i == 0 ? "?" : ", ?";
            in.values.append(query.folderIds.at(i));
        }
        in.sql += ')';
        m_clauses.append(in);
    }
    const auto candidates = [&](const QByteArray &select, const QString &match) {
        m_clauses.append(Clause{Kind::Candidate, {}, select, {match}});
    };
    const SearchFilter &f = query.filter;
    if (!f.text.trimmed().isEmpty()) {
        const QString match = ftsMatchExpression(f.text);
        if (match.isEmpty())
            m_canMatch = false;
        else
            candidates("SELECT rowid AS id FROM message_fts WHERE message_fts MATCH ?", match);
    }
    // from:, to: and subject: are substrings of the headers (LIKE). The trigram index finds the
    // candidates (every match, perhaps more); LIKE then decides, so the index changes the speed,
    // not the result. A value under three characters has no trigram: LIKE alone reads every row.
    const auto substringOf = [&](const char *trigramColumn, const QString &v, const QByteArray &like, int likes) {
        const QString match = trigramMatchExpression(QLatin1String(trigramColumn), v);
        if (!match.isEmpty())
            candidates("SELECT rowid AS id FROM message_header_trigrams WHERE message_header_trigrams MATCH ?", match);
        Clause check{Kind::Other, like, {}, {}};
        for (int i = 0; i < likes; ++i)
            check.values << containsPattern(v);
        m_clauses.append(check);
    };
    for (const QString &v : f.from)
        substringOf("sender", v, "(m.from_display LIKE ? ESCAPE '\\' OR m.from_address LIKE ? ESCAPE '\\')", 2);
    for (const QString &v : f.to)
        substringOf("recipients", v, "(m.to_addresses LIKE ? ESCAPE '\\' OR m.cc_addresses LIKE ? ESCAPE '\\')", 2);
    for (const QString &v : f.subject)
        substringOf("subject", v, "m.subject LIKE ? ESCAPE '\\'", 1);
    if (f.hasAttachment)
        m_clauses.append(Clause{Kind::Other, "m.has_attachments <> 0", {}, {}});
    if (f.unread)
        m_clauses.append(Clause{Kind::Other, "(m.flags & 1) = 0", {}, {}});
    if (f.flagged)
        m_clauses.append(Clause{Kind::Other, "(m.flags & 4) <> 0", {}, {}});
}

bool MessageListSql::hasCandidates() const
{
    for (const Clause &c : m_clauses) {
        if (c.kind == Kind::Candidate)
            return true;
    }
    return false;
}

QByteArray MessageListSql::candidateCountSql() const
{
    return "SELECT count(*) FROM (" + candidateSelect() + " LIMIT ?)";
}

int MessageListSql::bindCandidates(Statement &statement, int index) const
{
    for (const Clause &c : m_clauses) {
        if (c.kind == Kind::Candidate)
            index = bindValues(statement, index, c.values);
    }
    return index;
}

QByteArray MessageListSql::candidateSelect() const
{
    QList<QByteArray> selects;
    for (const Clause &c : m_clauses) {
        if (c.kind == Kind::Candidate)
            selects.append(c.select);
    }
    return selects.join(" INTERSECT ");
}

QByteArray MessageListSql::where(bool withCandidates) const
{
    // The candidates of every index as one set (their intersection, computed on the indexes
    // alone), so that only messages every index found are read.
    // The unary '+' makes a column an expression SQLite cannot look up in an index: the
    // Candidates plan must start from the candidates (not walk the folder's index), the Walk plan
    // from the list order (candidates are then only checked, against the set in memory).
    const bool candidatesFirst = m_plan == Plan::Candidates && hasCandidates();
    QList<QByteArray> parts;
    bool candidatesAdded = false;
    for (const Clause &c : m_clauses) {
        if (c.kind == Kind::Candidate) {
            if (!candidatesAdded && withCandidates)
                parts.append((m_plan == Plan::Walk ? "+m.id IN (" : "m.id IN (") + candidateSelect() + ')');
            candidatesAdded = true;
        } else {
            parts.append(c.kind == Kind::Folder && candidatesFirst ? '+' + c.sql : c.sql);
        }
    }
    return parts.isEmpty() ? QByteArray("1") : parts.join(" AND ");
}

QByteArray MessageListSql::source() const
{
    if (!m_query.threads)
        return "messages m WHERE " + where();
    // The newest message of each thread stands for it; a message without a key is its own thread.
    const QByteArray threadKey = "CASE WHEN m.thread_key <> '' THEN m.thread_key ELSE 'id:' || m.id END";
    return "(SELECT m.*, ROW_NUMBER() OVER (PARTITION BY " + threadKey + " ORDER BY m.date DESC, m.id DESC)"
           " AS thread_rank, COUNT(*) OVER (PARTITION BY " + threadKey + ") AS thread_count FROM messages m"
           " WHERE " +
           where() + ") m WHERE m.thread_rank = 1";
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

QByteArray MessageListSql::cappedCountSql() const
{
    // Without candidates, the count walks the list's date order as the page does (an index of
    // the folder's, or of every message), not an index SQLite might pick whose first rows do not
    // match (has_attachments = 0 comes first in messages_folder_attachment).
    if (!hasCandidates())
        return "SELECT COUNT(*) FROM (SELECT 1 FROM " + source() + " ORDER BY m.date DESC, m.id DESC LIMIT ?)";
    if (m_query.threads)
        return "SELECT COUNT(*) FROM (SELECT 1 FROM " + source() + " LIMIT ?)";
    // From the candidates, read as the index yields them (not gathered first): a count that
    // reaches its cap after 1,000 rows reads about 1,000 rows.
    return "SELECT COUNT(*) FROM (SELECT 1 FROM (" + candidateSelect() +
           ") c CROSS JOIN messages m ON m.id = c.id WHERE " + where(false) + " LIMIT ?)";
}

int MessageListSql::bindCappedCount(Statement &statement) const
{
    if (!hasCandidates() || m_query.threads)
        return bind(statement);
    int index = bindCandidates(statement, 1);
    for (const Clause &c : m_clauses) {
        if (c.kind != Kind::Candidate)
            index = bindValues(statement, index, c.values);
    }
    return index;
}

int MessageListSql::bind(Statement &statement) const
{
    // In where()'s order: the candidate set stands where the first candidate clause is.
    int index = 1;
    bool candidatesBound = false;
    for (const Clause &c : m_clauses) {
        if (c.kind != Kind::Candidate)
            index = bindValues(statement, index, c.values);
        else if (!candidatesBound)
            index = bindCandidates(statement, index);
        candidatesBound = candidatesBound || c.kind == Kind::Candidate;
    }
    return index;
}

int MessageListSql::bindValues(Statement &statement, int index, const QList<Value> &values)
{
    for (const auto &value : values) {
        if (const auto *number = std::get_if<qint64>(&value))
            statement.bindInt64(index, *number);
        else
            statement.bindText(index, std::get<QString>(value));
        ++index;
    }
    return index;
}

} // namespace Petrel::Store
