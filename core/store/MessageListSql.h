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
class MessageListSql
{
public:
    explicit MessageListSql(const MessageListQuery &query);

    // "SELECT <columns>, <thread count> FROM ... WHERE ... ORDER BY ... LIMIT ? OFFSET ?"
    QByteArray pageSql(const QByteArray &columns) const;

    QByteArray countSql() const;
    // Binds the filter's values from 1 on; returns the next free index.
    int bind(Statement &statement) const;
    // False when the filter's free text has nothing searchable: the list is then empty.
    bool canMatch() const { return m_canMatch; }

private:
    QByteArray source() const; // the messages table, or one row per thread
    QByteArray orderBy() const;

    MessageListQuery m_query;
    QByteArray m_where;
    QList<std::variant<qint64, QString>> m_values;
    bool m_canMatch = true;
};

} // namespace Petrel::Store
