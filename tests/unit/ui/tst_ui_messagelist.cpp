// The message list model: lazy pages, sorting by every column in SQL, unread rows bold, search
// operators, the unified Inbox and the threaded view.
#include "UiTestProfile.h"

#include "models/MessageListModel.h"
#include "store/SearchFilter.h"

#include <QElapsedTimer>
#include <QFont>
#include <QtTest>

using namespace Petrel;
using Model = Ui::MessageListModel;

namespace {

// Loads every row (as a scrolling view would, page by page).
void loadAll(Model &model)
{
    int guard = 0;
    while (model.canFetchMore({}) && guard++ < 10000)
        model.fetchMore({});
}

} // namespace

class UiMessageListTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void opensLazilyAndGrowsWithFetchMore()
    {
        UiTestProfile p;
        const qint64 account = p.addPop3Account(QStringLiteral("Big"));
        const qint64 inbox = p.folderId(account, QStringLiteral("INBOX"));
        p.seed(inbox, 20000);
        Model model(*p.reader);
        model.setFolders({inbox});
        QCOMPARE(model.totalCount(), 20000);
        QCOMPARE(model.rowCount(), Model::PageSize);
        QVERIFY(model.canFetchMore({}));
        // Newest first by default.
        QCOMPARE(model.index(0, Model::SubjectColumn).data().toString(), QStringLiteral("m19999"));
        model.fetchMore({});
        QCOMPARE(model.rowCount(), 2 * Model::PageSize);
        QCOMPARE(model.index(Model::PageSize, Model::SubjectColumn).data().toString(),
                 QStringLiteral("m%1").arg(19999 - Model::PageSize));
        loadAll(model);
        QCOMPARE(model.rowCount(), 20000);
        QVERIFY(!model.canFetchMore({}));
        QCOMPARE(model.index(19999, Model::SubjectColumn).data().toString(), QStringLiteral("m0"));
    }

    void aSearchCountsUpToTheCapAndStillLoadsEveryMatch()
    {
        UiTestProfile p;
        const qint64 account = p.addPop3Account(QStringLiteral("Many"));
        const qint64 inbox = p.folderId(account, QStringLiteral("INBOX"));
        const int matches = Store::MessageListCount::ListCap + Model::PageSize + 50;
        p.seed(inbox, matches + 10, [matches](int i, Store::MessageRecord &r) {
            r.subject = i < matches ? QStringLiteral("alpha %1").arg(i) : QStringLiteral("beta %1").arg(i);
        });
        Model model(*p.reader);
        model.setFolders({inbox});
        QCOMPARE(model.totalCount(), matches + 10); // a folder is counted in full
        QVERIFY(!model.totalIsCapped());
        model.setFilter(Store::parseSearchFilter(QStringLiteral("alpha")));
        QCOMPARE(model.totalCount(), int(Store::MessageListCount::ListCap));
        QVERIFY(model.totalIsCapped());
        QCOMPARE(model.rowCount(), Model::PageSize);
        loadAll(model); // past the cap, pages come until one is short
        QCOMPARE(model.rowCount(), matches);
        QCOMPARE(model.totalCount(), matches);
        QVERIFY(!model.totalIsCapped());
        QVERIFY(!model.canFetchMore({}));
        QSet<QString> subjects;
        for (int row = 0; row < model.rowCount(); ++row)
            subjects.insert(model.index(row, Model::SubjectColumn).data().toString());
        QCOMPARE(subjects.size(), matches);
        QVERIFY(!subjects.contains(QStringLiteral("beta %1").arg(matches)));
        // Fewer matches than the cap: exact at once.
        model.setFilter(Store::parseSearchFilter(QStringLiteral("beta")));
        QCOMPARE(model.totalCount(), 10);
        QVERIFY(!model.totalIsCapped());
    }

    void sortsByEveryColumnInBothOrders()
    {
        UiTestProfile p;
        const qint64 account = p.addPop3Account(QStringLiteral("Sorted"));
        const qint64 inbox = p.folderId(account, QStringLiteral("INBOX"));
        const int count = 450; // more than two pages, so paging under each order is covered
        p.seed(inbox, count, [](int i, Store::MessageRecord &r) {
            r.subject = QStringLiteral("%1 subject %2").arg(QChar(QLatin1Char('a' + (i * 11) % 26))).arg(i);
            if (i % 3 == 0)
                r.flags |= Store::MessageFlag::Flagged;
            if (i % 4 == 0)
                r.flags |= Store::MessageFlag::Seen;
            r.hasAttachments = i % 5 == 0;
        });
        Model model(*p.reader);
        model.setFolders({inbox});
        for (int column = 0; column < Model::ColumnCount; ++column) {
            for (const Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
                model.sort(column, order);
                QCOMPARE(model.rowCount(), Model::PageSize);
                loadAll(model);
                QCOMPARE(model.rowCount(), count);
                QSet<qint64> seen;
                for (int row = 0; row < count; ++row) {
                    const Store::MessageSummary *m = model.summary(row);
                    QVERIFY(!seen.contains(m->id)); // pages never overlap
                    seen.insert(m->id);
                    if (row == 0)
                        continue;
                    const Store::MessageSummary *prev = model.summary(row - 1);
                    const int c = compare(column, *prev, *m);
                    if (c != 0) {
                        QVERIFY2((order == Qt::AscendingOrder) == (c < 0),
                                 qPrintable(QStringLiteral("column %1 row %2").arg(column).arg(row)));
                    } else if (column != Model::DateColumn) {
                        // Ties by date then id, in the same direction.
                        const bool after = prev->date < m->date || (prev->date == m->date && prev->id < m->id);
                        QVERIFY(after == (order == Qt::AscendingOrder));
                    }
                }
            }
        }
    }

    void unreadRowsAreBold()
    {
        UiTestProfile p;
        const qint64 account = p.addPop3Account(QStringLiteral("Bold"));
        const qint64 inbox = p.folderId(account, QStringLiteral("INBOX"));
        p.seed(inbox, 2, [](int i, Store::MessageRecord &r) {
            if (i == 0)
                r.flags = Store::MessageFlag::Seen;
        });
        Model model(*p.reader);
        model.setFolders({inbox});
        // Row 0 is m1 (newest, unread), row 1 is m0 (read).
        QCOMPARE(model.index(0, Model::SubjectColumn).data().toString(), QStringLiteral("m1"));
        QVERIFY(model.index(0, Model::FromColumn).data(Qt::FontRole).value<QFont>().bold());
        QVERIFY(!model.index(1, Model::FromColumn).data(Qt::FontRole).isValid());
    }

    void searchOperatorsNarrowTheList()
    {
        UiTestProfile p;
        const qint64 account = p.addPop3Account(QStringLiteral("Search"));
        const qint64 inbox = p.folderId(account, QStringLiteral("INBOX"));
        p.seed(inbox, 6, [](int i, Store::MessageRecord &r) {
            r.bodyText = i == 2 ? QStringLiteral("the quarterly budget is attached") : QStringLiteral("hello");
            r.raw = "Subject: x\r\n\r\n" + r.bodyText.toUtf8();
            if (i == 1) {
                r.fromDisplay = QStringLiteral("Zoe Quill");
                r.fromAddress = QStringLiteral("zoe@quill.example");
            }
            if (i == 3)
                r.to = QStringLiteral("Team <team_list@example.net>");
            if (i == 4)
                r.subject = QStringLiteral("Invoice 100% paid");
            if (i == 5) {
                r.hasAttachments = true;
                r.flags = Store::MessageFlag::Seen | Store::MessageFlag::Flagged;
            }
            if (i != 5 && i != 0)
                r.flags |= Store::MessageFlag::Seen;
        });
        Model model(*p.reader);
        model.setFolders({inbox});
        QCOMPARE(model.rowCount(), 6);
        auto subjects = [&](const QString &query) {
            model.setFilter(Store::parseSearchFilter(query));
            QStringList s;
            for (int row = 0; row < model.rowCount(); ++row)
                s << model.index(row, Model::SubjectColumn).data().toString();
            return s;
        };
        QCOMPARE(subjects(QStringLiteral("budget")), QStringList{QStringLiteral("m2")});
        QCOMPARE(subjects(QStringLiteral("budg")), QStringList{QStringLiteral("m2")});
        QCOMPARE(subjects(QStringLiteral("from:quill")), QStringList{QStringLiteral("m1")});
        QCOMPARE(subjects(QStringLiteral("from:\"Zoe Quill\"")), QStringList{QStringLiteral("m1")});
        QCOMPARE(subjects(QStringLiteral("to:team_list")), QStringList{QStringLiteral("m3")});
        // LIKE's wildcards are plain characters: "team_" must not match "teamX".
        QCOMPARE(subjects(QStringLiteral("to:team%")), QStringList{});
        QCOMPARE(subjects(QStringLiteral("subject:\"100% paid\"")), QStringList{QStringLiteral("Invoice 100% paid")});
        QCOMPARE(subjects(QStringLiteral("has:attachment")), QStringList{QStringLiteral("m5")});
        QCOMPARE(subjects(QStringLiteral("is:flagged")), QStringList{QStringLiteral("m5")});
        QCOMPARE(subjects(QStringLiteral("is:unread")), QStringList{QStringLiteral("m0")});
        QCOMPARE(subjects(QStringLiteral("is:flagged hello")), QStringList{QStringLiteral("m5")});
        QCOMPARE(subjects(QStringLiteral("is:flagged budget")), QStringList{});
        QCOMPARE(subjects(QStringLiteral("\"*&(")), QStringList{}); // nothing searchable: nothing listed
        QCOMPARE(subjects(QString()).size(), 6);
    }

    void parsesOperators()
    {
        const Store::SearchFilter f = Store::parseSearchFilter(
            QStringLiteral("from:ann to:\"Bob B\" subject:report has:attachment is:unread is:flagged foo:bar words"));
        QCOMPARE(f.from, QStringList{QStringLiteral("ann")});
        QCOMPARE(f.to, QStringList{QStringLiteral("Bob B")});
        QCOMPARE(f.subject, QStringList{QStringLiteral("report")});
        QVERIFY(f.hasAttachment && f.unread && f.flagged);
        QCOMPARE(f.text, QStringLiteral("foo:bar words"));
        QVERIFY(Store::parseSearchFilter(QStringLiteral("  ")).isEmpty());
    }

    void unifiedInboxListsEveryInbox()
    {
        UiTestProfile p;
        const qint64 a = p.addPop3Account(QStringLiteral("A"));
        const qint64 b = p.addPop3Account(QStringLiteral("B"));
        p.seed(p.folderId(a, QStringLiteral("INBOX")), 3);
        p.seed(p.folderId(b, QStringLiteral("INBOX")), 2);
        p.seed(p.folderId(b, QStringLiteral("Archive")), 4);
        Model model(*p.reader);
        model.setFolders(p.reader->inboxFolderIds());
        QCOMPARE(model.rowCount(), 5);
    }

    void threadedViewShowsOneRowPerThreadWithCounts()
    {
        UiTestProfile p;
        const qint64 account = p.addPop3Account(QStringLiteral("Threads"));
        const qint64 inbox = p.folderId(account, QStringLiteral("INBOX"));
        p.seed(inbox, 5, [](int i, Store::MessageRecord &r) {
            // m0 starts a thread, m1 and m3 answer it; m2 and m4 stand alone.
            if (i == 1 || i == 3) {
                r.inReplyTo = QStringLiteral("m0-%1@example.org").arg(0);
                r.references = {r.inReplyTo};
                r.threadKey = QStringLiteral("thread-a");
            } else if (i == 0) {
                r.threadKey = QStringLiteral("thread-a");
            }
        });
        Model model(*p.reader);
        model.setFolders({inbox});
        model.setThreaded(true);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.totalCount(), 3);
        // The thread is listed by its newest message (m3) with its size.
        int row = -1;
        for (int r = 0; r < model.rowCount(); ++r) {
            if (model.summary(r)->threadCount > 1)
                row = r;
        }
        QVERIFY(row >= 0);
        QCOMPARE(model.summary(row)->subject, QStringLiteral("m3"));
        QCOMPARE(model.index(row, 0).data(Model::ThreadCountRole).toInt(), 3);
        QCOMPARE(model.index(row, Model::SubjectColumn).data().toString(), QStringLiteral("m3 (3)"));
        model.setThreaded(false);
        QCOMPARE(model.rowCount(), 5);
    }

    // Not an assertion on time: prints what opening and sorting a 100,000-message folder costs,
    // for the record (README of ui/).
    void measuresA100000MessageFolder()
    {
        UiTestProfile p;
        const qint64 account = p.addPop3Account(QStringLiteral("Huge"));
        const qint64 inbox = p.folderId(account, QStringLiteral("INBOX"));
        QElapsedTimer seeding;
        seeding.start();
        for (int chunk = 0; chunk < 10; ++chunk) {
            p.seed(inbox, 10000, [chunk](int i, Store::MessageRecord &r) {
                const int n = chunk * 10000 + i;
                r.subject = QStringLiteral("subject %1").arg((n * 7919) % 100000);
                r.date = r.date.addSecs(600000LL * chunk);
                r.contentHash = QStringLiteral("h%1").arg(n);
            });
        }
        qInfo("storing 100000 headers-only messages: %lld ms", seeding.elapsed());
        Model model(*p.reader);
        QElapsedTimer t;
        t.start();
        model.setFolders({inbox});
        qInfo("open 100000: %lld ms (%d rows loaded)", t.elapsed(), model.rowCount());
        QCOMPARE(model.totalCount(), 100000);
        for (int column = 0; column < Model::ColumnCount; ++column) {
            t.restart();
            model.sort(column, Qt::AscendingOrder);
            const qint64 first = t.elapsed();
            t.restart();
            for (int i = 0; i < 5; ++i)
                model.fetchMore({});
            qInfo("sort by column %d: first page %lld ms, next 5 pages %lld ms", column, first, t.elapsed());
            QCOMPARE(model.rowCount(), 6 * Model::PageSize);
        }
        // Pages deep in the folder (as after scrolling far), in each order.
        for (int column = 0; column < Model::ColumnCount; ++column) {
            model.sort(column, Qt::DescendingOrder);
            t.restart();
            const auto deep = p.reader->messageList(model.query(), 99000, Model::PageSize);
            qInfo("column %d descending: page at row 99000 %lld ms", column, t.elapsed());
            QCOMPARE(deep.size(), Model::PageSize);
        }
    }

