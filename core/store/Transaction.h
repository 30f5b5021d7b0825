#pragma once

namespace Petrel::Store {

class Database;

// How far a transaction's commit must reach before commit() returns.
enum class Durability {
    // synchronous = FULL: the commit survives power loss. The default, and the only choice for
    // data that may be the only copy (POP3 archive, outbox, drafts, local moves, pending actions).
    Full,
    // synchronous = NORMAL: data another copy of which the server keeps (the IMAP cache's headers,
    // flags and bodies as a sync fetched them). In WAL mode a power loss may drop the last such
    // commits, never a commit before them or a later FULL one, so the cache stays consistent and
    // the next sync fetches again what was lost.
    Refetchable,
};

// Begins an IMMEDIATE transaction (the write lock is taken up front, so two writers wait on the
// busy timeout instead of failing mid-transaction) and rolls it back unless commit() ran. The
// connection is back at synchronous = FULL once the transaction ends, whatever its durability.
class Transaction
{
public:
    explicit Transaction(Database &db, Durability durability = Durability::Full);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    void commit();
    bool isActive() const { return m_active; }

private:
    void restoreFull() noexcept;

    Database &m_db;
    Durability m_durability;
    bool m_active = false;
};

} // namespace Petrel::Store
