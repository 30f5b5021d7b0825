#pragma once

#include <QString>

#include <stdexcept>

namespace Petrel::Store {

// Every store operation that fails throws a StoreError. It names what Petrel was doing
// (operation) and carries SQLite's own words, so a report reads like
// "insert message: UNIQUE constraint failed: messages.folder_id, messages.uid".
class StoreError : public std::runtime_error
{
public:
    enum class Kind {
        Sqlite,          // SQLite reported an error not covered below
        Constraint,      // a UNIQUE / FOREIGN KEY / CHECK constraint refused the change
        Busy,            // another connection held the lock past the busy timeout
        SchemaTooNew,    // the database was written by a newer Petrel
        SchemaTooOld,    // a reader opened a database that no writer has migrated yet
        MissingFeature,  // this SQLite lacks something Petrel needs (FTS5)
        NotFound,        // the row an operation targets does not exist
        InvalidArgument, // the caller passed something the store cannot accept
    };

    StoreError(Kind kind, const QString &operation, const QString &message, int sqliteCode = 0);

    Kind kind() const { return m_kind; }
    QString operation() const { return m_operation; }
    QString message() const { return m_message; }
    int sqliteCode() const { return m_sqliteCode; }
    // "operation: message", for logs and dialogs.
    QString text() const;

private:
    Kind m_kind;
    QString m_operation;
    QString m_message;
    int m_sqliteCode;
};

} // namespace Petrel::Store
