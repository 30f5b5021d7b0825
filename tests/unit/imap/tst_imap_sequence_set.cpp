// UID sets: parsing, normalisation, membership and counting without ever expanding ranges.
#include "imap/ImapSequenceSet.h"

#include <QElapsedTimer>
#include <QRandomGenerator>

#include <QTest>
#include <set>

using namespace Petrel::Imap;

class TestImapSequenceSet : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QByteArray>("normalised");
        QTest::addColumn<quint64>("count");
        QTest::newRow("single") << QByteArray("7") << QByteArray("7") << quint64(1);
        QTest::newRow("mixed") << QByteArray("1:5,7,9:*") << QByteArray("1:5,7,9:*")
                               << quint64(5 + 1 + (0xffffffffULL - 9 + 1));
        QTest::newRow("star") << QByteArray("*") << QByteArray("*") << quint64(1);
        QTest::newRow("reversed") << QByteArray("5:1") << QByteArray("1:5") << quint64(5);
        QTest::newRow("star first") << QByteArray("*:10") << QByteArray("10:*")
                                    << quint64(0xffffffffULL - 10 + 1);
        QTest::newRow("adjacent merge") << QByteArray("1,2,3,5,6") << QByteArray("1:3,5:6") << quint64(5);
        QTest::newRow("overlap merge")
            << QByteArray("10:20,15:30,1:2") << QByteArray("1:2,10:30") << quint64(23);
        QTest::newRow("unsorted") << QByteArray("9,3,1,2") << QByteArray("1:3,9") << quint64(4);
        QTest::newRow("full range") << QByteArray("1:4294967294") << QByteArray("1:4294967294")
                                    << quint64(4294967294ULL);
    }
    void parse()
    {
        QFETCH(QByteArray, text);
        QFETCH(QByteArray, normalised);
        QFETCH(quint64, count);
        const auto set = ImapSequenceSet::parse(text);
        QVERIFY(set);
        QCOMPARE(set->toString(), normalised);
        QCOMPARE(set->count(), count);
        QCOMPARE(ImapSequenceSet::parse(set->toString()), set);
    }

    void invalid_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("zero") << QByteArray("0");
        QTest::newRow("zero in range") << QByteArray("0:5");
        QTest::newRow("letters") << QByteArray("1:a");
        QTest::newRow("trailing comma") << QByteArray("1,");
        QTest::newRow("double colon") << QByteArray("1:2:3");
        QTest::newRow("too big") << QByteArray("4294967296");
        QTest::newRow("huge digits") << QByteArray("99999999999999999999999");
        QTest::newRow("space") << QByteArray("1 2");
        QTest::newRow("negative") << QByteArray("-1");
    }
    void invalid()
    {
        QFETCH(QByteArray, text);
        QVERIFY(!ImapSequenceSet::parse(text));
    }

    void tooManyRanges()
    {
        QVERIFY(!ImapSequenceSet::parse("1,3,5,7", 3));
        QVERIFY(ImapSequenceSet::parse("1,3,5", 3));
    }

    void contains()
    {
        const auto set = *ImapSequenceSet::parse("1:5,7,9:20");
        const QList<quint32> in = {1, 3, 5, 7, 9, 15, 20};
        const QList<quint32> out = {6, 8, 21, 100, 0xfffffffeu};
        for (quint32 v : in)
            QVERIFY2(set.contains(v), QByteArray::number(v).constData());
        for (quint32 v : out)
            QVERIFY2(!set.contains(v), QByteArray::number(v).constData());
        QVERIFY(ImapSequenceSet::parse("9:*")->contains(4000000000u));
    }

    void fromValuesCompresses()
    {
        const auto set = ImapSequenceSet::fromValues({9, 1, 2, 3, 5, 6, 7, 3, 100});
        QCOMPARE(set.toString(), QByteArray("1:3,5:7,9,100"));
        QCOMPARE(set.count(), quint64(8));
        QCOMPARE(set.ranges().size(), 4);
        QCOMPARE(set.ranges().at(1), (ImapSequenceSet::Range{5, 7}));
    }

    void insertMergesBridges()
    {
        ImapSequenceSet set;
        set.insert(1, 3);
        set.insert(7, 9);
        set.insert(20);
        set.insert(4, 6); // bridges the first two ranges
        QCOMPARE(set.toString(), QByteArray("1:9,20"));
        set.insert(10, 19);
        QCOMPARE(set.toString(), QByteArray("1:20"));
        QCOMPARE(set.ranges().size(), 1);
    }

    void randomInsertsMatchAPlainSet()
    {
        // Against a brute-force model in a small universe, so every merge case gets hit.
        QRandomGenerator rng(7);
        for (int round = 0; round < 500; ++round) {
            ImapSequenceSet set;
            std::set<quint32> model;
            const int inserts = 1 + int(rng.bounded(12));
            for (int i = 0; i < inserts; ++i) {
                const quint32 a = 1 + rng.bounded(60u);
                const quint32 b = 1 + rng.bounded(60u);
                set.insert(a, b);
                for (quint32 v = std::min(a, b); v <= std::max(a, b); ++v)
                    model.insert(v);
            }
            QCOMPARE(set.count(), quint64(model.size()));
            for (quint32 v = 0; v <= 62; ++v)
                QCOMPARE(set.contains(v), model.count(v) == 1);
            for (qsizetype i = 1; i < set.ranges().size(); ++i) // sorted, disjoint, not adjacent
                QVERIFY(quint64(set.ranges().at(i - 1).last) + 1 < set.ranges().at(i).first);
            QCOMPARE(ImapSequenceSet::parse(set.toString()), std::optional<ImapSequenceSet>(set));
        }
    }

    void largeSetsStayRanges()
    {
        QElapsedTimer timer;
        timer.start();
        QList<quint32> values;
        for (quint32 i = 1; i <= 200000; ++i)
            values.append(i * 2); // no two adjacent: worst case for ranges
        const auto set = ImapSequenceSet::fromValues(values);
        QCOMPARE(set.count(), quint64(200000));
        QVERIFY(set.contains(400000));
        QVERIFY(!set.contains(399999));
        const auto again = ImapSequenceSet::parse(set.toString());
        QVERIFY(again);
        QCOMPARE(*again, set);
        QVERIFY2(timer.elapsed() < 5000, "large sets must be handled in linear-ish time");
        // A huge range costs one entry.
        QCOMPARE(ImapSequenceSet::parse("1:4294967295")->ranges().size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestImapSequenceSet)
#include "tst_imap_sequence_set.moc"
