#include "AccountDiscoveryPage.h"

#include "accounts/AccountWizard.h"
#include "setup/AccountDiscovery.h"

#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace Petrel::Ui {

AccountDiscoveryPage::AccountDiscoveryPage(QWidget *parent)
    : QWizardPage(parent)
    , m_discovery(new Core::AccountDiscovery(this))
{
    setTitle(tr("Finding your servers"));
    auto *layout = new QVBoxLayout(this);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("discoveryStatus"));
    m_status->setWordWrap(true);
    m_busy = new QProgressBar(this);
    m_busy->setRange(0, 0);
    m_skip = new QPushButton(tr("&Skip: enter the settings by hand"), this);
    m_skip->setObjectName(QStringLiteral("skipDiscovery"));
    layout->addWidget(m_status);
    layout->addWidget(m_busy);
    layout->addWidget(m_skip, 0, Qt::AlignLeft);
    layout->addStretch();
    connect(m_discovery, &Core::AccountDiscovery::progress, m_status, &QLabel::setText);
    connect(m_discovery, &Core::AccountDiscovery::finished, this, &AccountDiscoveryPage::onFinished);
    connect(m_skip, &QPushButton::clicked, this, [this] {
        m_discovery->abort();
        onFinished({});
        m_status->setText(tr("Skipped: enter the settings on the next page."));
    });
}

void AccountDiscoveryPage::initializePage()
{
    auto *wizard = qobject_cast<AccountWizard *>(this->wizard());
    m_done = false;
    m_busy->show();
    m_skip->setEnabled(true);
    m_status->setText(tr("Starting…"));
    wizard->setDiscoveryResult({});
    m_discovery->setOptions(wizard->discoveryOptions());
    m_discovery->start(field(QStringLiteral("address")).toString().trimmed());
    Q_EMIT completeChanged();
}

void AccountDiscoveryPage::cleanupPage()
{
    m_discovery->abort();
    m_done = false;
}

bool AccountDiscoveryPage::isComplete() const
{
    return m_done;
}

void AccountDiscoveryPage::onFinished(const Core::DiscoveryResult &result)
{
    if (auto *wizard = qobject_cast<AccountWizard *>(this->wizard()))
        wizard->setDiscoveryResult(result);
    m_done = true;
    m_busy->hide();
    m_skip->setEnabled(false);
    m_status->setText(describe(result));
    Q_EMIT completeChanged();
}

QString AccountDiscoveryPage::describe(const Core::DiscoveryResult &result)
{
    QString text;
    if (!result.imap.isEmpty() && !result.pop3.isEmpty())
        text = tr("Found IMAP and POP3 servers; choose one on the next page.");
    else if (!result.imap.isEmpty())
        text = tr("Found an IMAP server: %1.").arg(result.imap.first().host);
    else if (!result.pop3.isEmpty())
        text = tr("Found a POP3 server: %1.").arg(result.pop3.first().host);
    else
        text = tr("No incoming server was found; enter the settings on the next page.");
    if (result.hasIncoming() && result.smtp.isEmpty())
        text += QLatin1Char(' ') + tr("No outgoing (SMTP) server was found.");
    if (!result.note.isEmpty())
        text += QLatin1Char(' ') + result.note;
    return text;
}

} // namespace Petrel::Ui