private:
    static int compare(int column, const Store::MessageSummary &a, const Store::MessageSummary &b)
    {
        auto cmp = [](auto x, auto y) { return x < y ? -1 : (y < x ? 1 : 0); };
        switch (column) {
        case Model::FlaggedColumn:
            return cmp(a.flags.testFlag(Store::MessageFlag::Flagged), b.flags.testFlag(Store::MessageFlag::Flagged));
        case Model::AttachmentColumn:
            return cmp(a.hasAttachments, b.hasAttachments);
        case Model::FromColumn:
            return QString::compare(a.fromDisplay, b.fromDisplay, Qt::CaseInsensitive) < 0
                       ? -1
                       : (QString::compare(a.fromDisplay, b.fromDisplay, Qt::CaseInsensitive) > 0 ? 1 : 0);
        case Model::SubjectColumn: {
            const int c = QString::compare(a.subject, b.subject, Qt::CaseInsensitive);
            return c < 0 ? -1 : (c > 0 ? 1 : 0);
        }
        case Model::DateColumn: {
            const int c = cmp(a.date, b.date);
            return c != 0 ? c : cmp(a.id, b.id);
        }
        case Model::SizeColumn:
            return cmp(a.size, b.size);
        }
        return 0;
    }
};

QTEST_MAIN(UiMessageListTest)
#include "tst_ui_messagelist.moc"
