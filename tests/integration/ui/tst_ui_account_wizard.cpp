// The account wizard against the fixture's real Dovecot and Postfix and the test keyring (user
// zoe): discovery finds the servers through an autoconfig file served on loopback; the fixture's
// certificate (signed by a per-run CA Petrel does not know) is shown with its fingerprint and
// accepted; a wrong password gets Dovecot's own refusal; the right one passes the Test; Finish
// stores the account, with the password in the keychain and in no profile file.
#include "LoopbackHttpServer.h"
#include "TestServers.h"

#include "DesktopWindows.h"
#include "MainWindow.h"
#include "accounts/AccountDiscoveryPage.h"
#include "accounts/AccountIdentityPage.h"
#include "accounts/AccountRegistry.h"
#include "accounts/AccountServerPage.h"
#include "accounts/AccountWizard.h"
#include "accounts/ProfileDirectory.h"
#include "accounts/ServerSettingsForm.h"
#include "credentials/CredentialStore.h"
#include "net/Fingerprint.h"
#include "store/StoreReader.h"
#include "store/StoreWriter.h"

#include <QAbstractButton>
#include <QAction>
#include <QComboBox>
#include <QDirIterator>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTemporaryDir>
#include <QtTest>

using namespace Petrel;

class UiAccountWizardTest : public QObject
{
    Q_OBJECT

    Test::TestServers servers;
    Test::TestUser user;

    static void click(QAbstractButton *button)
    {
        QVERIFY(button);
        QTRY_VERIFY_WITH_TIMEOUT(button->isEnabled() && button->isVisible(), 60000);
        QTest::mouseClick(button, Qt::LeftButton);
    }

    QByteArray autoconfig() const
    {
        const auto server = [](const char *element, const char *type, quint16 port) -> QByteArray {
            return QByteArray("<") + element + " type=\"" + type + "\"><hostname>127.0.0.1</hostname><port>" +
                   QByteArray::number(port) + "</port><socketType>SSL</socketType>"
                   "<authentication>password-cleartext</authentication><username>%EMAILADDRESS%</username></" +
                   element + ">";
        };
        return QByteArray("<?xml version=\"1.0\"?><clientConfig version=\"1.1\"><emailProvider id=\"petrel.test\">"
               "<domain>petrel.test</domain>" +
               server("incomingServer", "imap", servers.imapTlsPort()) +
               server("incomingServer", "pop3", servers.pop3TlsPort()) +
               server("outgoingServer", "smtp", servers.submissionsPort()) + "</emailProvider></clientConfig>");
    }

    // The fixture's server certificate, as Petrel shows and pins it.
    QByteArray serverFingerprint() const
    {
        const QString pem = QFileInfo(servers.caFile()).dir().filePath(QStringLiteral("server.pem"));
        const QList<QSslCertificate> certs = QSslCertificate::fromPath(pem);
        return certs.isEmpty() ? QByteArray() : Net::certificateSha256(certs.first());
    }

private Q_SLOTS:
    void initTestCase()
    {
        servers = Test::TestServers::load();
        QVERIFY2(servers.isValid(), qPrintable(servers.errorString()));
        user = servers.user(QStringLiteral("zoe"));
        QVERIFY(user.isValid());
    }

