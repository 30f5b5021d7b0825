// Message lists in any order: the search operators' parsing, and that each sort order of one
// folder is served by an index (migration 7), never by sorting the folder.
#include "store/Database.h"
#include "store/MessageListSql.h"
#include "store/SearchFilter.h"
#include "store/Statement.h"
#include "store/StoreWriter.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace Petrel::Store;

class StoreMessageListTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesOperatorsAndKeepsTheRestAsText()
    {
        const SearchFilter f = parseSearchFilter(QStringLiteral(
            "From:ann to:\"Bob B\" subject:report has:attachment is:unread is:flagged foo:bar \"two words\" x"));
        QCOMPARE(f.from, QStringList{QStringLiteral("ann")});
        QCOMPARE(f.to, QStringList{QStringLiteral("Bob B")});
        QCOMPARE(f.subject, QStringList{QStringLiteral("report")});
        QVERIFY(f.hasAttachment);
        QVERIFY(f.unread);
        QVERIFY(f.flagged);
        QCOMPARE(f.text, QStringLiteral("foo:bar \"two words\" x"));
        // An operator without a value, or an unknown has:/is:, is searched as text.
        const SearchFilter g = parseSearchFilter(QStringLiteral("from: is:maybe has:pdf"));
        QVERIFY(g.from.isEmpty());
        QVERIFY(!g.unread && !g.flagged && !g.hasAttachment);
        QCOMPARE(g.text, QStringLiteral("from: is:maybe has:pdf"));
        QVERIFY(parseSearchFilter(QStringLiteral(" \t ")).isEmpty());
        QVERIFY(!parseSearchFilter(QStringLiteral("is:unread")).isEmpty());
    }

    void everySortOrderOfAFolderWalksAnIndex()
    {
        QTemporaryDir dir;
        StoreWriter writer(dir.filePath(QStringLiteral("db.sqlite")));
        AccountRow account;
        account.name = QStringLiteral("A");
        const qint64 folder = writer.ensureFolder(writer.addAccount(account), QStringLiteral("INBOX"));
        for (const MessageSortColumn column : {MessageSortColumn::Date, MessageSortColumn::From, MessageSortColumn::Subject,
                                               MessageSortColumn::Size, MessageSortColumn::Flagged,
                                               MessageSortColumn::Attachment}) {
            for (const bool ascending : {true, false}) {
                MessageListQuery query;
                query.folderIds = {folder};
                query.sort = column;
                query.ascending = ascending;
                const MessageListSql sql(query);
                Statement plan(writer.database(), "EXPLAIN QUERY PLAN " + sql.pageSql("m.id, m.preview"));
                const int next = sql.bind(plan);
                plan.bindInt64(next, 50).bindInt64(next + 1, 0);
                QString details;
                while (plan.step())
                    details += plan.columnText(3) + QLatin1Char('\n');
                QVERIFY2(details.contains(QLatin1String("INDEX messages_folder_")), qPrintable(details));
                QVERIFY2(!details.contains(QLatin1String("TEMP B-TREE")), qPrintable(details));
            }
        }
    }
};

QTEST_MAIN(StoreMessageListTest)
#include "tst_store_messagelist.moc"
