#pragma once

#include "accounts/AccountRegistry.h"

#include <QHash>
#include <QWidget>

#include <functional>

class QListWidget;
class QMessageBox;
class QPushButton;

namespace Petrel::Core {
class CredentialStore;
}

namespace Petrel::Store {
class StoreReader;
class StoreWriter;
} // namespace Petrel::Store

namespace Petrel::Ui {

class AccountEditor;

// The Accounts page of the settings dialog: the profile's accounts on the left, the selected one's
// settings on the right. Edits of several accounts are kept until apply(), which saves them all
// (through Core::AccountUpdate, like petrel-cli's "account set") or, if any is invalid, none and
// shows that account's problems. New passwords go to the keychain, never into the profile.
// Removing an account (after a confirmation) happens at once.
class AccountSettingsPage : public QWidget
{
    Q_OBJECT

public:
    AccountSettingsPage(Store::StoreWriter &writer, Store::StoreReader &reader, const Core::CredentialStore &credentials,
                        QWidget *parent = nullptr);

    // Whether a mail check of the account is running: its protocol is not switched meanwhile.
    void setAccountBusy(std::function<bool(qint64)> busy) { m_busy = std::move(busy); }

    // Re-reads the accounts (pending edits are kept); the selection stays where it was.
    void reload();
    // Saves every edited account; false when something could not be saved (shown in place).
    // Passwords are written asynchronously: passwordsSaved() follows when any were given.
    bool apply();
    // A password written by apply() still waits for the keychain.
    bool isSavingPasswords() const { return m_pendingWrites > 0; }

    void selectAccount(qint64 accountId);
    qint64 currentAccountId() const;
    QListWidget *accountList() const { return m_list; }
    AccountEditor *editor() const { return m_editor; }
    QPushButton *removeButton() const { return m_remove; }
    // The confirmation asked by the Remove button, while it is open.
    QMessageBox *removeConfirmation() const { return m_confirmation; }

Q_SIGNALS:
    // Accounts were saved or removed: whoever shows them reads them again.
    void accountsChanged();
    // The keychain answered every password apply() wrote; ok false: at least one failed (shown).
    void passwordsSaved(bool ok);

private:
    void showAccount(qint64 accountId);
    void keepEditorState();
    void askToRemove();
    void remove(qint64 accountId);
    struct PasswordWrite
    {
        qint64 accountId = 0;
        QString credentialKey;
        QString secret;
    };

    void reread();
    void writePasswords(const QList<PasswordWrite> &passwords);
    void showError(qint64 accountId, const QStringList &problems);
    Core::AccountRegistry registry();
    std::optional<Core::Account> stored(qint64 accountId);

    Store::StoreWriter &m_writer;
    Store::StoreReader &m_reader;
    const Core::CredentialStore &m_credentials;
    std::function<bool(qint64)> m_busy;
    QList<Core::Account> m_accounts;            // as stored
    QHash<qint64, Core::AccountSettings> m_edits; // as edited, until apply()
    QHash<qint64, QStringList> m_problems;      // what is wrong with each edit (empty: can be saved)
    QHash<qint64, QString> m_passwords;         // new passwords, until the keychain has them
    qint64 m_shown = 0;
    int m_pendingWrites = 0;
    bool m_writeFailed = false;
    QListWidget *m_list = nullptr;
    AccountEditor *m_editor = nullptr;
    QPushButton *m_remove = nullptr;
    QMessageBox *m_confirmation = nullptr;
};

} // namespace Petrel::Ui
