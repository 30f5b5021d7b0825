// The settings dialog against the fixture's real Dovecot and keyring (user amy): a password
// changed in the dialog is in the keychain and in no profile file, and the checks use it; the
// account is switched from IMAP to POP3 (refused, in the dialog, while an IMAP change is queued)
// and back, and its mail stays reachable through core's checks each time.
#include "GuiHarness.h"
#include "TestServers.h"

#include "accounts/AccountRegistry.h"
#include "accounts/ServerSettingsForm.h"
#include "credentials/CredentialStore.h"
#include "localmail/MailActions.h"
#include "message/RemoteContentPolicy.h"
#include "settings/AccountEditor.h"
#include "settings/AccountSettingsPage.h"
#include "settings/SettingsDialog.h"
#include "status/MailChecker.h"
#include "store/StorePaths.h"
#include "store/StoreReader.h"
#include "store/StoreWriter.h"

#include <QComboBox>
#include <QDirIterator>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace Petrel;

class UiSettingsDovecotTest : public QObject
{
    Q_OBJECT

private:
    Test::TestServers servers;
    Test::TestUser user;
    QTemporaryDir dir;
    QString profile;
    QString keychainKey;
    qint64 accountId = 0;

    QString databasePath() const { return Store::defaultDatabasePath(profile); }

    // One check of the account through core (MailChecker: outbox, then IMAP sync or POP3 download),
    // with the password from the keychain. Returns the outcome's message; *ok whether it worked.
    QString check(bool *ok)
    {
        Store::StoreWriter writer(databasePath());
        Store::StoreReader reader(databasePath());
        Core::CredentialStore credentials;
        const std::optional<Core::Account> account = Core::AccountRegistry(writer, reader, credentials).account(QStringLiteral("Amy"));
        if (!account) {
            *ok = false;
            return QStringLiteral("no account");
        }
        Ui::MailChecker checker(writer, credentials);
        QSignalSpy finished(&checker, &Ui::MailChecker::finished);
        checker.check(*account);
        if (!finished.wait(120000) && finished.isEmpty()) {
            *ok = false;
            return QStringLiteral("the check did not finish");
        }
        *ok = finished.at(0).at(1).toBool();
        return finished.at(0).at(2).toString();
    }

    QHash<QString, Store::FolderRow> folders()
    {
        Store::StoreReader reader(databasePath());
        QHash<QString, Store::FolderRow> byPath;
        for (const Store::FolderRow &f : reader.folders(accountId))
            byPath.insert(f.path, f);
        return byPath;
    }

    QStringList subjects(const QString &folderPath)
    {
        Store::StoreReader reader(databasePath());
        QStringList result;
        const qint64 folder = folders().value(folderPath).id;
        if (!folder)
            return result;
        for (const Store::MessageSummary &m : reader.messages(folder, 100))
            result.append(m.subject);
        result.sort();
        return result;
    }

    // Sets the protocol and incoming port in the dialog's editor of the (only) account.
    static void setServer(Ui::SettingsDialog &dialog, Store::AccountProtocol protocol, quint16 port)
    {
        Ui::ServerSettingsForm *form = dialog.accountsPage()->editor()->serverForm();
        auto *box = form->findChild<QComboBox *>(QStringLiteral("incomingProtocol"));
        box->setCurrentIndex(box->findData(int(protocol)));
        form->findChild<QLineEdit *>(QStringLiteral("incomingPort"))->setText(QString::number(port));
    }

