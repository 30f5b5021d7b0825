// Message lists in any order: the search operators' parsing, that each sort order of one folder
// is served by an index (migration 7), never by sorting the folder, and that from:/to: find what a
// substring test finds, through the trigram index (migration 8).
#include "store/Database.h"
#include "store/MessageListSql.h"
#include "store/SearchFilter.h"
#include "store/Statement.h"
#include "store/StoreReader.h"
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

    void fromAndToFindEverySubstringThroughTheTrigramIndex()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("db.sqlite"));
        StoreWriter writer(path);
        AccountRow account;
        account.name = QStringLiteral("A");
        const qint64 folder = writer.ensureFolder(writer.addAccount(account), QStringLiteral("INBOX"));
        const QList<QStringList> people = {
            // from display, from address, to, cc
            {QStringLiteral("Alice Smith <alice@example.com>"), QStringLiteral("alice@example.com"),
             QStringLiteral("Bob <bob@example.org>"), QString()},
            {QStringLiteral("Malice Q"), QStringLiteral("mq@x.org"), QStringLiteral("team_list@lists.org"),
             QStringLiteral("Carol <carol@c.org>")},
            {QStringLiteral("ALICE B"), QStringLiteral("b@y.org"), QStringLiteral("team%list@lists.org"), QString()},
            {QStringLiteral("Jürgen Müller"), QStringLiteral("m@z.de"), QStringLiteral("\"O\"\"Brien\" <ob@q.ie>"),
             QStringLiteral("ALICE@EXAMPLE.COM")},
            {QString(), QStringLiteral("noreply@shop.example"), QString(), QString()},
        };
        QList<MessageRecord> records;
        for (int i = 0; i < people.size(); ++i) {
            MessageRecord r;
            r.uid = i + 1;
            r.subject = QStringLiteral("m%1").arg(i);
            r.fromDisplay = people.at(i).at(0);
            r.fromAddress = people.at(i).at(1);
            r.to = people.at(i).at(2);
            r.cc = people.at(i).at(3);
            r.date = QDateTime(QDate(2024, 1, 1 + i), QTime(12, 0), Qt::UTC);
            records << r;
        }
        const QList<qint64> ids = writer.insertMessages(folder, records, DuplicatePolicy::SkipSameRemoteId).insertedIds;
        QCOMPARE(ids.size(), people.size());

        // What a plain substring test says, row by row in C++; case folded for ASCII only, as LIKE.
        const auto fold = [](QString t) {
            for (QChar &c : t) {
                if (c.unicode() < 128)
                    c = c.toLower();
            }
            return t;
        };
        const auto expected = [&](const QString &value, bool from) {
            const auto has = [&](const QString &field) { return fold(field).contains(fold(value)); };
            QStringList subjects;
            for (int i = 0; i < people.size(); ++i) {
                const QStringList &p = people.at(i);
                if (from ? (has(p.at(0)) || has(p.at(1))) : (has(p.at(2)) || has(p.at(3))))
                    subjects << QStringLiteral("m%1").arg(i);
            }
            return subjects;
        };
        StoreReader reader(path);
        const auto found = [&](const QString &typed) {
            MessageListQuery query;
            query.folderIds = {folder};
            query.ascending = true;
            query.filter = parseSearchFilter(typed);
            QStringList subjects;
            for (const MessageSummary &m : reader.messageList(query, 0, 100))
                subjects << m.subject;
            if (reader.messageListCount(query) != subjects.size())
                subjects << QStringLiteral("(count differs)");
            return subjects;
        };
        const QStringList values = {
            QStringLiteral("alice"), QStringLiteral("ALICE"),
            QStringLiteral("lic"),     // inside a word
            QStringLiteral("e Sm"),    // across words
            QStringLiteral("ice@exa"), // across the address's parts
            QStringLiteral("al"),      // two letters: no trigram, every row is read
            QStringLiteral("m_list"),  // LIKE's wildcards are literal
            QStringLiteral("m%list"),
            QStringLiteral("Mül"),
            QStringLiteral("MÜL"),     // non-ASCII case is exact, as before
            QStringLiteral("example"), QStringLiteral("xyz"), QStringLiteral("carol@c.org"),
        };
        for (const QString &v : values) {
            const QString quoted = QLatin1Char('"') + v + QLatin1Char('"');
            QCOMPARE(found(QStringLiteral("from:") + quoted), expected(v, true));
            QCOMPARE(found(QStringLiteral("to:") + quoted), expected(v, false));
        }
        QCOMPARE(found(QStringLiteral("from:lic")), (QStringList{QStringLiteral("m0"), QStringLiteral("m1"), QStringLiteral("m2")}));
        QCOMPARE(found(QStringLiteral("to:O\"\"Brien")), QStringList{QStringLiteral("m3")}); // quotes are searched too
        QCOMPARE(found(QStringLiteral("to:alice")), QStringList{QStringLiteral("m3")});

        // The index stays in step when messages change or go.
        writer.database().exec("UPDATE messages SET from_display = 'Zed', from_address = 'zed@z.org' WHERE subject = 'm0'");
        writer.deleteMessages({ids.at(1)});
        QCOMPARE(found(QStringLiteral("from:alice")), QStringList{QStringLiteral("m2")});
        QCOMPARE(found(QStringLiteral("from:zed@")), QStringList{QStringLiteral("m0")});
        QCOMPARE(found(QStringLiteral("to:team")), QStringList{QStringLiteral("m2")});
        writer.database().exec("INSERT INTO message_address_trigrams(message_address_trigrams) VALUES ('integrity-check')");

        // And it is what the query reads: no scan of the messages.
        MessageListQuery query;
        query.filter = parseSearchFilter(QStringLiteral("from:alice"));
        const MessageListSql sql(query);
        Statement plan(writer.database(), "EXPLAIN QUERY PLAN " + sql.countSql());
        sql.bind(plan);
        QString details;
        while (plan.step())
            details += plan.columnText(3) + QLatin1Char('\n');
        QVERIFY2(details.contains(QLatin1String("message_address_trigrams")), qPrintable(details));
        QVERIFY2(details.contains(QLatin1String("SEARCH m USING INTEGER PRIMARY KEY")), qPrintable(details));
        QVERIFY2(!details.contains(QLatin1String("SCAN m\n")), qPrintable(details));
    }
};

QTEST_MAIN(StoreMessageListTest)
#include "tst_store_messagelist.moc"
