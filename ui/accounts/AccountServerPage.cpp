#include "AccountServerPage.h"

#include "accounts/AccountRegistry.h"
#include "accounts/AccountWizard.h"
#include "accounts/ServerSettingsForm.h"
#include "credentials/CredentialStore.h"
#include "store/StoreError.h"
#include "store/StoreReader.h"
#include "store/StoreWriter.h"

#include <QButtonGroup>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace Petrel::Ui {

using Core::IncomingProtocol;

namespace {

Core::ServerSettings serverOf(const Core::ServerCandidate &c)
{
    Core::ServerSettings s;
    s.host = c.host;
    s.port = c.port;
    s.security = c.security;
    s.userName = c.userName;
    return s;
}

} // namespace

AccountServerPage::AccountServerPage(QWidget *parent)
    : QWizardPage(parent)
    , m_tester(new Core::AccountConnectionTest(this))
{
    setTitle(tr("Server settings"));
    setFinalPage(true);
    auto *layout = new QVBoxLayout(this);

    m_choice = new QWidget(this);
    auto *choiceLayout = new QHBoxLayout(m_choice);
    choiceLayout->setContentsMargins(0, 0, 0, 0);
    m_imapChoice = new QRadioButton(tr("&IMAP: mail stays on the server, in sync on every device"), m_choice);
    m_imapChoice->setObjectName(QStringLiteral("imapChoice"));
    m_pop3Choice = new QRadioButton(tr("P&OP3: mail is downloaded to this computer"), m_choice);
    m_pop3Choice->setObjectName(QStringLiteral("pop3Choice"));
    auto *group = new QButtonGroup(m_choice);
    group->addButton(m_imapChoice);
    group->addButton(m_pop3Choice);
    auto *choiceColumn = new QVBoxLayout;
    choiceColumn->addWidget(m_imapChoice);
    choiceColumn->addWidget(m_pop3Choice);
    choiceLayout->addLayout(choiceColumn);
    layout->addWidget(m_choice);

    auto *nameForm = new QFormLayout;
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("accountName"));
    nameForm->addRow(tr("Account na&me:"), m_name);
    layout->addLayout(nameForm);

    m_form = new ServerSettingsForm(this);
    layout->addWidget(m_form);

    auto *testRow = new QHBoxLayout;
    m_test = new QPushButton(tr("&Test"), this);
    m_test->setObjectName(QStringLiteral("testButton"));
    testRow->addWidget(m_test);
    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("testResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    testRow->addWidget(m_result, 1);
    layout->addLayout(testRow);
    m_pin = new QPushButton(tr("&Accept this certificate"), this);
    m_pin->setObjectName(QStringLiteral("pinButton"));
    m_pin->hide();
    layout->addWidget(m_pin, 0, Qt::AlignLeft);

    connect(m_imapChoice, &QRadioButton::toggled, this, [this](bool on) {
        if (on)
            useCandidates(IncomingProtocol::Imap);
    });
    connect(m_pop3Choice, &QRadioButton::toggled, this, [this](bool on) {
        if (on)
            useCandidates(IncomingProtocol::Pop3);
    });
    connect(m_form, &ServerSettingsForm::changed, this, [this] {
        forgetResult();
        Q_EMIT completeChanged();
    });
    connect(m_name, &QLineEdit::textChanged, this, &QWizardPage::completeChanged);
    connect(m_test, &QPushButton::clicked, this, &AccountServerPage::startTest);
    connect(m_pin, &QPushButton::clicked, this, &AccountServerPage::acceptCertificate);
    connect(m_tester, &Core::AccountConnectionTest::progress, this, [this](const QString &text) { showResult(text, true); });
    connect(m_tester, &Core::AccountConnectionTest::finished, this, &AccountServerPage::onTestFinished);
}

void AccountServerPage::initializePage()
{
    auto *wizard = qobject_cast<AccountWizard *>(this->wizard());
    const Core::DiscoveryResult &found = wizard->discoveryResult();
    m_name->setText(field(QStringLiteral("address")).toString().trimmed());
    forgetResult();
    const bool both = !found.imap.isEmpty() && !found.pop3.isEmpty();
    m_choice->setVisible(both);
    // IMAP is preferred when both are offered: the mail stays in sync across devices.
    const IncomingProtocol protocol = found.imap.isEmpty() && !found.pop3.isEmpty() ? IncomingProtocol::Pop3
                                                                                    : IncomingProtocol::Imap;
    QRadioButton *chosen = protocol == IncomingProtocol::Imap ? m_imapChoice : m_pop3Choice;
    if (chosen->isChecked())
        useCandidates(protocol);
    else
        chosen->setChecked(true); // toggled() fills the form
}

