#include "settings/SettingsDialog.h"

#include "credentials/CredentialStore.h"
#include "settings/AccountSettingsPage.h"
#include "settings/RemoteContentPage.h"
#include "store/StoreError.h"
#include "store/StoreReader.h"
#include "store/StoreWriter.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace Petrel::Ui {

SettingsDialog::SettingsDialog(const QString &databasePath, RemoteContentPolicy &policy, QWidget *parent)
    : QDialog(parent), m_credentials(std::make_unique<Core::CredentialStore>())
{
    setWindowTitle(tr("Petrel Settings"));
    resize(860, 600);
    m_pages = new QListWidget;
    m_pages->setObjectName(QStringLiteral("pageList"));
    m_pages->setMaximumWidth(180);
    m_stack = new QStackedWidget;

    QString storeError;
    try {
        m_writer = std::make_unique<Store::StoreWriter>(databasePath);
        m_reader = std::make_unique<Store::StoreReader>(databasePath);
    } catch (const Store::StoreError &e) {
        storeError = e.text();
    }
    if (m_reader) {
        m_accounts = new AccountSettingsPage(*m_writer, *m_reader, *m_credentials);
        m_stack->addWidget(m_accounts);
        connect(m_accounts, &AccountSettingsPage::accountsChanged, this, &SettingsDialog::accountsChanged);
        connect(m_accounts, &AccountSettingsPage::passwordsSaved, this, [this](bool ok) {
            if (ok && m_closeWhenSaved)
                accept();
            m_closeWhenSaved = false;
        });
    } else {
        auto *error = new QLabel(tr("Cannot open the profile: %1").arg(storeError));
        error->setWordWrap(true);
        m_stack->addWidget(error);
    }
    m_pages->addItem(tr("Accounts"));
    m_privacy = new RemoteContentPage(policy);
    m_stack->addWidget(m_privacy);
    m_pages->addItem(tr("Privacy"));
    connect(m_pages, &QListWidget::currentRowChanged, m_stack, &QStackedWidget::setCurrentIndex);
    m_pages->setCurrentRow(0);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Apply | QDialogButtonBox::Cancel);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::okClicked);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this, &SettingsDialog::apply);

    auto *body = new QHBoxLayout;
    body->addWidget(m_pages);
    body->addWidget(m_stack, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(body, 1);
    layout->addWidget(m_buttons);
}

SettingsDialog::~SettingsDialog() = default;

void SettingsDialog::setAccountBusy(std::function<bool(qint64)> busy)
{
    if (m_accounts)
        m_accounts->setAccountBusy(std::move(busy));
}

bool SettingsDialog::apply()
{
    m_privacy->apply();
    if (!m_accounts || m_accounts->apply())
        return true;
    m_pages->setCurrentRow(m_stack->indexOf(m_accounts));
    return false;
}

void SettingsDialog::okClicked()
{
    if (!apply())
        return;
    // A password still on its way to the keychain: close once it is there (a failure stays shown).
    if (m_accounts && m_accounts->isSavingPasswords()) {
        m_closeWhenSaved = true;
        return;
    }
    accept();
}

} // namespace Petrel::Ui