    // True when no file of the profile holds the text.
    bool inNoProfileFile(const QByteArray &text)
    {
        QDirIterator it(profile, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            if (!file.open(QIODevice::ReadOnly))
                return false;
            if (file.readAll().contains(text)) {
                qWarning("the password is in %s", qPrintable(file.fileName()));
                return false;
            }
        }
        return true;
    }

private Q_SLOTS:
    void initTestCase()
    {
        servers = Test::TestServers::load();
        QVERIFY2(servers.isValid(), qPrintable(servers.errorString()));
        user = servers.user(QStringLiteral("amy"));
        QVERIFY(user.isValid());
        // A clean Inbox (a rerun against the same fixture starts over), then two messages.
        servers.doveadm({QStringLiteral("expunge"), QStringLiteral("-u"), user.login, QStringLiteral("mailbox"),
                         QStringLiteral("INBOX"), QStringLiteral("all")});
        const QByteArray stamp = QByteArray::number(QDateTime::currentMSecsSinceEpoch());
        for (int i = 0; i < 2; ++i) {
            const QByteArray id = "settings-" + QByteArray::number(i) + "-" + stamp + "@petrel.test";
            const QByteArray message = "From: Zed <zed@petrel.test>\r\nTo: " + user.login.toUtf8() +
                                       "\r\nSubject: settings test " + QByteArray::number(i) + "\r\nMessage-ID: <" +
                                       id + ">\r\nDate: Mon, 1 Jan 2024 10:0" + QByteArray::number(i) +
                                       ":00 +0000\r\n\r\nHello " + QByteArray::number(i) + "\r\n";
            QString error;
            QVERIFY2(servers.injectMessage(QStringLiteral("zed@petrel.test"), {user.login}, message, &error),
                     qPrintable(error));
            QVERIFY(servers.waitForMessage(user.login, QStringLiteral("INBOX"),
                                           {QStringLiteral("HEADER"), QStringLiteral("Message-ID"), QString::fromUtf8(id)},
                                           30000));
        }

        profile = dir.filePath(QStringLiteral("profile"));
        QVERIFY(QDir().mkpath(profile));
        keychainKey = QStringLiteral("ui-settings-amy-%1").arg(QString::fromLatin1(stamp));
        // A wrong password to start with: the dialog puts the right one in.
        const QString added = GuiTest::addAccount(
            databasePath(), GuiTest::fixtureImapAccount(servers, user, QStringLiteral("Amy"), keychainKey),
            QStringLiteral("not-the-password"), &accountId);
        QVERIFY2(added.isEmpty(), qPrintable(added));
    }

    void passwordChangedInTheDialogGoesToTheKeychainOnly()
    {
        bool ok = true;
        const QString refused = check(&ok);
        QVERIFY2(!ok, qPrintable(refused)); // the wrong password

        Ui::RemoteContentPolicy policy(dir.filePath(QStringLiteral("remote-content.ini")));
        Ui::SettingsDialog dialog(databasePath(), policy);
        QSignalSpy saved(dialog.accountsPage(), &Ui::AccountSettingsPage::passwordsSaved);
        Ui::AccountEditor *editor = dialog.accountsPage()->editor();
        QCOMPARE(editor->nameField()->text(), QStringLiteral("Amy"));
        QVERIFY(editor->passwordField()->text().isEmpty()); // never shown
        editor->passwordField()->setText(user.password);
        QVERIFY(dialog.apply());
        QVERIFY(saved.wait(60000) || !saved.isEmpty());
        QVERIFY2(saved.at(0).at(0).toBool(), qPrintable(editor->shownProblems()));
        QVERIFY(editor->passwordField()->text().isEmpty()); // saved: the field is cleared

        const Core::CredentialResult stored = Core::CredentialStore().readSecretBlocking(keychainKey);
        QVERIFY2(stored.isOk(), qPrintable(stored.errorString));
        QCOMPARE(stored.secret, user.password);
        QVERIFY(inNoProfileFile(user.password.toUtf8()));

        const QString message = check(&ok);
        QVERIFY2(ok, qPrintable(message));
        QCOMPARE(subjects(QStringLiteral("INBOX")),
                 QStringList({QStringLiteral("settings test 0"), QStringLiteral("settings test 1")}));
    }

