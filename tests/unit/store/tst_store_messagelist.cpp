// Message lists in any order: the search operators' parsing, that each sort order of one folder
// is served by an index (migration 7), never by sorting the folder, that from:/to:/subject: find
// what a substring test finds, through the trigram index (migrations 8 and 9), that a search's two
// plans (MessageListSql) find the same rows, and that a capped count says it was capped.
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

    // The account every test's store holds; returns its id.
    static qint64 addAccount(StoreWriter &writer)
    {
        AccountRow account;
        account.name = QStringLiteral("A");
        return writer.addAccount(account);
    }

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
        const qint64 folder = writer.ensureFolder(addAccount(writer), QStringLiteral("INBOX"));
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
        const qint64 folder = writer.ensureFolder(addAccount(writer), QStringLiteral("INBOX"));
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
        writer.database().exec("INSERT INTO message_header_trigrams(message_header_trigrams) VALUES ('integrity-check')");

        // And it is what the query reads: no scan of the messages.
        MessageListQuery query;
        query.filter = parseSearchFilter(QStringLiteral("from:alice"));
        const QString details = countPlan(writer.database(), query);
        QVERIFY2(details.contains(QLatin1String("message_header_trigrams")), qPrintable(details));
        QVERIFY2(details.contains(QLatin1String("SEARCH m USING INTEGER PRIMARY KEY")), qPrintable(details));
        QVERIFY2(!details.contains(QLatin1String("SCAN m\n")), qPrintable(details));
    }

    void subjectFindsEverySubstringThroughTheTrigramIndex()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("db.sqlite"));
        StoreWriter writer(path);
        const qint64 folder = writer.ensureFolder(addAccount(writer), QStringLiteral("INBOX"));
        const QStringList subjects = {
            QStringLiteral("Quarterly report"), QStringLiteral("misreported figures"), QStringLiteral("REPORT due"),
            QStringLiteral("Rapport annuel"),   QStringLiteral("re port"),             QStringLiteral("Müllers Bericht"),
            QStringLiteral("100% done"),        QStringLiteral("a_b c"),               QString(),
        };
        QList<MessageRecord> records;
        for (int i = 0; i < subjects.size(); ++i) {
            MessageRecord r;
            r.uid = i + 1;
            r.subject = subjects.at(i);
            r.fromAddress = QStringLiteral("s%1@example.org").arg(i); // tells the rows apart
            r.date = QDateTime(QDate(2024, 1, 1 + i), QTime(12, 0), Qt::UTC);
            records << r;
        }
        QCOMPARE(writer.insertMessages(folder, records, DuplicatePolicy::SkipSameRemoteId).insertedIds.size(),
                 subjects.size());
        const auto fold = [](QString t) { // LIKE folds ASCII only
            for (QChar &c : t) {
                if (c.unicode() < 128)
                    c = c.toLower();
            }
            return t;
        };
        const auto expected = [&](const QString &value) {
            QStringList senders;
            for (int i = 0; i < subjects.size(); ++i) {
                if (fold(subjects.at(i)).contains(fold(value)))
                    senders << QStringLiteral("s%1@example.org").arg(i);
            }
            return senders;
        };
        StoreReader reader(path);
        const auto found = [&](const QString &value) {
            MessageListQuery query;
            query.ascending = true;
            query.filter = parseSearchFilter(QStringLiteral("subject:\"%1\"").arg(value));
            QStringList senders;
            for (const MessageSummary &m : reader.messageList(query, 0, 100))
                senders << m.fromAddress;
            if (reader.messageListCount(query) != senders.size())
                senders << QStringLiteral("(count differs)");
            return senders;
        };
        // In the middle of a word, across a space, any case of ASCII, LIKE's wildcards taken
        // literally, and values too short for a trigram (LIKE alone).
        for (const QString &v : {QStringLiteral("report"), QStringLiteral("port"), QStringLiteral("REPORT"),
                                 QStringLiteral("epor"), QStringLiteral("rt d"), QStringLiteral("e p"),
                                 QStringLiteral("ller"), QStringLiteral("MÜLL"), QStringLiteral("100%"),
                                 QStringLiteral("a_b"), QStringLiteral("0%"), QStringLiteral("pp"),
                                 QStringLiteral("xyz")}) {
            QCOMPARE(found(v), expected(v));
        }
        QCOMPARE(found(QStringLiteral("port")).size(), 5);

        // The index follows a changed subject and a deleted message.
        writer.database().exec("UPDATE messages SET subject = 'nothing here' WHERE subject = 'REPORT due'");
        QCOMPARE(found(QStringLiteral("report")), (QStringList{QStringLiteral("s0@example.org"), QStringLiteral("s1@example.org")}));
        QCOMPARE(found(QStringLiteral("nothing")), QStringList{QStringLiteral("s2@example.org")});
        writer.database().exec("INSERT INTO message_header_trigrams(message_header_trigrams) VALUES ('integrity-check')");

        MessageListQuery query;
        query.filter = parseSearchFilter(QStringLiteral("subject:report"));
        const QString details = countPlan(writer.database(), query);
        QVERIFY2(details.contains(QLatin1String("message_header_trigrams")), qPrintable(details));
        QVERIFY2(!details.contains(QLatin1String("SCAN m\n")), qPrintable(details));
    }

    void bothSearchPlansFindTheSameRowsInTheSameOrder()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("db.sqlite"));
        StoreWriter writer(path);
        const qint64 accountId = addAccount(writer);
        const QList<qint64> folders = {writer.ensureFolder(accountId, QStringLiteral("INBOX")),
                                       writer.ensureFolder(accountId, QStringLiteral("Archive"))};
        const QStringList words = {QStringLiteral("budget"), QStringLiteral("meeting"), QStringLiteral("report")};
        for (int f = 0; f < folders.size(); ++f) {
            QList<MessageRecord> records;
            for (int i = 0; i < 60; ++i) {
                MessageRecord r;
                r.uid = i + 1;
                r.subject = words.at(i % 3) + QStringLiteral(" %1").arg(i);
                r.fromDisplay = i % 4 == 0 ? QStringLiteral("Alice") : QStringLiteral("Bob");
                r.fromAddress = QStringLiteral("p%1@example.org").arg(i % 5);
                r.hasAttachments = i % 2 == 0;
                r.flags = i % 3 == 0 ? MessageFlags(MessageFlag::Seen) : MessageFlags();
                // Dates out of insertion order, some equal: the order's ties must hold too.
                r.date = QDateTime(QDate(2024, 1, 1), QTime(0, 0), Qt::UTC).addSecs(((i * 37) % 50) * 3600 + f);
                r.bodyText = i % 7 == 0 ? QStringLiteral("see the umbrella") : QString();
                records << r;
            }
            writer.insertMessages(folders.at(f), records, DuplicatePolicy::SkipSameRemoteId);
        }
        const auto ids = [&](const MessageListQuery &query, MessageListSql::Plan plan, int limit) {
            MessageListSql sql(query);
            sql.setPlan(plan);
            Statement s(writer.database(), sql.pageSql("m.id"));
            const int next = sql.bind(s);
            s.bindInt64(next, limit).bindInt64(next + 1, 0);
            QList<qint64> result;
            while (s.step())
                result << s.columnInt64(0);
            return result;
        };
        int compared = 0;
        for (const QString &typed :
             {QStringLiteral("meeting"), QStringLiteral("from:alice meeting"), QStringLiteral("subject:port has:attachment"),
              QStringLiteral("from:p3 is:unread"), QStringLiteral("umbrella"), QStringLiteral("to:nobody"),
              QStringLiteral("budget from:bob has:attachment")}) {
            for (const QList<qint64> &in : {QList<qint64>{}, QList<qint64>{folders.at(1)}}) {
                for (const bool ascending : {false, true}) {
                    MessageListQuery query;
                    query.folderIds = in;
                    query.ascending = ascending;
                    query.filter = parseSearchFilter(typed);
                    const QList<qint64> candidates = ids(query, MessageListSql::Plan::Candidates, 1000);
                    QCOMPARE(ids(query, MessageListSql::Plan::Walk, 1000), candidates);
                    QCOMPARE(ids(query, MessageListSql::Plan::Walk, 7), candidates.mid(0, 7));
                    StoreReader reader(path);
                    QCOMPARE(reader.messageListCount(query), candidates.size());
                    compared += int(candidates.size());
                }
            }
        }
        QVERIFY(compared > 100); // the queries found something

        // The Walk plan over every folder reads the messages newest first and stops: no sort.
        MessageListQuery all;
        all.filter = parseSearchFilter(QStringLiteral("meeting"));
        MessageListSql sql(all);
        sql.setPlan(MessageListSql::Plan::Walk);
        Statement plan(writer.database(), "EXPLAIN QUERY PLAN " + sql.pageSql("m.id"));
        const int next = sql.bind(plan);
        plan.bindInt64(next, 200).bindInt64(next + 1, 0);
        QString details;
        while (plan.step())
            details += plan.columnText(3) + QLatin1Char('\n');
        QVERIFY2(details.contains(QLatin1String("INDEX messages_date")), qPrintable(details));
        QVERIFY2(!details.contains(QLatin1String("TEMP B-TREE")), qPrintable(details));
    }

    void aCappedCountSaysItWasCapped()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("db.sqlite"));
        StoreWriter writer(path);
        const qint64 folder = writer.ensureFolder(addAccount(writer), QStringLiteral("INBOX"));
        QList<MessageRecord> records;
        for (int i = 0; i < 30; ++i) {
            MessageRecord r;
            r.uid = i + 1;
            r.subject = i < 20 ? QStringLiteral("alpha %1").arg(i) : QStringLiteral("beta %1").arg(i);
            r.hasAttachments = i % 2 == 0;
            r.date = QDateTime(QDate(2024, 1, 1), QTime(0, 0), Qt::UTC).addDays(i);
            records << r;
        }
        writer.insertMessages(folder, records, DuplicatePolicy::SkipSameRemoteId);
        StoreReader reader(path);
        const auto count = [&](const QString &typed, bool inFolder, int cap) {
            MessageListQuery query;
            if (inFolder)
                query.folderIds = {folder};
            query.filter = parseSearchFilter(typed);
            const MessageListCount c = reader.messageListCount(query, cap);
            return QStringLiteral("%1%2").arg(c.count).arg(c.capped ? QStringLiteral("+") : QString());
        };
        for (const bool inFolder : {false, true}) {
            // Full text (counted from the candidates), a trigram value, no index at all, nothing.
            QCOMPARE(count(QStringLiteral("alpha"), inFolder, 10), QStringLiteral("10+"));
            QCOMPARE(count(QStringLiteral("alpha"), inFolder, 19), QStringLiteral("19+"));
            QCOMPARE(count(QStringLiteral("alpha"), inFolder, 20), QStringLiteral("20"));
            QCOMPARE(count(QStringLiteral("alpha"), inFolder, 1000), QStringLiteral("20"));
            QCOMPARE(count(QStringLiteral("subject:lph has:attachment"), inFolder, 5), QStringLiteral("5+"));
            QCOMPARE(count(QStringLiteral("subject:lph has:attachment"), inFolder, 10), QStringLiteral("10"));
            QCOMPARE(count(QStringLiteral("has:attachment"), inFolder, 14), QStringLiteral("14+"));
            QCOMPARE(count(QStringLiteral("has:attachment"), inFolder, 15), QStringLiteral("15"));
            QCOMPARE(count(QString(), inFolder, 29), QStringLiteral("29+"));
            QCOMPARE(count(QString(), inFolder, 30), QStringLiteral("30"));
            QCOMPARE(count(QStringLiteral("gamma"), inFolder, 10), QStringLiteral("0"));
        }
        QCOMPARE(count(QStringLiteral("alpha"), false, 0), QStringLiteral("0"));
    }

private:
    static QString countPlan(Database &db, const MessageListQuery &query)
    {
        MessageListSql sql(query);
        sql.setPlan(MessageListSql::Plan::Candidates);
        Statement plan(db, "EXPLAIN QUERY PLAN " + sql.cappedCountSql());
        plan.bindInt64(sql.bindCappedCount(plan), 100);
        QString details;
        while (plan.step())
            details += plan.columnText(3) + QLatin1Char('\n');
        return details;
    }
};

QTEST_MAIN(StoreMessageListTest)
#include "tst_store_messagelist.moc"
