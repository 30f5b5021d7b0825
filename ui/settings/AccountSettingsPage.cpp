#include "settings/AccountSettingsPage.h"

#include "accounts/AccountUpdate.h"
#include "credentials/CredentialStore.h"
#include "settings/AccountEditor.h"
#include "store/StoreError.h"
#include "store/StoreReader.h"

#include <QHBoxLayout>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QUuid>
#include <QVBoxLayout>

namespace Petrel::Ui {

namespace {

constexpr int AccountIdRole = Qt::UserRole;

bool sameSettings(const Core::AccountSettings &a, const Core::AccountSettings &b)
{
    return a.name == b.name && a.address == b.address && a.displayName == b.displayName && a.protocol == b.protocol
        && a.toJson() == b.toJson();
}

} // namespace

AccountSettingsPage::AccountSettingsPage(Store::StoreWriter &writer, Store::StoreReader &reader,
                                         const Core::CredentialStore &credentials, QWidget *parent)
    : QWidget(parent), m_writer(writer), m_reader(reader), m_credentials(credentials)
{
    m_list = new QListWidget;
    m_list->setObjectName(QStringLiteral("accountList"));
    m_remove = new QPushButton(tr("&Remove Account…"));
    m_remove->setObjectName(QStringLiteral("removeAccount"));
    auto *left = new QVBoxLayout;
    left->addWidget(m_list, 1);
    left->addWidget(m_remove);

    m_editor = new AccountEditor;
    auto *scroll = new QScrollArea;
    scroll->setWidget(m_editor);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    auto *layout = new QHBoxLayout(this);
    layout->addLayout(left, 1);
    layout->addWidget(scroll, 3);

    connect(m_list, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *current) {
        keepEditorState();
        showAccount(current ? current->data(AccountIdRole).toLongLong() : 0);
    });
    connect(m_remove, &QPushButton::clicked, this, &AccountSettingsPage::askToRemove);
    reload();
}

Core::AccountRegistry AccountSettingsPage::registry()
{
    return Core::AccountRegistry(m_writer, m_reader, m_credentials);
}

std::optional<Core::Account> AccountSettingsPage::stored(qint64 accountId)
{
    for (const Core::Account &a : std::as_const(m_accounts)) {
        if (a.id == accountId)
            return a;
    }
    return std::nullopt;
}

void AccountSettingsPage::reload()
{
    keepEditorState();
    reread();
}

void AccountSettingsPage::reread()
{
    const qint64 selected = m_shown;
    try {
        m_accounts = registry().accounts();
    } catch (const Store::StoreError &e) {
        m_accounts.clear();
        m_editor->showProblems({tr("Cannot read the accounts: %1").arg(e.text())});
    }
    {
        const QSignalBlocker blocker(m_list);
        m_list->clear();
        for (const Core::Account &a : std::as_const(m_accounts)) {
            auto *item = new QListWidgetItem(a.settings.name, m_list);
            item->setData(AccountIdRole, a.id);
            item->setToolTip(a.settings.address);
            if (!m_edits.contains(a.id) && !m_passwords.contains(a.id))
                continue;
            // Edits made before the reload stay; the list shows the edited name.
            item->setText(m_edits.value(a.id, a.settings).name);
        }
    }
    m_shown = 0;
    selectAccount(stored(selected) ? selected : (m_accounts.isEmpty() ? 0 : m_accounts.first().id));
    if (m_list->count() == 0)
        showAccount(0);
}

void AccountSettingsPage::selectAccount(qint64 accountId)
{
    for (int row = 0; row < m_list->count(); ++row) {
        if (m_list->item(row)->data(AccountIdRole).toLongLong() == accountId) {
            if (m_list->currentRow() == row && m_shown != accountId)
                showAccount(accountId);
            m_list->setCurrentRow(row);
            return;
        }
    }
}

qint64 AccountSettingsPage::currentAccountId() const
{
    return m_shown;
}

void AccountSettingsPage::showAccount(qint64 accountId)
{
    m_shown = accountId;
    const std::optional<Core::Account> account = stored(accountId);
    m_editor->setEnabled(account.has_value());
    m_remove->setEnabled(account.has_value());
    if (!account) {
        m_editor->setSettings(Core::AccountSettings());
        return;
    }
    m_editor->setSettings(m_edits.value(accountId, account->settings));
    if (m_passwords.contains(accountId))
        m_editor->setPassword(m_passwords.value(accountId));
}

void AccountSettingsPage::keepEditorState()
{
    const std::optional<Core::Account> account = stored(m_shown);
    if (!account)
        return;
    const Core::AccountSettings edited = m_editor->settings();
    // Kept with the edit: a port the form could not read is not in the settings themselves.
    const QStringList problems = m_editor->problems();
    m_problems.insert(m_shown, problems);
    // Only looking at an account saves nothing, even one whose stored settings have problems.
    if (sameSettings(edited, account->settings) && problems.size() == edited.validate().size()) {
        m_edits.remove(m_shown);
        m_problems.remove(m_shown);
    } else {
        m_edits.insert(m_shown, edited);
    }
    if (const std::optional<QString> password = m_editor->password())
        m_passwords.insert(m_shown, *password);
    else
        m_passwords.remove(m_shown);
    for (int row = 0; row < m_list->count(); ++row) {
        if (m_list->item(row)->data(AccountIdRole).toLongLong() == m_shown)
            m_list->item(row)->setText(edited.name);
    }
}

