#include "store/Statement.h"

#include "store/Database.h"
#include "store/StoreError.h"

#include <sqlite3.h>

#include <utility>

namespace Petrel::Store {

Statement::Statement(Database &db, const QByteArray &sql) : m_db(&db), m_sql(sql)
{
    const int rc = sqlite3_prepare_v3(db.handle(), sql.constData(), int(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr);
    if (rc != SQLITE_OK) {
        db.throwError(rc, QStringLiteral("prepare statement"));
    }
}

Statement::~Statement()
{
    sqlite3_finalize(m_stmt);
}

Statement::Statement(Statement &&other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)), m_stmt(std::exchange(other.m_stmt, nullptr)),
      m_sql(std::move(other.m_sql))
{
}

Statement &Statement::operator=(Statement &&other) noexcept
{
    if (this != &other) {
        sqlite3_finalize(m_stmt);
        m_db = std::exchange(other.m_db, nullptr);
        m_stmt = std::exchange(other.m_stmt, nullptr);
        m_sql = std::move(other.m_sql);
    }
    return *this;
}

void Statement::check(int rc, const char *what) const
{
    if (rc != SQLITE_OK && rc != SQLITE_ROW && rc != SQLITE_DONE) {
        m_db->throwError(rc, QString::fromUtf8(what) + QLatin1String(" [") +
                                 QString::fromUtf8(m_sql.left(60)) + QLatin1String("]"));
    }
}

Statement &Statement::bindInt64(int index, qint64 value)
{
    check(sqlite3_bind_int64(m_stmt, index, value), "bind");
    return *this;
}

Statement &Statement::bindDouble(int index, double value)
{
    check(sqlite3_bind_double(m_stmt, index, value), "bind");
    return *this;
}

Statement &Statement::bindText(int index, const QString &value)
{
    const QByteArray utf8 = value.toUtf8();
    check(sqlite3_bind_text64(m_stmt, index, utf8.constData() ? utf8.constData() : "",
                              sqlite3_uint64(utf8.size()), SQLITE_TRANSIENT, SQLITE_UTF8),
          "bind");
    return *this;
}

Statement &Statement::bindTextOrNull(int index, const QString &value)
{
    return value.isEmpty() ? bindNull(index) : bindText(index, value);
}

Statement &Statement::bindBlob(int index, const QByteArray &value)
{
    // sqlite3_bind_blob with a null pointer binds NULL, not an empty blob.
    if (value.isEmpty()) {
        check(sqlite3_bind_zeroblob(m_stmt, index, 0), "bind");
    } else {
        check(sqlite3_bind_blob64(m_stmt, index, value.constData(), sqlite3_uint64(value.size()),
                                  SQLITE_TRANSIENT),
              "bind");
    }
    return *this;
}

Statement &Statement::bindNull(int index)
{
    check(sqlite3_bind_null(m_stmt, index), "bind");
    return *this;
}

bool Statement::step()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) {
        return true;
    }
    if (rc == SQLITE_DONE) {
        return false;
    }
    // Take SQLite's message first, then leave the statement reusable (after a constraint error, say).
    const StoreError error =
        m_db->error(rc, QStringLiteral("step [") + QString::fromUtf8(m_sql.left(60)) + QLatin1String("]"));
    sqlite3_reset(m_stmt);
    throw error;
}

void Statement::exec()
{
    // Bounded: a statement without rows finishes in one step; one with rows is drained.
    while (step()) {
    }
}

void Statement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

bool Statement::isNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

qint64 Statement::columnInt64(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

double Statement::columnDouble(int column) const
{
    return sqlite3_column_double(m_stmt, column);
}

QString Statement::columnText(int column) const
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    const int bytes = sqlite3_column_bytes(m_stmt, column);
    return text ? QString::fromUtf8(text, bytes) : QString();
}

QByteArray Statement::columnBlob(int column) const
{
    const void *data = sqlite3_column_blob(m_stmt, column);
    const int bytes = sqlite3_column_bytes(m_stmt, column);
    return data ? QByteArray(static_cast<const char *>(data), bytes) : QByteArray();
}

} // namespace Petrel::Store
