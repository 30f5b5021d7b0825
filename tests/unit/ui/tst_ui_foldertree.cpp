// The folder tree: unified Inbox on top, accounts, folders nested by delimiter with role icons
// and unread counts, drops of messages, refresh keeping the view's state.
#include "UiTestProfile.h"

#include "models/FolderTreeModel.h"
#include "models/MessageMime.h"
#include "store/Database.h"

#include <QFont>
#include <QSignalSpy>
#include <QtTest>

using namespace Petrel;
using Tree = Ui::FolderTreeModel;

class UiFolderTreeTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsUnifiedInboxAccountsNestedFoldersAndUnread()
    {
        UiTestProfile p;
        const qint64 pop = p.addPop3Account(QStringLiteral("Home"));
        Store::AccountRow row;
        row.name = QStringLiteral("Work");
        const qint64 work = p.writer->addAccount(row);
        const qint64 workInbox = p.writer->ensureFolder(work, QStringLiteral("INBOX"), Store::FolderRole::Inbox);
        const qint64 projects = p.writer->ensureFolder(work, QStringLiteral("INBOX/Projects"));
        const qint64 deep = p.writer->ensureFolder(work, QStringLiteral("INBOX/Projects/Petrel"));
        p.writer->database().exec("UPDATE folders SET delimiter = '/'");
        p.seed(workInbox, 3, [](int i, Store::MessageRecord &r) {
            if (i == 0)
                r.flags = Store::MessageFlag::Seen;
        });
        p.seed(deep, 1);
        p.seed(p.folderId(pop, QStringLiteral("INBOX")), 4);

        Tree model(*p.reader);
        QCOMPARE(model.rowCount(), 3);
        const QModelIndex unified = model.index(0, 0);
        QCOMPARE(unified, model.unifiedInboxIndex());
        QCOMPARE(unified.data(Tree::UnreadRole).toLongLong(), 2 + 4);
        QCOMPARE(unified.data().toString(), QStringLiteral("Unified Inbox (6)"));
        QVERIFY(unified.data(Qt::FontRole).value<QFont>().bold());

        const QModelIndex home = model.index(1, 0);
        QCOMPARE(home.data().toString(), QStringLiteral("Home"));
        QCOMPARE(model.rowCount(home), 5); // the POP3 defaults
        const QModelIndex workIndex = model.accountIndex(work);
        QCOMPARE(workIndex.row(), 2);
        QCOMPARE(model.rowCount(workIndex), 1); // INBOX; the rest hangs below it
        const QModelIndex inbox = model.folderIndex(workInbox);
        QCOMPARE(inbox.parent(), workIndex);
        QCOMPARE(inbox.data().toString(), QStringLiteral("INBOX (2)"));
        QVERIFY(!inbox.data(Qt::DecorationRole).value<QIcon>().isNull());
        const QModelIndex projectsIndex = model.folderIndex(projects);
        QCOMPARE(projectsIndex.parent(), inbox);
        QCOMPARE(projectsIndex.data().toString(), QStringLiteral("Projects"));
        QVERIFY(!projectsIndex.data(Qt::FontRole).isValid()); // nothing unread: not bold
        const QModelIndex deepIndex = model.folderIndex(deep);
        QCOMPARE(deepIndex.parent(), projectsIndex);
        QCOMPARE(deepIndex.data().toString(), QStringLiteral("Petrel (1)"));
        QVERIFY(deepIndex.data(Qt::FontRole).value<QFont>().bold());
    }

    void refreshUpdatesCountsWithoutResetAndResetsOnNewFolders()
    {
        UiTestProfile p;
        const qint64 account = p.addPop3Account(QStringLiteral("Home"));
        const qint64 inbox = p.folderId(account, QStringLiteral("INBOX"));
        Tree model(*p.reader);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
        p.seed(inbox, 2);
        model.refresh();
        QCOMPARE(resets.count(), 0); // the view keeps its selection and expansion
        QVERIFY(changes.count() >= 1);
        QCOMPARE(model.folderIndex(inbox).data(Tree::UnreadRole).toLongLong(), 2);
        p.writer->ensureFolder(account, QStringLiteral("Receipts"));
        model.refresh();
        QCOMPARE(resets.count(), 1);
        QCOMPARE(model.rowCount(model.accountIndex(account)), 6);
    }

    void droppedMessagesAreAnnouncedAsMoveOrCopy()
    {
        UiTestProfile p;
        const qint64 account = p.addPop3Account(QStringLiteral("Home"));
        const qint64 archive = p.folderId(account, QStringLiteral("Archive"));
        Tree model(*p.reader);
        QSignalSpy dropped(&model, &Tree::messagesDropped);
        std::unique_ptr<QMimeData> data(Ui::messageIdsMimeData({7, 9}));
        // Not onto an account or the unified Inbox.
        QVERIFY(!model.canDropMimeData(data.get(), Qt::MoveAction, -1, -1, model.accountIndex(account)));
        QVERIFY(model.dropMimeData(data.get(), Qt::MoveAction, -1, -1, model.folderIndex(archive)));
        QVERIFY(model.dropMimeData(data.get(), Qt::CopyAction, -1, -1, model.folderIndex(archive)));
        QCOMPARE(dropped.count(), 2);
        QCOMPARE(dropped.at(0).at(0).value<QList<qint64>>(), (QList<qint64>{7, 9}));
        QCOMPARE(dropped.at(0).at(1).toLongLong(), archive);
        QCOMPARE(dropped.at(0).at(2).toBool(), false);
        QCOMPARE(dropped.at(1).at(2).toBool(), true);
    }
};

QTEST_MAIN(UiFolderTreeTest)
#include "tst_ui_foldertree.moc"