    void switchToPop3AndBack()
    {
        // An IMAP change waits in the queue: the switch is refused, in the dialog, and nothing changes.
        {
            Store::StoreWriter writer(databasePath());
            Store::StoreReader reader(databasePath());
            const qint64 message = reader.messages(folders().value(QStringLiteral("INBOX")).id, 10).first().id;
            QCOMPARE(Core::MailActions(writer, reader).setFlags(message, Store::MessageFlag::Flagged, {}), QString());
            QCOMPARE(reader.pendingOperations(accountId).size(), 1);
        }
        Ui::RemoteContentPolicy policy(dir.filePath(QStringLiteral("remote-content.ini")));
        Ui::SettingsDialog dialog(databasePath(), policy);
        QSignalSpy changed(&dialog, &Ui::SettingsDialog::accountsChanged);
        Ui::AccountEditor *editor = dialog.accountsPage()->editor();
        setServer(dialog, Store::AccountProtocol::Pop3, servers.pop3TlsPort());
        QVERIFY(!dialog.apply());
        QVERIFY2(editor->shownProblems().contains(
                     QStringLiteral("1 local changes have not reached the IMAP server yet; sync the account first")),
                 qPrintable(editor->shownProblems()));
        QCOMPARE(Store::StoreReader(databasePath()).accountById(accountId)->protocol, Store::AccountProtocol::Imap);
        QCOMPARE(changed.count(), 0);

        // The check sends the change; then the same edit in the dialog goes through.
        bool ok = false;
        QString message = check(&ok);
        QVERIFY2(ok, qPrintable(message));
        QCOMPARE(Store::StoreReader(databasePath()).pendingOperations(accountId).size(), 0);
        QVERIFY2(dialog.apply(), qPrintable(editor->shownProblems()));
        QCOMPARE(changed.count(), 1);
        {
            Store::StoreReader reader(databasePath());
            QCOMPARE(reader.accountById(accountId)->protocol, Store::AccountProtocol::Pop3);
        }
        // POP3's own folders; the IMAP cache is gone (the server keeps that mail).
        QHash<QString, Store::FolderRow> f = folders();
        QVERIFY(f.contains(QStringLiteral("INBOX")) && f.contains(QStringLiteral("Sent")));
        QVERIFY(!f.contains(QStringLiteral("POP3 Archive")));
        QCOMPARE(f.value(QStringLiteral("INBOX")).role, Store::FolderRole::Inbox);
        QVERIFY(subjects(QStringLiteral("INBOX")).isEmpty());
        // The editor shows the POP3 account now.
        QCOMPARE(editor->serverForm()->settings().protocol, Store::AccountProtocol::Pop3);

        // The mail is reachable over POP3.
        message = check(&ok);
        QVERIFY2(ok, qPrintable(message));
        QCOMPARE(subjects(QStringLiteral("INBOX")),
                 QStringList({QStringLiteral("settings test 0"), QStringLiteral("settings test 1")}));

        // And back to IMAP: the POP3 downloads are kept in the archive, IMAP shows the server's mail.
        setServer(dialog, Store::AccountProtocol::Imap, servers.imapTlsPort());
        QVERIFY2(dialog.apply(), qPrintable(editor->shownProblems()));
        QCOMPARE(changed.count(), 2);
        QCOMPARE(Store::StoreReader(databasePath()).accountById(accountId)->protocol, Store::AccountProtocol::Imap);
        f = folders();
        QVERIFY(f.value(QStringLiteral("POP3 Archive")).localOnly);
        QCOMPARE(subjects(QStringLiteral("POP3 Archive/INBOX")),
                 QStringList({QStringLiteral("settings test 0"), QStringLiteral("settings test 1")}));
        message = check(&ok);
        QVERIFY2(ok, qPrintable(message));
        QCOMPARE(subjects(QStringLiteral("INBOX")),
                 QStringList({QStringLiteral("settings test 0"), QStringLiteral("settings test 1")}));
        QCOMPARE(folders().value(QStringLiteral("INBOX")).role, Store::FolderRole::Inbox);
    }

    void cleanupTestCase()
    {
        Core::CredentialStore().removeSecretBlocking(keychainKey);
    }
};

QTEST_MAIN(UiSettingsDovecotTest)
#include "tst_ui_settings_dovecot.moc"
