#pragma once

#include "store/MessageListQuery.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <variant>

namespace Petrel::Store {

class Statement;

// Builds the SQL of a message list query: its WHERE clause with the values to bind, and its
// ORDER BY. Values are always bound, never pasted into the SQL.
//
// A search has two ways to its first page, and which one is fast depends on how many messages
// the full-text and trigram indexes find (the candidates):
// - Candidates: look up each candidate, check the rest of the filter, sort them. Fast when there
//   are few; with 100,000 candidates it reads 100,000 rows to show 200.
// - Walk: go through the messages in list order (an index on date) and keep those that are
//   candidates and pass the filter, until the page is full. Fast when matches are common; with a
//   handful of candidates it walks the whole folder.
// The caller counts the candidates first (candidateCountSql, cheap: index only, stops at a limit)
// and picks; both plans return the same rows.
class MessageListSql
{
public:
    enum class Plan { Candidates, Walk };
    // Up to this many candidates the Candidates plan is used.
    static constexpr int CandidatePlanLimit = 5000;

    explicit MessageListSql(const MessageListQuery &query);

    void setPlan(Plan plan) { m_plan = plan; }
    // True when the filter uses an index (free text, from:/to:/subject: of three or more characters).
    bool hasCandidates() const;
    // "SELECT count(*) FROM (<candidate rowids> LIMIT ?)": bind with bindCandidates, then the limit.
    QByteArray candidateCountSql() const;
    int bindCandidates(Statement &statement, int index = 1) const;

    // "SELECT <columns>, <thread count> FROM ... WHERE ... ORDER BY ... LIMIT ? OFFSET ?"
    QByteArray pageSql(const QByteArray &columns) const;
    // "SELECT COUNT(*) FROM (SELECT 1 ... LIMIT ?)": bindCappedCount, then the cap.
    QByteArray cappedCountSql() const;
    int bindCappedCount(Statement &statement) const;
    // Binds the filter's values from 1 on; returns the next free index.
    int bind(Statement &statement) const;
    // False when the filter's free text has nothing searchable: the list is then empty.
    bool canMatch() const { return m_canMatch; }

private:
    using Value = std::variant<qint64, QString>;
    enum class Kind { Folder, Candidate, Other };
    struct Clause
    {
        Kind kind = Kind::Other;
        QByteArray sql;    // Folder and Other: the condition
        QByteArray select; // Candidate: the SELECT of the rowids an index finds (where() joins them)
        QList<Value> values;
    };
    QByteArray candidateSelect() const; // the rowids every index found (INTERSECT)
    QByteArray where(bool withCandidates = true) const;
    QByteArray source() const; // the messages table, or one row per thread
    QByteArray orderBy() const;
    static int bindValues(Statement &statement, int index, const QList<Value> &values);

    MessageListQuery m_query;
    QList<Clause> m_clauses;
    Plan m_plan = Plan::Candidates;
    bool m_canMatch = true;
};

} // namespace Petrel::Store