    void wizardSetsUpTheAccount()
    {
        QTemporaryDir dir;
        const QString profile = dir.filePath(QStringLiteral("profile"));
        QString error;
        QVERIFY2(Core::ProfileDirectory(profile).prepare(&error), qPrintable(error));
        const QString databasePath = Core::ProfileDirectory(profile).databasePath();
        const QString service = QStringLiteral("petrel-wizard-test-%1").arg(QDateTime::currentMSecsSinceEpoch());

        Test::LoopbackHttpServer http;
        QVERIFY(http.start());
        http.serveFile("/mail/config-v1.1.xml", autoconfig());

        Ui::AccountWizard wizard(databasePath);
        Core::DiscoveryOptions options;
        options.useSrv = false; // never the real DNS in a test (SRV: tests/unit/setup)
        options.autoconfigUrls = {http.url(QStringLiteral("/missing.xml")), http.url(QStringLiteral("/mail/config-v1.1.xml"))};
        options.useProbing = false;
        wizard.setDiscoveryOptions(options);
        wizard.setCredentialService(service);
        wizard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));

        // Identity, with a wrong password first.
        Ui::AccountIdentityPage *identity = wizard.identityPage();
        QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
        QTest::keyClicks(identity->displayNameField(), QStringLiteral("Zoe Zed"));
        QTest::keyClicks(identity->addressField(), user.login);
        QTest::keyClicks(identity->passwordField(), QStringLiteral("not-the-password"));
        click(wizard.button(QWizard::NextButton));

        // Discovery: the autoconfig file names IMAP, POP3 and SMTP.
        QCOMPARE(wizard.currentId(), int(Ui::AccountWizard::DiscoveryPageId));
        QTRY_VERIFY_WITH_TIMEOUT(wizard.discoveryPage()->isDone(), 60000);
        QVERIFY2(wizard.discoveryPage()->statusLabel()->text().contains(QLatin1String("Found IMAP and POP3")),
                 qPrintable(wizard.discoveryPage()->statusLabel()->text()));
        QVERIFY(http.requests().contains("GET /mail/config-v1.1.xml"));
        click(wizard.button(QWizard::NextButton));

        // Both protocols are offered; IMAP is chosen first, POP3 fills in its own server.
        Ui::AccountServerPage *page = wizard.serverPage();
        QCOMPARE(wizard.currentId(), int(Ui::AccountWizard::ServerPageId));
        QVERIFY(page->protocolChoice()->isVisible());
        QVERIFY(page->imapChoice()->isChecked());
        QCOMPARE(page->accountNameField()->text(), user.login);
        auto *host = page->serverForm()->findChild<QLineEdit *>(QStringLiteral("incomingHost"));
        auto *port = page->serverForm()->findChild<QLineEdit *>(QStringLiteral("incomingPort"));
        QCOMPARE(host->text(), QStringLiteral("127.0.0.1"));
        QCOMPARE(port->text(), QString::number(servers.imapTlsPort()));
        click(page->pop3Choice());
        QCOMPARE(port->text(), QString::number(servers.pop3TlsPort()));
        QCOMPARE(page->settings().protocol, Store::AccountProtocol::Pop3);
        click(page->imapChoice());
        QCOMPARE(port->text(), QString::number(servers.imapTlsPort()));

        // Test: the run's CA is unknown to Petrel, so the certificate is shown and offered.
        click(page->testButton());
        QTRY_VERIFY_WITH_TIMEOUT(page->pinButton()->isVisible(), 60000);
        const QString fingerprint = Net::formatFingerprint(serverFingerprint());
        QVERIFY(!fingerprint.isEmpty());
        QVERIFY2(page->testResultLabel()->text().contains(QLatin1String("certificate not trusted")),
                 qPrintable(page->testResultLabel()->text()));
        QVERIFY2(page->testResultLabel()->text().contains(fingerprint), qPrintable(page->testResultLabel()->text()));
        QVERIFY(page->pinButton()->text().contains(fingerprint));

        // Accepting exactly that certificate re-tests: now Dovecot refuses the wrong password.
        click(page->pinButton());
        QTRY_VERIFY_WITH_TIMEOUT(!page->isTesting() && page->testButton()->isEnabled(), 60000);
        const QString refusal = page->testResultLabel()->text();
        qInfo("Test after accepting the certificate: %s", qPrintable(refusal));
        QVERIFY2(refusal.contains(QLatin1String("Authentication failed")), qPrintable(refusal));
        QVERIFY2(refusal.contains(QStringLiteral("127.0.0.1:%1").arg(servers.imapTlsPort())), qPrintable(refusal));
        QVERIFY(!page->pinButton()->isVisible());

        // Back to the first page for the right password; the accepted certificate stays accepted.
        click(wizard.button(QWizard::BackButton));
        click(wizard.button(QWizard::BackButton));
        QCOMPARE(wizard.currentId(), int(Ui::AccountWizard::IdentityPageId));
        identity->passwordField()->selectAll();
        QTest::keyClicks(identity->passwordField(), user.password);
        click(wizard.button(QWizard::NextButton));
        QTRY_VERIFY_WITH_TIMEOUT(wizard.discoveryPage()->isDone(), 60000);
        click(wizard.button(QWizard::NextButton));
        click(page->testButton());
        QTRY_VERIFY_WITH_TIMEOUT(!page->isTesting() && page->testButton()->isEnabled(), 60000);
        QVERIFY2(page->testResultLabel()->text().startsWith(QLatin1String("Logged in to 127.0.0.1")),
                 qPrintable(page->testResultLabel()->text()));

        // Finish: the account in the store, the password in the keychain only.
        click(wizard.button(QWizard::FinishButton));
        QTRY_VERIFY_WITH_TIMEOUT(wizard.createdAccountId() > 0, 60000);
        QVERIFY(!wizard.isVisible());

        Store::StoreWriter writer(databasePath);
        Store::StoreReader reader(databasePath);
        const Core::CredentialStore credentials(service);
        Core::AccountRegistry registry(writer, reader, credentials);
        const auto account = registry.account(user.login);
        QVERIFY(account);
        QCOMPARE(account->id, wizard.createdAccountId());
        const Core::AccountSettings &s = account->settings;
        QCOMPARE(s.address, user.login);
        QCOMPARE(s.displayName, QStringLiteral("Zoe Zed"));
        QCOMPARE(s.protocol, Store::AccountProtocol::Imap);
        QCOMPARE(s.incoming.host, QStringLiteral("127.0.0.1"));
        QCOMPARE(s.incoming.port, servers.imapTlsPort());
        QCOMPARE(s.outgoing.port, servers.submissionsPort());
        QCOMPARE(s.pinnedCertificateSha256, QString::fromLatin1(serverFingerprint().toHex()));
        const Core::CredentialResult secret = credentials.readSecretBlocking(s.credentialKey);
        QVERIFY2(secret.isOk(), qPrintable(secret.errorString));
        QCOMPARE(secret.secret, user.password);

        QDirIterator files(profile, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        int count = 0;
        while (files.hasNext()) {
            QFile f(files.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY2(!f.readAll().contains(user.password.toUtf8()), qPrintable(f.fileName()));
            ++count;
        }
        QVERIFY(count > 0);
        QVERIFY(credentials.removeSecretBlocking(s.credentialKey).isOk());
    }

    void firstRunAndTheMenuOpenTheWizard()
    {
        QTemporaryDir dir;
        const QString profile = dir.filePath(QStringLiteral("profile"));
        QVERIFY(QDir().mkpath(profile));
        Ui::DesktopWindows windows(profile);
        QVERIFY(!windows.accountWizard());
        QVERIFY(windows.openAccountWizardIfNoAccount());
        QVERIFY(windows.accountWizard());
        QTRY_VERIFY(windows.accountWizard()->isVisible());
        windows.accountWizard()->close();
        QTRY_VERIFY(!windows.accountWizard()); // closed wizards delete themselves
        windows.mainWindow().addAccountAction()->trigger();
        QVERIFY(windows.accountWizard());
        QVERIFY(windows.accountWizard()->isVisible());
    }
};

QTEST_MAIN(UiAccountWizardTest)
#include "tst_ui_account_wizard.moc"
