#pragma once

#include <QDialog>

#include <functional>
#include <memory>

class QDialogButtonBox;
class QLabel;
class QListWidget;
class QStackedWidget;

namespace Petrel::Core {
class CredentialStore;
}

namespace Petrel::Store {
class StoreReader;
class StoreWriter;
} // namespace Petrel::Store

namespace Petrel::Ui {

class AccountSettingsPage;
class RemoteContentPage;
class RemoteContentPolicy;

// Petrel's settings: a list of pages (Accounts, Privacy) beside the page shown. OK and Apply save
// every page; what cannot be saved is shown on its page and the dialog stays open. It reads and
// writes the profile through its own store connections.
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    SettingsDialog(const QString &databasePath, RemoteContentPolicy &policy, QWidget *parent = nullptr);
    ~SettingsDialog() override;

    // See AccountSettingsPage::setAccountBusy.
    void setAccountBusy(std::function<bool(qint64)> busy);

    // Saves every page; false when something was not saved (shown in place).
    bool apply();

    QListWidget *pageList() const { return m_pages; }
    AccountSettingsPage *accountsPage() const { return m_accounts; }
    RemoteContentPage *privacyPage() const { return m_privacy; }
    QDialogButtonBox *buttons() const { return m_buttons; }

Q_SIGNALS:
    // Accounts were saved or removed.
    void accountsChanged();

private:
    void okClicked();

    std::unique_ptr<Store::StoreWriter> m_writer;
    std::unique_ptr<Store::StoreReader> m_reader;
    std::unique_ptr<Core::CredentialStore> m_credentials;
    QListWidget *m_pages = nullptr;
    QStackedWidget *m_stack = nullptr;
    AccountSettingsPage *m_accounts = nullptr;
    RemoteContentPage *m_privacy = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    bool m_closeWhenSaved = false; // OK was pressed while passwords were still being saved
};

} // namespace Petrel::Ui
