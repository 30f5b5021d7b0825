// The main window with an IMAP account on the fixture's Dovecot (user yara, password in the
// fixture keyring): Check mail fills the tree and the list; a flag set in the window reaches the
// server with the next check.
#include "GuiHarness.h"
#include "MainWindow.h"
#include "TestServers.h"

#include "accounts/AccountRegistry.h"
#include "actions/MessageActions.h"
#include "credentials/CredentialStore.h"
#include "models/FolderTreeModel.h"
#include "models/MessageListModel.h"
#include "status/AccountStatus.h"
#include "status/ErrorBanner.h"
#include "status/MailChecker.h"
#include "store/StorePaths.h"
#include "store/StoreReader.h"
#include "store/StoreWriter.h"

#include <QAction>
#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTreeView>
#include <QtTest>

using namespace Petrel;

class UiImapDovecotTest : public QObject
{
    Q_OBJECT

private:
    Test::TestServers servers;
    Test::TestUser user;

    QStringList doveadmLines(const QStringList &args)
    {
        const auto r = servers.doveadm(args);
        if (r.exitCode != 0)
            qWarning("doveadm failed: %s", r.stdErr.constData());
        return QString::fromUtf8(r.stdOut).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    }

private Q_SLOTS:
    void initTestCase()
    {
        servers = Test::TestServers::load();
        QVERIFY2(servers.isValid(), qPrintable(servers.errorString()));
        user = servers.user(QStringLiteral("yara"));
        QVERIFY(!user.login.isEmpty());
        // A clean Inbox (a rerun against the same fixture starts over), then three new messages.
        servers.doveadm({QStringLiteral("expunge"), QStringLiteral("-u"), user.login, QStringLiteral("mailbox"),
                         QStringLiteral("INBOX"), QStringLiteral("all")});
        for (int i = 0; i < 3; ++i) {
            const QByteArray id = "ui-" + QByteArray::number(i) + "-" + QByteArray::number(QDateTime::currentMSecsSinceEpoch()) + "@petrel.test";
            const QByteArray message = "From: Zed <zed@petrel.test>\r\nTo: " + user.login.toUtf8() +
                                       "\r\nSubject: window test " + QByteArray::number(i) + "\r\nMessage-ID: <" + id +
                                       ">\r\nDate: Mon, 1 Jan 2024 10:0" + QByteArray::number(i) +
                                       ":00 +0000\r\n\r\nHello " + QByteArray::number(i) + "\r\n";
            QString error;
            QVERIFY2(servers.injectMessage(QStringLiteral("zed@petrel.test"), {user.login}, message, &error),
                     qPrintable(error));
            QVERIFY(servers.waitForMessage(user.login, QStringLiteral("INBOX"),
                                           {QStringLiteral("HEADER"), QStringLiteral("Message-ID"), QString::fromUtf8(id)},
                                           30000));
        }
    }

    void checkMailFillsTheWindowAndAFlagReachesTheServer()
    {
        QTemporaryDir dir;
        const QString profile = dir.filePath(QStringLiteral("profile"));
        QVERIFY(QDir().mkpath(profile));
        const QString keychainKey = QStringLiteral("ui-test-yara-%1").arg(QDateTime::currentMSecsSinceEpoch());
        const QString added = GuiTest::addAccount(
            Store::defaultDatabasePath(profile),
            GuiTest::fixtureImapAccount(servers, user, QStringLiteral("Yara"), keychainKey), user.password);
        QVERIFY2(added.isEmpty(), qPrintable(added));

        Ui::MainWindow window(profile);
        window.show();
        QSignalSpy finished(window.mailChecker(), &Ui::MailChecker::finished);
        QSignalSpy progress(window.mailChecker(), &Ui::MailChecker::progressed);
        window.checkMailAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 120000);
        QVERIFY2(finished.at(0).at(1).toBool(), qPrintable(finished.at(0).at(2).toString()));
        QCOMPARE(finished.at(0).at(3).toInt(), 3);
        const qint64 accountId = finished.at(0).at(0).toLongLong();
        QVERIFY(!window.errorBanner(accountId));
        QCOMPARE(window.accountStatus()->text(accountId), QStringLiteral("Yara: online"));
        // Progress was shown with counts, as the status bar has it while the check runs.
        bool counted = false;
        for (const QList<QVariant> &p : std::as_const(progress))
            counted = counted || p.at(3).toString().startsWith(QLatin1String("Yara: 3 of 3 new messages (INBOX)"));
        QVERIFY(counted);
        QVERIFY2(window.lastNotification().startsWith(QLatin1String("3 new message")),
                 qPrintable(window.lastNotification()));