bool AccountSettingsPage::apply()
{
    keepEditorState();
    // Nothing is saved while any edited account has a problem.
    for (const Core::Account &account : std::as_const(m_accounts)) {
        if (!m_edits.contains(account.id))
            continue;
        if (const QStringList problems = m_problems.value(account.id); !problems.isEmpty()) {
            showError(account.id, problems);
            return false;
        }
    }
    bool changed = false;
    bool ok = true;
    qint64 failedId = 0; // the first account that could not be saved, shown once the list is re-read
    QStringList failure;
    QList<PasswordWrite> passwords;
    for (const Core::Account &account : std::as_const(m_accounts)) {
        if (!m_edits.contains(account.id) && !m_passwords.contains(account.id))
            continue;
        Core::AccountSettings settings = m_edits.value(account.id, account.settings);
        if (m_passwords.contains(account.id) && settings.credentialKey.isEmpty())
            settings.credentialKey = QUuid::createUuid().toString(QUuid::WithoutBraces);
        if (!sameSettings(settings, account.settings)) {
            if (settings.protocol != account.settings.protocol && m_busy && m_busy(account.id)) {
                if (ok) {
                    failedId = account.id;
                    failure = {tr("A mail check of this account is running; switch the protocol when it has "
                                  "finished.")};
                }
                ok = false;
                continue;
            }
            const Core::AccountUpdate::Outcome outcome =
                Core::AccountUpdate::apply(m_writer, m_reader, account.id, settings);
            changed = changed || outcome.ok || outcome.protocolSwitched;
            if (!outcome.ok) {
                if (ok) {
                    failedId = account.id;
                    failure = {outcome.error};
                }
                ok = false;
                continue;
            }
            m_edits.remove(account.id);
            m_problems.remove(account.id);
        }
        if (m_passwords.contains(account.id))
            passwords.append({account.id, settings.credentialKey, m_passwords.value(account.id)});
    }
    if (changed) {
        reread(); // the editor shows what was saved; what failed stays in m_edits
        Q_EMIT accountsChanged();
    }
    if (!ok)
        showError(failedId, failure);
    if (!passwords.isEmpty())
        writePasswords(passwords);
    return ok;
}

void AccountSettingsPage::writePasswords(const QList<PasswordWrite> &passwords)
{
    m_pendingWrites += int(passwords.size());
    for (const PasswordWrite &write : passwords) {
        m_credentials.writeSecret(write.credentialKey, write.secret, this,
                                  [this, write](const Core::CredentialResult &result) {
                                      --m_pendingWrites;
                                      if (result.isOk()) {
                                          // Only if the user did not type another one meanwhile.
                                          if (m_passwords.value(write.accountId) == write.secret) {
                                              m_passwords.remove(write.accountId);
                                              if (m_shown == write.accountId)
                                                  m_editor->setPassword(std::nullopt);
                                          }
                                      } else {
                                          m_writeFailed = true;
                                          showError(write.accountId,
                                                    {tr("The password was not saved: the keychain says: %1")
                                                         .arg(result.errorString)});
                                      }
                                      if (m_pendingWrites == 0) {
                                          const bool ok = !m_writeFailed;
                                          m_writeFailed = false;
                                          Q_EMIT passwordsSaved(ok);
                                      }
                                  });
    }
}

void AccountSettingsPage::showError(qint64 accountId, const QStringList &problems)
{
    selectAccount(accountId);
    m_editor->showProblems(problems);
}

void AccountSettingsPage::askToRemove()
{
    const std::optional<Core::Account> account = stored(m_shown);
    if (!account || m_confirmation)
        return;
    QString text = tr("Remove the account '%1'? Its mail stored on this computer and its password in the keychain "
                      "are removed too; mail on the server is not touched.")
                       .arg(account->settings.name);
    if (account->settings.protocol == Core::IncomingProtocol::Pop3)
        text += QLatin1Char(' ')
              + tr("Messages downloaded by POP3 may exist only on this computer: they are lost.");
    m_confirmation = new QMessageBox(QMessageBox::Warning, tr("Remove Account"), text,
                                     QMessageBox::Yes | QMessageBox::Cancel, this);
    m_confirmation->setObjectName(QStringLiteral("removeConfirmation"));
    m_confirmation->setDefaultButton(QMessageBox::Cancel);
    m_confirmation->button(QMessageBox::Yes)->setText(tr("Remove"));
    m_confirmation->setAttribute(Qt::WA_DeleteOnClose);
    const qint64 accountId = account->id;
    connect(m_confirmation, &QMessageBox::finished, this, [this, accountId](int result) {
        m_confirmation = nullptr;
        if (result == QMessageBox::Yes)
            remove(accountId);
    });
    m_confirmation->open();
}

void AccountSettingsPage::remove(qint64 accountId)
{
    const std::optional<Core::Account> account = stored(accountId);
    if (!account)
        return;
    // The stored name: an edited one is not in the store yet.
    const Core::AccountRegistry::Outcome outcome = registry().remove(account->settings.name);
    if (!outcome.ok) {
        showError(accountId, {outcome.error});
        return;
    }
    m_edits.remove(accountId);
    m_problems.remove(accountId);
    m_passwords.remove(accountId);
    if (m_shown == accountId)
        m_shown = 0;
    reread();
    Q_EMIT accountsChanged();
}

} // namespace Petrel::Ui
