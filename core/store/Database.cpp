#include "store/Database.h"

#include "store/Migrations.h"
#include "store/StoreLogging.h"

#include <QDir>
#include <QFileInfo>

#include <sqlite3.h>

namespace Petrel::Store {

namespace {

constexpr int BusyTimeoutMs = 10000;

StoreError::Kind kindFor(int rc)
{
    switch (rc & 0xff) {
    case SQLITE_CONSTRAINT:
        return StoreError::Kind::Constraint;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return StoreError::Kind::Busy;
    default:
        return StoreError::Kind::Sqlite;
    }
}

// SQLite must write beside the database (WAL, shared memory) even to read it: a folder or file
// that cannot be written (a disk the kernel remounted read-only, permissions) is named as such.
QString unwritableHint(const QString &path)
{
    const QFileInfo file(path);
    const QFileInfo folder(file.absolutePath());
    if (folder.exists() && !folder.isWritable())
        return QStringLiteral("; the folder %1 cannot be written (a read-only disk or missing permission)")
            .arg(QDir::toNativeSeparators(folder.absoluteFilePath()));
    if (file.exists() && !file.isWritable())
        return QStringLiteral("; the file cannot be written (a read-only disk or missing permission)");
    return {};
}

std::unique_ptr<Database> openAndConfigure(std::unique_ptr<Database> db, int targetVersion,
                                           void (Database::*configure)(int))
{
    const QString prefix = QStringLiteral("open %1").arg(db->path());
    try {
        ((*db).*configure)(targetVersion);
    } catch (const StoreError &e) {
        // Name the file in every failure while opening ("file is not a database" alone helps nobody),
        // and the likely cause when SQLite's words ("unable to open database file") do not.
        const QString message = e.message() + unwritableHint(db->path());
        if (e.operation().startsWith(prefix)) {
            throw StoreError(e.kind(), e.operation(), message, e.sqliteCode());
        }
        throw StoreError(e.kind(), prefix + QLatin1String(" (") + e.operation() + QLatin1Char(')'), message,
                         e.sqliteCode());
    }
    return db;
}

} // namespace

std::unique_ptr<Database> Database::open(const QString &path, Role role)
{
    return openAndConfigure(std::unique_ptr<Database>(new Database(path, role)), Migrations::latestVersion(),
                            &Database::configure);
}

std::unique_ptr<Database> Database::openWriter(const QString &path, int targetVersion)
{
    return openAndConfigure(std::unique_ptr<Database>(new Database(path, Role::Writer)), targetVersion,
                            &Database::configure);
}

Database::Database(const QString &path, Role role) : m_path(path), m_role(role)
{
    const QString operation = QStringLiteral("open %1").arg(path);
    if (path.isEmpty()) {
        throw StoreError(StoreError::Kind::InvalidArgument, operation,
                         QStringLiteral("no database path given"));
    }
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_EXRESCODE;
    if (role == Role::Writer) {
        flags |= SQLITE_OPEN_CREATE;
        const QString dir = QFileInfo(path).absolutePath();
        if (!QDir().mkpath(dir)) {
            throw StoreError(StoreError::Kind::InvalidArgument, operation,
                             QStringLiteral("cannot create directory %1").arg(dir));
        }
    }
    // SQLite takes UTF-8 file names on every platform (not the Windows ANSI code page).
    const int rc = sqlite3_open_v2(path.toUtf8().constData(), &m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        const StoreError failure = error(rc, operation);
        sqlite3_close_v2(m_db);
        m_db = nullptr;
        throw StoreError(failure.kind(), failure.operation(), failure.message() + unwritableHint(path),
                         failure.sqliteCode());
    }
}

bool Database::canOpenTwice(const QString &path)
{
    return !path.isEmpty() && path != QLatin1String(":memory:") && !path.startsWith(QLatin1String("file:"));
}

Database::~Database()
{
    m_cache.clear(); // statements first: they belong to the connection
    sqlite3_close_v2(m_db);
}

void Database::configure(int targetVersion)
{
    sqlite3_extended_result_codes(m_db, 1);
    sqlite3_busy_timeout(m_db, BusyTimeoutMs);
    exec("PRAGMA foreign_keys = ON", QStringLiteral("enable foreign keys"));
    // Statement journals (a statement that changes many pages, e.g. an FTS5 segment merge inside
    // an insert) and sorts stay in memory instead of spilling to temporary files: at 50 messages a
    // transaction, a first sync wrote about 30 small temporary-file pages per message
    // (tests/benchmarks/README.md). Nothing durable lives there.
    exec("PRAGMA temp_store = MEMORY", QStringLiteral("keep temporary data in memory"));

    // fts5() is a function the FTS5 module registers; without the module the query fails to prepare.
    sqlite3_stmt *probe = nullptr;
    const int rc = sqlite3_prepare_v2(m_db, "SELECT fts5(NULL)", -1, &probe, nullptr);
    sqlite3_finalize(probe);
    if (rc != SQLITE_OK) {
        throw StoreError(
            StoreError::Kind::MissingFeature, QStringLiteral("open %1").arg(m_path),
            QStringLiteral("this SQLite library was built without FTS5, which Petrel needs for search"));
    }

    // Refuse a newer schema before anything persistent (journal mode) is touched.
    const int version = schemaVersion();
    const int latest = Migrations::latestVersion();
    if (version > latest) {
        throw StoreError(
            StoreError::Kind::SchemaTooNew, QStringLiteral("open %1").arg(m_path),
            QStringLiteral("the database has schema version %1 but this Petrel knows only up to %2; "
                           "it was written by a newer Petrel")
                .arg(version)
                .arg(latest));
    }

    if (m_role == Role::Reader) {
        if (version < latest) {
            throw StoreError(
                StoreError::Kind::SchemaTooOld, QStringLiteral("open %1").arg(m_path),
                QStringLiteral("the database has schema version %1, expected %2; open it for writing "
                               "first so it is migrated")
                    .arg(version)
                    .arg(latest));
        }
        exec("PRAGMA query_only = ON", QStringLiteral("make connection read-only"));
        return;
    }

    QString journalMode;
    {
        Statement journal(*this, "PRAGMA journal_mode = WAL");
        journalMode = journal.step() ? journal.columnText(0) : QString();
    } // finalized here: a statement left mid-row would block COMMIT
    if (journalMode.compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0) {
        throw StoreError(StoreError::Kind::Sqlite, QStringLiteral("open %1").arg(m_path),
                         QStringLiteral("cannot switch the database to WAL journal mode"));
    }
    // Durability: the POP3 archive, the outbox and drafts may be the only copy of a message, so
    // their commits must survive power loss (FULL: the WAL is synced at every commit), and FULL
    // is the connection's level. SQLite sets synchronous per connection, not per table, but lets
    // it change between transactions: what an IMAP sync fetched (re-fetchable from the server)
    // commits at NORMAL through Transaction's Durability::Refetchable and the level goes back to
    // FULL after it. tests/integration/faults checks that kills and cuts lose nothing.
    exec("PRAGMA synchronous = FULL", QStringLiteral("set synchronous mode"));
    m_synchronous = Synchronous::Full;
    // macOS only flushes the drive's cache on F_FULLFSYNC; elsewhere these are no-ops.
    exec("PRAGMA fullfsync = ON; PRAGMA checkpoint_fullfsync = ON", QStringLiteral("set full fsync"));
    Migrations::apply(*this, targetVersion);
}

void Database::deferCheckpoints()
{
    // Replaces SQLite's automatic checkpoint (itself a WAL hook): only the size is kept.
    sqlite3_wal_hook(
        m_db,
        [](void *self, sqlite3 *, const char *, int pages) {
            static_cast<Database *>(self)->m_walPages = pages;
            return SQLITE_OK;
        },
        this);
}

void Database::checkpoint()
{
    // PASSIVE: copies what no reader still needs and never waits for one.
    const int rc = sqlite3_wal_checkpoint_v2(m_db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    if (rc != SQLITE_OK && rc != SQLITE_BUSY)
        throwError(rc, QStringLiteral("checkpoint"));
    m_walPages = 0;
}

void Database::exec(const QByteArray &sql, const QString &operation)
{
    char *message = nullptr;
    const int rc = sqlite3_exec(m_db, sql.constData(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        const QString text = message ? QString::fromUtf8(message) : QString::fromUtf8(sqlite3_errstr(rc));
        sqlite3_free(message);
        throw StoreError(kindFor(rc), operation.isEmpty() ? QString::fromUtf8(sql.left(60)) : operation, text,
                         rc);
    }
}

Statement &Database::cached(const QByteArray &sql)
{
    auto it = m_cache.find(sql);
    if (it == m_cache.end()) {
        it = m_cache.emplace(sql, std::make_unique<Statement>(*this, sql)).first;
    } else {
        it->second->reset();
    }
    return *it->second;
}

void Database::setSynchronous(Synchronous level)
{
    if (level == m_synchronous)
        return;
    cached(level == Synchronous::Full ? QByteArrayLiteral("PRAGMA synchronous = FULL")
                                      : QByteArrayLiteral("PRAGMA synchronous = NORMAL"))
        .exec();
    m_synchronous = level;
}

qint64 Database::lastInsertRowId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

int Database::changes() const
{
    return sqlite3_changes(m_db);
}

bool Database::inTransaction() const
{
    return sqlite3_get_autocommit(m_db) == 0;
}

int Database::schemaVersion()
{
    Statement query(*this, "PRAGMA user_version");
    return query.step() ? int(query.columnInt64(0)) : 0;
}

StoreError Database::error(int rc, const QString &operation) const
{
    QString message = m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QString();
    if (message.isEmpty() || message == QLatin1String("not an error")) {
        message = QString::fromUtf8(sqlite3_errstr(rc));
    }
    return StoreError(kindFor(rc), operation, message, rc);
}

void Database::throwError(int rc, const QString &operation) const
{
    throw error(rc, operation);
}

} // namespace Petrel::Store
