#include "store/Transaction.h"

#include "store/Database.h"
#include "store/StoreLogging.h"

namespace Petrel::Store {

Transaction::Transaction(Database &db, Durability durability) : m_db(db), m_durability(durability)
{
    if (db.inTransaction()) {
        throw StoreError(StoreError::Kind::InvalidArgument, QStringLiteral("begin transaction"),
                         QStringLiteral("a transaction is already open on this connection"));
    }
    // SQLite refuses to change the level inside a transaction: it is set before BEGIN. A Full
    // transaction sets FULL again too, in case restoring it after a Refetchable one failed.
    m_db.setSynchronous(durability == Durability::Refetchable ? Database::Synchronous::Normal
                                                              : Database::Synchronous::Full);
    try {
        m_db.cached("BEGIN IMMEDIATE").exec();
    } catch (...) {
        restoreFull();
        throw;
    }
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
    restoreFull();
}

void Transaction::commit()
{
    if (!m_active) {
        throw StoreError(StoreError::Kind::InvalidArgument, QStringLiteral("commit"),
                         QStringLiteral("no transaction is open"));
    }
    m_db.cached("COMMIT").exec();
    m_active = false;
    restoreFull();
}

void Transaction::restoreFull() noexcept
{
    if (m_durability == Durability::Full || m_db.inTransaction())
        return;
    try {
        m_db.setSynchronous(Database::Synchronous::Full);
    } catch (const StoreError &e) {
        // The next Full transaction sets it before its BEGIN (and fails if it cannot).
        qCWarning(lcStore) << "restoring synchronous = FULL failed:" << e.text();
    }
}

} // namespace Petrel::Store
