#pragma once

#include "setup/AccountDiscovery.h"
#include "setup/ServerCandidate.h"

#include <QWizard>

namespace Petrel::Ui {

class AccountIdentityPage;
class AccountDiscoveryPage;
class AccountServerPage;

// Sets up a new account: who (display name, address, password), then finding the servers
// (AccountDiscovery), then choosing IMAP or POP3 and checking every setting with a Test that shows
// the servers' own words in place and offers to accept an untrusted certificate, and finally
// storing it: settings in the profile's store, password in the system keychain.
class AccountWizard : public QWizard
{
    Q_OBJECT

public:
    enum PageId { IdentityPageId, DiscoveryPageId, ServerPageId };

    explicit AccountWizard(const QString &databasePath, QWidget *parent = nullptr);
    ~AccountWizard() override;

    // Where discovery looks (tests point it at loopback).
    void setDiscoveryOptions(const Core::DiscoveryOptions &options) { m_options = options; }
    const Core::DiscoveryOptions &discoveryOptions() const { return m_options; }
    // The keychain service the password goes to ("Petrel"; tests may use their own).
    void setCredentialService(const QString &service) { m_credentialService = service; }
    QString credentialService() const { return m_credentialService; }

    QString databasePath() const { return m_databasePath; }
    // Filled by the discovery page.
    void setDiscoveryResult(const Core::DiscoveryResult &result) { m_result = result; }
    const Core::DiscoveryResult &discoveryResult() const { return m_result; }

    AccountIdentityPage *identityPage() const { return m_identity; }
    AccountDiscoveryPage *discoveryPage() const { return m_discovery; }
    AccountServerPage *serverPage() const { return m_server; }
    // The account stored by Finish; 0 before.
    qint64 createdAccountId() const { return m_createdAccountId; }
    void setCreatedAccountId(qint64 id);

Q_SIGNALS:
    void accountCreated(qint64 accountId);

private:
    QString m_databasePath;
    QString m_credentialService;
    Core::DiscoveryOptions m_options;
    Core::DiscoveryResult m_result;
    AccountIdentityPage *m_identity = nullptr;
    AccountDiscoveryPage *m_discovery = nullptr;
    AccountServerPage *m_server = nullptr;
    qint64 m_createdAccountId = 0;
};

} // namespace Petrel::Ui
