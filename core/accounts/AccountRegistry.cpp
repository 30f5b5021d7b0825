#include "AccountRegistry.h"

#include "credentials/CredentialStore.h"
#include "localmail/LocalFolders.h"
#include "store/StoreError.h"
#include "store/StoreReader.h"
#include "store/StoreWriter.h"

#include <QJsonDocument>
#include <QUuid>

namespace Petrel::Core {

namespace {

QString keychainAdvice(const CredentialResult &r)
{
    switch (r.status) {
    case CredentialResult::Status::NoBackend:
        return QStringLiteral("No system keychain is available (%1). Start your desktop's keyring "
                              "(e.g. gnome-keyring or KWallet) and try again; Petrel never stores "
                              "passwords in a file.")
            .arg(r.errorString);
    case CredentialResult::Status::AccessDenied:
        return QStringLiteral("The system keychain refused access (%1). Unlock it and try again.")
            .arg(r.errorString);
    default:
        return QStringLiteral("The system keychain failed: %1").arg(r.errorString);
    }
}

} // namespace

AccountRegistry::AccountRegistry(Store::StoreWriter &writer, Store::StoreReader &reader,
                                 const CredentialStore &credentials)
    : m_writer(writer)
    , m_reader(reader)
    , m_credentials(credentials)
{
}

Account AccountRegistry::fromRow(const Store::AccountRow &row)
{
    Account a;
    a.id = row.id;
    a.settings = AccountSettings::fromJson(QJsonDocument::fromJson(row.settingsJson).object());
    a.settings.name = row.name;
    a.settings.address = row.address;
    a.settings.displayName = row.displayName;
    a.settings.protocol = row.protocol;
    return a;
}

AccountRegistry::Outcome AccountRegistry::add(AccountSettings settings, const std::optional<QString> &password)
{
    Outcome outcome;
    const QStringList problems = settings.validate();
    if (!problems.isEmpty()) {
        outcome.error = problems.join(QLatin1Char(' '));
        return outcome;
    }
    if (settings.credentialKey.isEmpty())
        settings.credentialKey = QUuid::createUuid().toString(QUuid::WithoutBraces);

    Store::AccountRow row;
    row.name = settings.name;
    row.protocol = settings.protocol;
    row.address = settings.address;
    row.displayName = settings.displayName;
    row.settingsJson = QJsonDocument(settings.toJson()).toJson(QJsonDocument::Compact);
    try {
        if (m_reader.account(settings.name)) {
            outcome.error = QStringLiteral("An account named '%1' already exists; choose another name "
                                           "or remove it first.")
                                .arg(settings.name);
            return outcome;
        }
        outcome.accountId = m_writer.addAccount(row);
        // A POP3 account's folders are its own: they exist from the start.
        if (settings.protocol == IncomingProtocol::Pop3)
            LocalFolders::ensureDefaults(m_writer, m_reader, outcome.accountId);
    } catch (const Store::StoreError &e) {
        outcome.error = QStringLiteral("Could not save the account: %1").arg(e.text());
        return outcome;
    }

    if (password) {
        const CredentialResult stored = m_credentials.writeSecretBlocking(settings.credentialKey, *password);
        if (!stored.isOk()) {
            outcome.error = keychainAdvice(stored) + QStringLiteral(" The account was not added.");
            try {
                m_writer.removeAccount(outcome.accountId);
            } catch (const Store::StoreError &e) {
                outcome.error += QStringLiteral(" Removing the half-added account failed too: %1").arg(e.text());
            }
            outcome.accountId = 0;
            return outcome;
        }
    }
    outcome.ok = true;
    return outcome;
}

AccountRegistry::Outcome AccountRegistry::remove(const QString &name)
{
    Outcome outcome;
    const std::optional<Account> existing = account(name);
    if (!existing) {
        outcome.error = QStringLiteral("There is no account named '%1' (see 'account list').").arg(name);
        return outcome;
    }
    // The secret goes first: a failure here leaves everything as it was, so the user can retry.
    if (!existing->settings.credentialKey.isEmpty()) {
        const CredentialResult removed = m_credentials.removeSecretBlocking(existing->settings.credentialKey);
        if (!removed.isOk() && removed.status != CredentialResult::Status::NotFound) {
            outcome.error = keychainAdvice(removed) + QStringLiteral(" The account was kept.");
            return outcome;
        }
    }
    try {
        m_writer.removeAccount(existing->id);
    } catch (const Store::StoreError &e) {
        outcome.error = QStringLiteral("Could not remove the account: %1").arg(e.text());
        return outcome;
    }
    outcome.ok = true;
    outcome.accountId = existing->id;
    return outcome;
}

QList<Account> AccountRegistry::accounts()
{
    QList<Account> result;
    for (const Store::AccountRow &row : m_reader.accounts())
        result.append(fromRow(row));
    return result;
}

std::optional<Account> AccountRegistry::account(const QString &name)
{
    const std::optional<Store::AccountRow> row = m_reader.account(name);
    if (!row)
        return std::nullopt;
    return fromRow(*row);
}

} // namespace Petrel::Core
