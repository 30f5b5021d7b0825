#pragma once

#include "store/Statement.h"
#include "store/StoreError.h"

#include <QByteArray>
#include <QString>

#include <map>
#include <memory>

struct sqlite3;

namespace Petrel::Store {

// One SQLite connection. A Writer creates the file, switches it to WAL and brings the schema up
// to date; a Reader is query-only and refuses a schema it does not know. A connection belongs
// to one thread at a time.
class Database
{
public:
    enum class Role { Writer, Reader };

    // Throws StoreError. A Writer migrates to the latest schema version.
    static std::unique_ptr<Database> open(const QString &path, Role role);
    // Writer that migrates only up to targetVersion: lets tests walk the schema history.
    static std::unique_ptr<Database> openWriter(const QString &path, int targetVersion);
    // Whether a second connection would see the same data: a file, not ":memory:" or a URI.
    static bool canOpenTwice(const QString &path);

    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    Role role() const { return m_role; }
    QString path() const { return m_path; }

    // Runs one or more statements that return nothing.
    void exec(const QByteArray &sql, const QString &operation = QString());
    // A prepared statement kept for the life of the connection, reset and ready to bind.
    // Do not hold two uses of the same SQL at once (e.g. nested iteration).
    Statement &cached(const QByteArray &sql);

    // PRAGMA synchronous, outside transactions only (SQLite refuses it inside one). Writers open at
    // Full; Transaction switches to Normal for Durability::Refetchable and back.
    enum class Synchronous { Normal, Full };
    void setSynchronous(Synchronous level);
    Synchronous synchronous() const { return m_synchronous; }

    // Checkpoints (copying the WAL into the database file, with an fsync either side) are left
    // to the caller instead of running inside the commit that crosses SQLite's 1,000 pages: a
    // writer thread checkpoints while it waits for work (WriterThread). walPages() is the WAL's
    // size after this connection's last commit.
    void deferCheckpoints();
    int walPages() const { return m_walPages; }
    void checkpoint();

    qint64 lastInsertRowId() const;
    int changes() const;
    bool inTransaction() const;
    int schemaVersion();

    sqlite3 *handle() const { return m_db; }
    StoreError error(int rc, const QString &operation) const;
    [[noreturn]] void throwError(int rc, const QString &operation) const;

private:
    Database(const QString &path, Role role);
    void configure(int targetVersion);

    QString m_path;
    Role m_role;
    sqlite3 *m_db = nullptr;
    std::map<QByteArray, std::unique_ptr<Statement>> m_cache;
    Synchronous m_synchronous = Synchronous::Full; // SQLite's default; a Writer sets it explicitly
    int m_walPages = 0;
};

} // namespace Petrel::Store
