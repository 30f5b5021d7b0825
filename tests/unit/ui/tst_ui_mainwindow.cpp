// The main window: panes, folder selection, actions on the selected messages (menus, shortcuts,
// drag and drop), search, and mail checks whose errors show in a banner, never a dialog.
#include "MainWindow.h"
#include "UiTestProfile.h"

#include "actions/MessageActions.h"
#include "models/FolderTreeModel.h"
#include "models/MessageListModel.h"
#include "status/AccountStatus.h"
#include "status/ErrorBanner.h"
#include "status/MailChecker.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTcpServer>
#include <QTreeView>
#include <QtTest>

using namespace Petrel;
using Ui::MainWindow;
using Ui::MessageListModel;

namespace {

// Shows a folder as if clicked in the tree.
void openFolder(MainWindow &w, qint64 folderId)
{
    w.folderTree()->setCurrentIndex(w.folderModel()->folderIndex(folderId));
}

void selectRows(MainWindow &w, const QList<int> &rows)
{
    QItemSelectionModel *sel = w.messageList()->selectionModel();
    sel->clearSelection();
    for (const int row : rows)
        sel->select(w.messageModel()->index(row, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    sel->setCurrentIndex(w.messageModel()->index(rows.first(), 0), QItemSelectionModel::NoUpdate);
}

qint64 folderOf(UiTestProfile &p, qint64 messageId)
{
    const auto m = p.reader->message(messageId);
    return m ? m->folderId : 0;
}

quint16 closedPort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

} // namespace

class UiMainWindowTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void emptyProfileSaysHowToStart()
    {
        QTemporaryDir dir;
        MainWindow window(dir.filePath(QStringLiteral("profile")));
        QCOMPARE(window.folderModel()->rowCount(), 1); // the unified Inbox alone
        QVERIFY(window.statusBar()->currentMessage().contains(QLatin1String("account add")));
    }

    void showsTreeAndUnifiedInboxFirst()
    {
        UiTestProfile p;
        const qint64 a = p.addPop3Account(QStringLiteral("Work"));
        p.seed(p.folderId(a, QStringLiteral("INBOX")), 3, [](int i, Store::MessageRecord &r) {
            if (i == 0)
                r.flags = Store::MessageFlag::Seen;
        });
        MainWindow window(p.path());
        QCOMPARE(window.folderModel()->rowCount(), 2);
        const QModelIndex work = window.folderModel()->accountIndex(a);
        QCOMPARE(work.data().toString(), QStringLiteral("Work"));
        QVERIFY(window.folderTree()->isExpanded(work));
        QCOMPARE(window.folderModel()->folderIndex(p.folderId(a, QStringLiteral("INBOX"))).data().toString(),
                 QStringLiteral("Inbox (2)"));
        // The unified Inbox is shown at start.
        QCOMPARE(window.folderTree()->currentIndex(), window.folderModel()->unifiedInboxIndex());
        QCOMPARE(window.messageModel()->rowCount(), 3);
        QSignalSpy current(&window, &MainWindow::currentMessageChanged);
        selectRows(window, {1});
        QCOMPARE(current.count(), 1);
        QCOMPARE(current.at(0).at(0).toLongLong(), window.messageModel()->messageId(1));
    }

    void dragAndDropOntoAFolderMovesOrCopies()
    {
        UiTestProfile p;
        const qint64 a = p.addPop3Account(QStringLiteral("Home"));
        const qint64 inbox = p.folderId(a, QStringLiteral("INBOX"));
        const qint64 archive = p.folderId(a, QStringLiteral("Archive"));
        const QList<qint64> ids = p.seed(inbox, 3);
        MainWindow window(p.path());
        openFolder(window, inbox);
        QCOMPARE(window.messageModel()->rowCount(), 3);
        selectRows(window, {0, 1}); // m2, m1
        const QModelIndexList dragged = window.messageList()->selectionModel()->selectedIndexes();
        std::unique_ptr<QMimeData> data(window.messageModel()->mimeData(dragged));
        QVERIFY(window.folderModel()->dropMimeData(data.get(), Qt::MoveAction, -1, -1,
                                                   window.folderModel()->folderIndex(archive)));
        QCOMPARE(folderOf(p, ids[2]), archive);
        QCOMPARE(folderOf(p, ids[1]), archive);
        QCOMPARE(folderOf(p, ids[0]), inbox);
        QCOMPARE(window.messageModel()->rowCount(), 1);
        // m2 was the current (opened, so read) message: one unread arrives.
        QCOMPARE(window.folderModel()->folderIndex(archive).data(Ui::FolderTreeModel::UnreadRole).toLongLong(), 1);

        // Ctrl held: a copy; the original stays.
        selectRows(window, {0});
        data.reset(window.messageModel()->mimeData(window.messageList()->selectionModel()->selectedIndexes()));
        QVERIFY(window.folderModel()->dropMimeData(data.get(), Qt::CopyAction, -1, -1,
                                                   window.folderModel()->folderIndex(archive)));
        QCOMPARE(folderOf(p, ids[0]), inbox);
        QCOMPARE(p.reader->folder(archive)->totalCount, 3);
        QCOMPARE(window.messageModel()->rowCount(), 1);
    }

    void keyboardShortcutsRunTheirActions()
    {
        UiTestProfile p;
        const qint64 a = p.addPop3Account(QStringLiteral("Keys"));
        const qint64 inbox = p.folderId(a, QStringLiteral("INBOX"));
        const qint64 trash = p.folderId(a, QStringLiteral("Trash"));
        const qint64 archive = p.folderId(a, QStringLiteral("Archive"));
        const QList<qint64> ids = p.seed(inbox, 4); // rows: m3 m2 m1 m0
        MainWindow window(p.path());
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        openFolder(window, inbox);
        QWidget *list = window.messageList();
        list->setFocus();

        QSignalSpy reply(&window, &MainWindow::replyRequested);
        QSignalSpy forward(&window, &MainWindow::forwardRequested);
        QSignalSpy compose(&window, &MainWindow::composeRequested);
        selectRows(window, {0});
        QTest::keyClick(list, Qt::Key_R, Qt::ControlModifier);
        QTest::keyClick(list, Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
        QTest::keyClick(list, Qt::Key_L, Qt::ControlModifier);
        QTest::keyClick(list, Qt::Key_N, Qt::ControlModifier);
        QCOMPARE(reply.count(), 2);
        QCOMPARE(reply.at(0), (QVariantList{ids[3], false}));
        QCOMPARE(reply.at(1), (QVariantList{ids[3], true}));
        QCOMPARE(forward.count(), 1);
        QCOMPARE(forward.at(0).at(0).toLongLong(), ids[3]);
        QCOMPARE(compose.count(), 1);

        // Multiple selection: S flags both, S again unflags both.
        selectRows(window, {0, 1});
        QTest::keyClick(list, Qt::Key_S);
        QVERIFY(p.reader->message(ids[3])->flags.testFlag(Store::MessageFlag::Flagged));
        QVERIFY(p.reader->message(ids[2])->flags.testFlag(Store::MessageFlag::Flagged));
        QCOMPARE(window.selectedMessageIds().size(), 2); // the selection survives the refresh
        QVERIFY(window.messageModel()->index(0, MessageListModel::FlaggedColumn).data().toString().size() > 0);
        QTest::keyClick(list, Qt::Key_S);
        QVERIFY(!p.reader->message(ids[3])->flags.testFlag(Store::MessageFlag::Flagged));
        QVERIFY(!p.reader->message(ids[2])->flags.testFlag(Store::MessageFlag::Flagged));

        // The opened message is read; M toggles read; Ctrl+Shift+U marks unread.
        selectRows(window, {0});
        QVERIFY(p.reader->message(ids[3])->flags.testFlag(Store::MessageFlag::Seen));
        QCOMPARE(p.reader->folder(inbox)->unreadCount, 3);
        QTest::keyClick(list, Qt::Key_M);
        QVERIFY(!p.reader->message(ids[3])->flags.testFlag(Store::MessageFlag::Seen));
        QTest::keyClick(list, Qt::Key_M);
        QVERIFY(p.reader->message(ids[3])->flags.testFlag(Store::MessageFlag::Seen));
        QTest::keyClick(list, Qt::Key_U, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(!p.reader->message(ids[3])->flags.testFlag(Store::MessageFlag::Seen));
        QVERIFY(!window.messageModel()->index(0, MessageListModel::SubjectColumn).data(Qt::FontRole).isNull()); // bold again

        // Delete moves to Trash; A archives.
        selectRows(window, {0});
        QTest::keyClick(list, Qt::Key_Delete);
        QCOMPARE(folderOf(p, ids[3]), trash);
        QCOMPARE(window.messageModel()->rowCount(), 3);
        QCOMPARE(window.selectedMessageIds(), QList<qint64>{ids[2]}); // the next message is selected
        QTest::keyClick(list, Qt::Key_A);
        QCOMPARE(folderOf(p, ids[2]), archive);

        // Ctrl+F goes to the search field.
        QTest::keyClick(list, Qt::Key_F, Qt::ControlModifier);
        QVERIFY(window.searchField()->hasFocus());
    }

    void moveAndCopyMenusListTheAccountsOtherFolders()
    {
        UiTestProfile p;
        const qint64 a = p.addPop3Account(QStringLiteral("Menus"));
        const qint64 inbox = p.folderId(a, QStringLiteral("INBOX"));
        const qint64 sent = p.folderId(a, QStringLiteral("Sent"));
        const QList<qint64> ids = p.seed(inbox, 2);
        MainWindow window(p.path());
        openFolder(window, inbox);
        selectRows(window, {0});
        auto pick = [](QMenu *menu, const QString &path) -> QAction * {
            QMetaObject::invokeMethod(menu, "aboutToShow"); // as when the menu opens
            for (QAction *action : menu->actions()) {
                if (action->text() == path)
                    return action;
            }
            return nullptr;
        };
        QVERIFY(!pick(window.messageActions()->moveMenu(), QStringLiteral("INBOX"))); // not its own folder
        QAction *copyToSent = pick(window.messageActions()->copyMenu(), QStringLiteral("Sent"));
        QVERIFY(copyToSent);
        copyToSent->trigger();
        QCOMPARE(p.reader->folder(sent)->totalCount, 1);
        QCOMPARE(folderOf(p, ids[1]), inbox);
        QAction *moveToSent = pick(window.messageActions()->moveMenu(), QStringLiteral("Sent"));
        QVERIFY(moveToSent);
        moveToSent->trigger();
        QCOMPARE(folderOf(p, ids[1]), sent);
        QCOMPARE(window.messageModel()->rowCount(), 1);
    }

    void searchFieldNarrowsTheListAsYouType()
    {
        UiTestProfile p;
        const qint64 a = p.addPop3Account(QStringLiteral("Find"));
        const qint64 inbox = p.folderId(a, QStringLiteral("INBOX"));
        p.seed(inbox, 5, [](int i, Store::MessageRecord &r) {
            if (i == 2)
                r.flags = Store::MessageFlag::Flagged;
            if (i == 4)
                r.subject = QStringLiteral("Quarterly numbers");
        });
        MainWindow window(p.path());
        openFolder(window, inbox);
        QCOMPARE(window.messageModel()->rowCount(), 5);
        QTest::keyClicks(window.searchField(), QStringLiteral("is:flagged"));
        QTRY_COMPARE(window.messageModel()->rowCount(), 1);
        QCOMPARE(window.messageModel()->index(0, MessageListModel::SubjectColumn).data().toString(),
                 QStringLiteral("m2"));
        window.searchField()->setText(QStringLiteral("subject:quarterly"));
        QTRY_COMPARE(window.messageModel()->index(0, MessageListModel::SubjectColumn).data().toString(),
                     QStringLiteral("Quarterly numbers"));
        QCOMPARE(window.messageModel()->rowCount(), 1);
        window.searchField()->clear();
        QTRY_COMPARE(window.messageModel()->rowCount(), 5);
    }

    void searchReachesEveryAccountWhenAsked()
    {
        UiTestProfile p;
        const qint64 home = p.addPop3Account(QStringLiteral("Home"));
        const qint64 work = p.addPop3Account(QStringLiteral("Work"));
        const qint64 homeInbox = p.folderId(home, QStringLiteral("INBOX"));
        const qint64 workInbox = p.folderId(work, QStringLiteral("INBOX"));
        const auto subject = [](const QString &text) {
            return [text](int i, Store::MessageRecord &r) { r.subject = text + QString::number(i); };
        };
        p.seed(homeInbox, 3, subject(QStringLiteral("Invoice home ")));
        p.seed(workInbox, 2, subject(QStringLiteral("Invoice work ")));
        MainWindow window(p.path());
        openFolder(window, homeInbox);
        auto *scope = window.findChild<QComboBox *>(QStringLiteral("searchScope"));
        QVERIFY(scope);
        QCOMPARE(scope->currentIndex(), 0); // the current folder by default

        window.searchField()->setText(QStringLiteral("subject:invoice"));
        QTRY_COMPARE(window.messageModel()->rowCount(), 3);
        scope->setCurrentIndex(1);
        QTRY_COMPARE(window.messageModel()->rowCount(), 5);
        QSet<qint64> folders;
        for (int row = 0; row < 5; ++row)
            folders.insert(window.messageModel()->index(row, 0).data(MessageListModel::FolderIdRole).toLongLong());
        QCOMPARE(folders, (QSet<qint64>{homeInbox, workInbox}));

        // No search text: the list is the chosen folder again, whatever the scope.
        window.searchField()->clear();
        QTRY_COMPARE(window.messageModel()->rowCount(), 3);
        QVERIFY(!window.messageModel()->listsAllFolders());
        scope->setCurrentIndex(0);
        window.searchField()->setText(QStringLiteral("subject:work"));
        QTRY_COMPARE(window.messageModel()->rowCount(), 0);
    }

    void aRefusedConnectionShowsABannerWithRetryNotADialog()
    {
        UiTestProfile p;
        const quint16 port = closedPort();
        const qint64 pop = p.addAccount(QStringLiteral("Pop"), Store::AccountProtocol::Pop3, port);
        const qint64 imap = p.addAccount(QStringLiteral("Imap"), Store::AccountProtocol::Imap, port);
        MainWindow window(p.path());
        window.show();
        window.mailChecker()->setPasswordSource(
            [](const Core::AccountSettings &, QObject *, Ui::MailChecker::PasswordReply reply) { reply(true, QStringLiteral("pw")); });
        QSignalSpy finished(window.mailChecker(), &Ui::MailChecker::finished);
        window.checkMailAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 30000);
        QVERIFY(!QApplication::activeModalWidget());
        for (const qint64 id : {pop, imap}) {
            Ui::ErrorBanner *banner = window.errorBanner(id);
            QVERIFY(banner);
            QVERIFY(banner->isVisible());
            QVERIFY2(banner->message().contains(QLatin1String("refused"), Qt::CaseInsensitive),
                     qPrintable(banner->message()));
            QVERIFY(window.accountStatus()->text(id).contains(QLatin1String("offline")));
        }
        // Retry runs the check again: the banner goes, then comes back with the same error.
        QTest::mouseClick(window.errorBanner(pop)->retryButton(), Qt::LeftButton);
        QVERIFY(!window.errorBanner(pop)->isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 3, 30000);
        QVERIFY(window.errorBanner(pop)->isVisible());
        QVERIFY(!QApplication::activeModalWidget());
        QVERIFY(window.lastNotification().isEmpty());
    }
};

QTEST_MAIN(UiMainWindowTest)
#include "tst_ui_mainwindow.moc"
