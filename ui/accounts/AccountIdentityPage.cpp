#include "AccountIdentityPage.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>

namespace Petrel::Ui {

AccountIdentityPage::AccountIdentityPage(QWidget *parent)
    : QWizardPage(parent)
{
    setTitle(tr("Your mail account"));
    auto *form = new QFormLayout(this);
    auto *intro = new QLabel(tr("Petrel finds the servers for your address by itself. The password is kept in "
                                "your system's keychain, never in Petrel's files."),
                             this);
    intro->setWordWrap(true);
    form->addRow(intro);
    m_displayName = new QLineEdit(this);
    m_displayName->setObjectName(QStringLiteral("displayName"));
    m_displayName->setPlaceholderText(tr("Alice Example"));
    m_address = new QLineEdit(this);
    m_address->setObjectName(QStringLiteral("address"));
    m_address->setPlaceholderText(tr("alice@example.org"));
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setEchoMode(QLineEdit::Password);
    form->addRow(tr("Your &name:"), m_displayName);
    form->addRow(tr("E-mail &address:"), m_address);
    form->addRow(tr("&Password:"), m_password);
    registerField(QStringLiteral("displayName"), m_displayName);
    registerField(QStringLiteral("address"), m_address);
    registerField(QStringLiteral("password"), m_password);
    connect(m_address, &QLineEdit::textChanged, this, &QWizardPage::completeChanged);
    connect(m_password, &QLineEdit::textChanged, this, &QWizardPage::completeChanged);
}

bool AccountIdentityPage::isComplete() const
{
    static const QRegularExpression pattern(QStringLiteral("^[^@\\s<>]+@[^@\\s<>]+\\.?[^@\\s<>]*$"));
    return pattern.match(m_address->text().trimmed()).hasMatch() && !m_password->text().isEmpty();
}

} // namespace Petrel::Ui
