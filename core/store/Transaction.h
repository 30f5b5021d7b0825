#pragma once

namespace Petrel::Store {

class Database;

// Begins an IMMEDIATE transaction (the write lock is taken up front, so two writers wait on the
// busy timeout instead of failing mid-transaction) and rolls it back unless commit() ran.
class Transaction
{
public:
    explicit Transaction(Database &db);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    void commit();
    bool isActive() const { return m_active; }

private:
    Database &m_db;
    bool m_active = false;
};

} // namespace Petrel::Store