        // The tree has the account's folders with the Inbox's unread count; the list its messages.
        Ui::FolderTreeModel *tree = window.folderModel();
        const QModelIndex account = tree->index(1, 0);
        QCOMPARE(account.data().toString(), QStringLiteral("Yara"));
        QVERIFY(tree->rowCount(account) >= 5); // INBOX, Sent, Drafts, Trash, Junk, Archive
        QModelIndex inbox;
        for (int row = 0; row < tree->rowCount(account); ++row) {
            const QModelIndex i = tree->index(row, 0, account);
            if (i.data(Ui::FolderTreeModel::FolderPathRole).toString() == QLatin1String("INBOX"))
                inbox = i;
        }
        QVERIFY(inbox.isValid());
        QCOMPARE(inbox.data(Ui::FolderTreeModel::UnreadRole).toLongLong(), 3);
        QCOMPARE(tree->unifiedInboxIndex().data(Ui::FolderTreeModel::UnreadRole).toLongLong(), 3);
        window.folderTree()->setCurrentIndex(inbox);
        Ui::MessageListModel *list = window.messageModel();
        QCOMPARE(list->rowCount(), 3);
        QCOMPARE(list->index(0, Ui::MessageListModel::SubjectColumn).data().toString(),
                 QStringLiteral("window test 2"));

        // Flag the newest message in the window, check again: the server has the flag.
        window.messageList()->selectionModel()->select(list->index(0, 0),
                                                       QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        const qint64 flaggedId = list->messageId(0);
        window.messageActions()->toggleFlag()->trigger();
        QVERIFY(list->index(0, Ui::MessageListModel::FlaggedColumn).data().toString().size() > 0);
        window.checkMailAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 120000);
        QVERIFY2(finished.at(1).at(1).toBool(), qPrintable(finished.at(1).at(2).toString()));

        std::optional<qint64> uid;
        {
            Store::StoreReader reader(Store::defaultDatabasePath(profile));
            uid = reader.message(flaggedId)->uid;
        }
        QVERIFY(uid.has_value());
        const QStringList flagged = doveadmLines({QStringLiteral("search"), QStringLiteral("-u"), user.login,
                                                  QStringLiteral("mailbox"), QStringLiteral("INBOX"),
                                                  QStringLiteral("FLAGGED")});
        QCOMPARE(flagged.size(), 1);
        QCOMPARE(flagged.first().section(QLatin1Char(' '), 1, 1).toLongLong(), *uid);

        Core::CredentialStore().removeSecretBlocking(keychainKey);
    }

    // With bodies on demand only, a message opened in the window is downloaded then (and only then).
    void aHeadersOnlyMessageIsDownloadedOnDemand()
    {
        QTemporaryDir dir;
        const QString profile = dir.filePath(QStringLiteral("profile"));
        QVERIFY(QDir().mkpath(profile));
        const QString keychainKey = QStringLiteral("ui-test-yara-ondemand-%1").arg(QDateTime::currentMSecsSinceEpoch());
        const QString db = Store::defaultDatabasePath(profile);
        {
            Core::AccountSettings s = GuiTest::fixtureImapAccount(servers, user, QStringLiteral("Yara"), keychainKey);
            s.imapOffline = {Core::ImapOfflinePolicy::Mode::None, 0};
            const QString added = GuiTest::addAccount(db, s, user.password);
            QVERIFY2(added.isEmpty(), qPrintable(added));
        }
        Ui::MainWindow window(profile);
        QSignalSpy finished(window.mailChecker(), &Ui::MailChecker::finished);
        window.checkMailAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 120000);
        QVERIFY2(finished.at(0).at(1).toBool(), qPrintable(finished.at(0).at(2).toString()));
        Store::StoreReader reader(db);
        const QList<Store::AccountRow> accounts = reader.accounts();
        QCOMPARE(accounts.size(), 1);
        qint64 inboxId = 0;
        for (const Store::FolderRow &f : reader.folders(accounts.first().id)) {
            if (f.role == Store::FolderRole::Inbox)
                inboxId = f.id;
        }
        const QList<Store::MessageSummary> page = reader.messages(inboxId, 10);
        QVERIFY(!page.isEmpty());
        const qint64 id = page.first().id;
        QVERIFY(!reader.rawMessage(id)); // headers only so far

        QSignalSpy fetched(&window, &Ui::MainWindow::bodyFetched);
        window.fetchBody(id);
        QTRY_COMPARE_WITH_TIMEOUT(fetched.count(), 1, 60000);
        QVERIFY2(fetched.at(0).at(1).toBool(), qPrintable(fetched.at(0).at(2).toString()));
        QCOMPARE(fetched.at(0).at(0).toLongLong(), id);
        const std::optional<QByteArray> raw = reader.rawMessage(id);
        QVERIFY(raw && raw->contains("Hello"));
        QVERIFY(!reader.rawMessage(page.last().id) || page.size() == 1); // the others still wait

        Core::CredentialStore().removeSecretBlocking(keychainKey);
    }
};

QTEST_MAIN(UiImapDovecotTest)
#include "tst_ui_imap_dovecot.moc"
