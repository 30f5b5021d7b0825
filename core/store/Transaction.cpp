#include "store/Transaction.h"

#include "store/Database.h"
#include "store/StoreLogging.h"

namespace Petrel::Store {

Transaction::Transaction(Database &db) : m_db(db)
{
    if (db.inTransaction()) {
        throw StoreError(StoreError::Kind::InvalidArgument, QStringLiteral("begin transaction"),
                         QStringLiteral("a transaction is already open on this connection"));
    }
    m_db.cached("BEGIN IMMEDIATE").exec();
    m_active = true;
}

Transaction::~Transaction()
{
    if (!m_active) {
        return;
    }
    try {
        m_db.cached("ROLLBACK").exec();
    } catch (const StoreError &e) {
        // SQLite may already have rolled back on its own (e.g. after SQLITE_FULL).
        qCWarning(lcStore) << "rollback failed:" << e.text();
    }
}

void Transaction::commit()
{
    if (!m_active) {
        throw StoreError(StoreError::Kind::InvalidArgument, QStringLiteral("commit"),
                         QStringLiteral("no transaction is open"));
    }
    m_db.cached("COMMIT").exec();
    m_active = false;
}

} // namespace Petrel::Store
