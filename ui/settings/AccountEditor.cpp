#include "settings/AccountEditor.h"

#include "accounts/ServerSettingsForm.h"

#include "settings/OfflinePolicyEdit.h"
#include "settings/RetentionEdit.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>

namespace Petrel::Ui {

namespace {

QStringList folderList(const QString &text)
{
    QStringList folders;
    for (const QString &f : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!f.trimmed().isEmpty())
            folders.append(f.trimmed());
    }
    return folders;
}

} // namespace

AccountEditor::AccountEditor(QWidget *parent) : QWidget(parent)
{
    m_name = new QLineEdit;
    m_name->setObjectName(QStringLiteral("accountName"));
    m_displayName = new QLineEdit;
    m_displayName->setObjectName(QStringLiteral("displayName"));
    m_address = new QLineEdit;
    m_address->setObjectName(QStringLiteral("address"));
    m_password = new QLineEdit;
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("Unchanged"));
    m_server = new ServerSettingsForm;
    m_server->setProtocolEditable(true);
    m_checkInterval = new QSpinBox;
    m_checkInterval->setObjectName(QStringLiteral("checkInterval"));
    m_checkInterval->setRange(0, Core::AccountSettings::MaxCheckIntervalMinutes);
    m_checkInterval->setSpecialValueText(tr("Only when asked"));
    m_checkInterval->setSuffix(tr(" min"));
    m_saveSent = new QCheckBox(tr("Save a copy of sent messages in Sent"));
    m_saveSent->setObjectName(QStringLiteral("saveSent"));
    m_saveSent->setToolTip(tr("Turn this off where the server files sent mail itself, or you get two copies."));

    auto *identity = new QFormLayout;
    identity->addRow(tr("Account &name:"), m_name);
    identity->addRow(tr("&Your name:"), m_displayName);
    identity->addRow(tr("&E-mail address:"), m_address);
    identity->addRow(tr("New &password:"), m_password);
    auto *checks = new QFormLayout;
    checks->addRow(tr("Check for mail &every:"), m_checkInterval);
    checks->addRow(QString(), m_saveSent);

    m_offline = new OfflinePolicyEdit;
    m_watchFolders = new QLineEdit;
    m_watchFolders->setObjectName(QStringLiteral("watchFolders"));
    m_watchFolders->setPlaceholderText(tr("INBOX, Work"));
    m_watchFolders->setToolTip(tr("Folders kept open for new mail while online, separated by commas (at most %1).")
                                   .arg(Core::AccountSettings::MaxWatchFolders));
    m_imapGroup = new QGroupBox(tr("IMAP"));
    auto *imap = new QFormLayout(m_imapGroup);
    imap->addRow(tr("Download for &offline reading:"), m_offline);
    imap->addRow(tr("&Watched folders:"), m_watchFolders);

    m_retention = new RetentionEdit;
    m_pop3Group = new QGroupBox(tr("POP3"));
    auto *pop3 = new QFormLayout(m_pop3Group);
    pop3->addRow(tr("Messages on the &server:"), m_retention);

    m_problems = new QLabel;
    m_problems->setObjectName(QStringLiteral("problems"));
    m_problems->setWordWrap(true);
    m_problems->setTextFormat(Qt::PlainText);
    m_problems->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_problems->hide();

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(identity);
    layout->addWidget(m_server);
    layout->addLayout(checks);
    layout->addWidget(m_imapGroup);
    layout->addWidget(m_pop3Group);
    layout->addWidget(m_problems);
    layout->addStretch(1);

    for (QLineEdit *edit : {m_name, m_displayName, m_address, m_password, m_watchFolders})
        connect(edit, &QLineEdit::textEdited, this, &AccountEditor::changed);
    connect(m_checkInterval, &QSpinBox::valueChanged, this, &AccountEditor::changed);
    connect(m_saveSent, &QCheckBox::toggled, this, &AccountEditor::changed);
    connect(m_offline, &OfflinePolicyEdit::changed, this, &AccountEditor::changed);
    connect(m_retention, &RetentionEdit::changed, this, &AccountEditor::changed);
    connect(m_server, &ServerSettingsForm::changed, this, [this] {
        showSectionsFor(m_server->settings().protocol);
        Q_EMIT changed();
    });
}

void AccountEditor::setSettings(const Core::AccountSettings &settings)
{
    m_settings = settings;
    const QSignalBlocker intervalBlocker(m_checkInterval);
    const QSignalBlocker saveSentBlocker(m_saveSent);
    m_name->setText(settings.name);
    m_displayName->setText(settings.displayName);
    m_address->setText(settings.address);
    m_password->clear();
    m_server->setSettings(settings);
    m_checkInterval->setValue(settings.checkIntervalMinutes);
    m_saveSent->setChecked(settings.saveSentCopy);
    m_offline->setPolicy(settings.imapOffline);
    m_watchFolders->setText(settings.imapWatchFolders.join(QStringLiteral(", ")));
    m_retention->setRetention(settings.pop3Retention);
    showSectionsFor(settings.protocol);
    showProblems({});
}

Core::AccountSettings AccountEditor::settings() const
{
    Core::AccountSettings s = m_settings;
    m_server->applyTo(s);
    s.name = m_name->text().trimmed();
    s.displayName = m_displayName->text().trimmed();
    s.address = m_address->text().trimmed();
    s.checkIntervalMinutes = m_checkInterval->value();
    s.saveSentCopy = m_saveSent->isChecked();
    s.imapOffline = m_offline->policy();
    s.imapWatchFolders = folderList(m_watchFolders->text());
    s.pop3Retention = m_retention->retention();
    return s;
}

std::optional<QString> AccountEditor::password() const
{
    if (m_password->text().isEmpty())
        return std::nullopt;
    return m_password->text();
}

void AccountEditor::setPassword(const std::optional<QString> &password)
{
    m_password->setText(password.value_or(QString()));
}

QStringList AccountEditor::problems() const
{
    // The form's own problems (ports it cannot read) and those of the whole account: the form
    // validates the settings it was given, which lack this editor's changes.
    const QStringList formWide = m_server->settings().validate();
    QStringList problems;
    for (const QString &p : m_server->problems()) {
        if (!formWide.contains(p))
            problems.append(p);
    }
    return problems + settings().validate();
}

void AccountEditor::showProblems(const QStringList &problems)
{
    m_problems->setText(problems.join(QLatin1Char('\n')));
    m_problems->setVisible(!problems.isEmpty());
}

QString AccountEditor::shownProblems() const
{
    return m_problems->isHidden() ? QString() : m_problems->text();
}

void AccountEditor::showSectionsFor(Core::IncomingProtocol protocol)
{
    m_imapGroup->setVisible(protocol == Core::IncomingProtocol::Imap);
    m_pop3Group->setVisible(protocol == Core::IncomingProtocol::Pop3);
}

} // namespace Petrel::Ui
