#pragma once

#include <QByteArray>
#include <QString>

struct sqlite3_stmt;

namespace Petrel::Store {

class Database;

// RAII prepared statement. Parameters are 1-based (SQLite's convention), columns 0-based.
// A statement is reusable: reset() clears the bindings and rewinds it.
class Statement
{
public:
    Statement(Database &db, const QByteArray &sql);
    ~Statement();
    Statement(Statement &&other) noexcept;
    Statement &operator=(Statement &&other) noexcept;
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    Statement &bindInt64(int index, qint64 value);
    Statement &bindDouble(int index, double value);
    Statement &bindText(int index, const QString &value);       // a null QString binds ''
    Statement &bindTextOrNull(int index, const QString &value); // an empty QString binds NULL
    Statement &bindBlob(int index, const QByteArray &value);    // an empty array binds x''
    Statement &bindNull(int index);

    // Runs one step: true while a row is available, false once the statement is done.
    bool step();
    // Steps to completion, for statements that return no rows.
    void exec();
    void reset();

    bool isNull(int column) const;
    qint64 columnInt64(int column) const;
    double columnDouble(int column) const;
    QString columnText(int column) const;
    QByteArray columnBlob(int column) const;

    QByteArray sql() const { return m_sql; }

private:
    void check(int rc, const char *what) const;

    Database *m_db = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
    QByteArray m_sql;
};

} // namespace Petrel::Store