void AccountServerPage::useCandidates(IncomingProtocol protocol)
{
    auto *wizard = qobject_cast<AccountWizard *>(this->wizard());
    if (!wizard)
        return;
    const Core::DiscoveryResult &found = wizard->discoveryResult();
    Core::AccountSettings s = settings();
    s.protocol = protocol;
    const QList<Core::ServerCandidate> &incoming = protocol == IncomingProtocol::Imap ? found.imap : found.pop3;
    if (!incoming.isEmpty())
        s.incoming = serverOf(incoming.first());
    else
        s.incoming = Core::ServerSettings();
    if (!found.smtp.isEmpty())
        s.outgoing = serverOf(found.smtp.first());
    s.saveSentCopy = found.saveSentCopy;
    m_form->setSettings(s);
    forgetResult();
    Q_EMIT completeChanged();
}

QString AccountServerPage::outgoingHost(const Core::AccountSettings &s)
{
    return s.outgoing.host.isEmpty() ? s.incoming.host : s.outgoing.host;
}

Core::AccountSettings AccountServerPage::settings() const
{
    Core::AccountSettings s = m_form->settings();
    s.name = m_name->text().trimmed();
    s.address = field(QStringLiteral("address")).toString().trimmed();
    s.displayName = field(QStringLiteral("displayName")).toString().trimmed();
    // An accepted certificate stays accepted while the server is the same (Back and Next again).
    s.pinnedCertificateSha256 = s.incoming.host == m_pinnedHost ? m_pinned : QString();
    s.outgoingPinnedCertificateSha256 = outgoingHost(s) == m_pinnedOutgoingHost ? m_pinnedOutgoing : QString();
    return s;
}

bool AccountServerPage::isComplete() const
{
    return !m_tester->isRunning() && m_form->problems().isEmpty() && !m_name->text().trimmed().isEmpty();
}

void AccountServerPage::startTest()
{
    const Core::AccountSettings s = settings();
    const QStringList problems = m_form->problems();
    if (!problems.isEmpty()) {
        showResult(problems.join(QLatin1Char(' ')), false);
        return;
    }
    m_pin->hide();
    m_test->setEnabled(false);
    m_tester->start(s, field(QStringLiteral("password")).toString());
    Q_EMIT completeChanged();
}

void AccountServerPage::onTestFinished(const Core::ConnectionTestResult &result)
{
    m_test->setEnabled(true);
    showResult(result.message, result.ok);
    if (result.certificateError && !result.certificateSha256Hex.isEmpty()) {
        m_offeredPin = result.certificateSha256Hex;
        m_offeredForOutgoing = result.stage == Core::ConnectionTestResult::Stage::Outgoing;
        m_pin->setText(tr("&Accept this certificate (SHA-256 %1)").arg(result.certificateFingerprint));
        m_pin->show();
    }
    Q_EMIT completeChanged();
}

void AccountServerPage::acceptCertificate()
{
    // Exactly the certificate shown; verification stays on for everything else.
    const Core::AccountSettings form = m_form->settings();
    if (m_offeredForOutgoing) {
        m_pinnedOutgoing = m_offeredPin;
        m_pinnedOutgoingHost = outgoingHost(form);
    } else {
        m_pinned = m_offeredPin;
        m_pinnedHost = form.incoming.host;
    }
    m_pin->hide();
    startTest();
}

void AccountServerPage::showResult(const QString &text, bool good)
{
    m_result->setText(text);
    m_result->setStyleSheet(good ? QString() : QStringLiteral("color: #b00020;"));
}

void AccountServerPage::forgetResult()
{
    m_result->clear();
    m_pin->hide();
    m_offeredPin.clear();
}

bool AccountServerPage::validatePage()
{
    const Core::AccountSettings s = settings();
    const QStringList problems = m_form->problems();
    if (!problems.isEmpty()) {
        showResult(problems.join(QLatin1Char(' ')), false);
        return false;
    }
    auto *wizard = qobject_cast<AccountWizard *>(this->wizard());
    try {
        Store::StoreWriter writer(wizard->databasePath());
        Store::StoreReader reader(wizard->databasePath());
        const Core::CredentialStore credentials(wizard->credentialService());
        Core::AccountRegistry registry(writer, reader, credentials);
        const Core::AccountRegistry::Outcome outcome =
            registry.add(s, field(QStringLiteral("password")).toString());
        if (!outcome.ok) {
            showResult(tr("The account was not added: %1").arg(outcome.error), false);
            return false;
        }
        wizard->setCreatedAccountId(outcome.accountId);
    } catch (const Store::StoreError &e) {
        showResult(tr("The profile could not be opened: %1").arg(e.text()), false);
        return false;
    }
    return true;
}

} // namespace Petrel::Ui
