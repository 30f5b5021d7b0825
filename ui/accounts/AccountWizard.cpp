#include "AccountWizard.h"

#include "accounts/AccountDiscoveryPage.h"
#include "accounts/AccountIdentityPage.h"
#include "accounts/AccountServerPage.h"

namespace Petrel::Ui {

AccountWizard::AccountWizard(const QString &databasePath, QWidget *parent)
    : QWizard(parent)
    , m_databasePath(databasePath)
    , m_credentialService(QStringLiteral("Petrel"))
{
    setWindowTitle(tr("Add Account"));
    setObjectName(QStringLiteral("accountWizard"));
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    m_identity = new AccountIdentityPage(this);
    m_discovery = new AccountDiscoveryPage(this);
    m_server = new AccountServerPage(this);
    setPage(IdentityPageId, m_identity);
    setPage(DiscoveryPageId, m_discovery);
    setPage(ServerPageId, m_server);
    setStartId(IdentityPageId);
}

AccountWizard::~AccountWizard() = default;

void AccountWizard::setCreatedAccountId(qint64 id)
{
    m_createdAccountId = id;
    Q_EMIT accountCreated(id);
}

} // namespace Petrel::Ui
