// The launched window shows what the profile holds: accounts, their folders, unread and total.
#include "MainWindow.h"

#include "store/FolderRow.h"
#include "store/MessageRecord.h"
#include "store/StorePaths.h"
#include "store/StoreWriter.h"

#include <QStatusBar>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

class UiMainWindowTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void emptyProfileSaysHowToStart()
    {
        QTemporaryDir dir;
        Petrel::Ui::MainWindow window(dir.filePath(QStringLiteral("profile")));
        QCOMPARE(window.folderTree()->topLevelItemCount(), 0);
        QVERIFY(window.statusBar()->currentMessage().contains(QLatin1String("account add")));
    }

    void showsAccountsFoldersAndCounts()
    {
        QTemporaryDir dir;
        const QString profile = dir.filePath(QStringLiteral("profile"));
        QVERIFY(QDir().mkpath(profile));
        {
            using namespace Petrel::Store;
            StoreWriter writer(defaultDatabasePath(profile));
            AccountRow account;
            account.name = QStringLiteral("Work");
            account.address = QStringLiteral("me@example.org");
            const qint64 accountId = writer.addAccount(account);
            const qint64 inbox = writer.ensureFolder(accountId, QStringLiteral("INBOX"), FolderRole::Inbox,
                                                     QStringLiteral("Inbox"));
            QList<MessageRecord> records;
            for (int i = 0; i < 3; ++i) {
                MessageRecord r;
                r.subject = QStringLiteral("m%1").arg(i);
                r.raw = "Subject: m" + QByteArray::number(i) + "\r\n\r\nbody\r\n";
                if (i == 0)
                    r.flags = MessageFlag::Seen;
                records << r;
            }
            writer.insertMessages(inbox, records, DuplicatePolicy::SkipSameContentHashInFolder);
        }
        Petrel::Ui::MainWindow window(profile);
        QTreeWidget *tree = window.folderTree();
        QCOMPARE(tree->topLevelItemCount(), 1);
        QTreeWidgetItem *work = tree->topLevelItem(0);
        QCOMPARE(work->text(0), QStringLiteral("Work"));
        QCOMPARE(work->childCount(), 1);
        QCOMPARE(work->child(0)->text(0), QStringLiteral("Inbox"));
        QCOMPARE(work->child(0)->text(1), QStringLiteral("2"));
        QCOMPARE(work->child(0)->text(2), QStringLiteral("3"));
    }
};

QTEST_MAIN(UiMainWindowTest)
#include "tst_ui_mainwindow.moc"
