#pragma once

#include "AccountSettings.h"

#include <QList>
#include <QString>

#include <optional>

namespace Petrel::Store {
class StoreReader;
class StoreWriter;
} // namespace Petrel::Store

namespace Petrel::Core {

class CredentialStore;

struct Account
{
    qint64 id = 0;
    AccountSettings settings;
};

// The profile's accounts: settings in the store, passwords in the keychain, kept consistent.
// Blocking (keychain calls wait for the keychain); meant for petrel-cli and account setup flows,
// not for code on the GUI thread's hot path.
class AccountRegistry
{
public:
    AccountRegistry(Store::StoreWriter &writer, Store::StoreReader &reader, const CredentialStore &credentials);

    struct Outcome
    {
        bool ok = false;
        QString error;  // what went wrong and what to do, for the user
        qint64 accountId = 0;
    };

    // Validates, stores the settings, then the password (if given). If the keychain refuses, the
    // account is removed again, so an account never exists with a password that went nowhere.
    Outcome add(AccountSettings settings, const std::optional<QString> &password);
    // Removes the account, everything cached for it, and its keychain entry.
    Outcome remove(const QString &name);

    QList<Account> accounts();
    std::optional<Account> account(const QString &name);

private:
    static Account fromRow(const Store::AccountRow &row);

    Store::StoreWriter &m_writer;
    Store::StoreReader &m_reader;
    const CredentialStore &m_credentials;
};

} // namespace Petrel::Core
