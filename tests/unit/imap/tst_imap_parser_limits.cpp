// What the parser refuses and how: limits (line, literal, nesting, items) with a clear error kind,
// malformed input as Malformed never a crash, and large literals in linear time.
#include "ImapParserTestSupport.h"

#include <QElapsedTimer>
#include <QTest>

#include <functional>

using namespace Petrel::Imap;
using namespace Petrel::Imap::Test;

Q_DECLARE_METATYPE(ImapParseError::Kind)

class TestImapParserLimits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void errors_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<ImapParseError::Kind>("kind");
        using K = ImapParseError::Kind;
        QTest::newRow("garbage") << QByteArray("garbage\r\n") << K::Malformed;
        QTest::newRow("binary garbage") << QByteArray("\x01\x02\xff\xfe\r\n") << K::Malformed;
        QTest::newRow("empty line") << QByteArray("\r\n") << K::Malformed;
        QTest::newRow("bad tagged status") << QByteArray("a1 MAYBE ok\r\n") << K::Malformed;
        QTest::newRow("star without space") << QByteArray("*OK\r\n") << K::Malformed;
        QTest::newRow("unterminated code") << QByteArray("* OK [UIDNEXT 5\r\n") << K::Malformed;
        QTest::newRow("fetch without list") << QByteArray("* 1 FETCH UID 5\r\n") << K::Malformed;
        QTest::newRow("fetch item without value") << QByteArray("* 1 FETCH (UID)\r\n") << K::Malformed;
        QTest::newRow("unterminated quoted") << QByteArray("* 1 FETCH (BODY[] \"abc)\r\n") << K::Malformed;
        QTest::newRow("bad escape") << QByteArray("* 1 FETCH (BODY[] \"a\\nb\")\r\n") << K::Malformed;
        QTest::newRow("literal marker mid-line")
            << QByteArray("* 1 FETCH (BODY[] {3} x)\r\n") << K::Malformed;
        QTest::newRow("number overflow")
            << QByteArray("* 99999999999999999999999 EXISTS\r\n") << K::Malformed;
        QTest::newRow("uid zero") << QByteArray("* 1 FETCH (UID 0)\r\n") << K::Malformed;
        QTest::newRow("unbalanced bodystructure")
            << QByteArray("* 1 FETCH (BODYSTRUCTURE (\"text\" \"plain\")\r\n") << K::Malformed;
        QTest::newRow("bad vanished set") << QByteArray("* VANISHED 1:x\r\n") << K::Malformed;
        QTest::newRow("trailing junk after exists") << QByteArray("* 3 EXISTS junk\r\n") << K::Malformed;
        QTest::newRow("huge literal")
            << QByteArray("* 1 FETCH (BODY[] {4294967295}\r\n") << K::LiteralTooLarge;
        QTest::newRow("absurd literal")
            << QByteArray("* 1 FETCH (BODY[] {99999999999999999999999999}\r\n") << K::LiteralTooLarge;
        QTest::newRow("deep nesting")
            << QByteArray("* XDEEP " + QByteArray(100, '(') + QByteArray(100, ')') + "\r\n")
            << K::NestingTooDeep;
        QTest::newRow("deep bodystructure")
            << QByteArray("* 1 FETCH (BODYSTRUCTURE " + QByteArray(70, '(') + "\r\n") << K::NestingTooDeep;
    }
    void errors()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(ImapParseError::Kind, kind);
        for (const Chunking chunking : {Chunking::Whole, Chunking::OneByte}) {
            const Parsed parsed = parseAll(bytes, chunking);
            QVERIFY(parsed.responses.isEmpty());
            QVERIFY(parsed.error);
            QCOMPARE(ImapParseError::kindName(parsed.error->kind), ImapParseError::kindName(kind));
            QVERIFY(!parsed.error->message.isEmpty());
        }
    }

    void errorIsStickyAndResponsesBeforeItSurvive()
    {
        ImapResponseParser parser;
        parser.feed("* 1 EXISTS\r\nbroken\r\n* 2 EXISTS\r\n");
        QVERIFY(parser.next());
        QVERIFY(!parser.next());
        QVERIFY(parser.hasError());
        QCOMPARE(parser.error()->kind, ImapParseError::Kind::Malformed);
        QCOMPARE(parser.error()->offset, qint64(18)); // "broken" (at 12) ends where a space was due
        parser.feed("* 3 EXISTS\r\n");
        QVERIFY(!parser.next());
    }

    void nestingAtTheLimit()
    {
        ImapParserLimits limits;
        limits.maxNestingDepth = 5;
        const QByteArray ok = "* XDEEP " + QByteArray(5, '(') + QByteArray(5, ')') + "\r\n";
        const QByteArray deep = "* XDEEP " + QByteArray(6, '(') + QByteArray(6, ')') + "\r\n";
        QVERIFY(!parseAll(ok, Chunking::Whole, 1, limits).error);
        const auto error = parseAll(deep, Chunking::Whole, 1, limits).error;
        QVERIFY(error);
        QCOMPARE(error->kind, ImapParseError::Kind::NestingTooDeep);
    }

    void lineTooLong()
    {
        ImapParserLimits limits;
        limits.maxLineLength = 100;
        const QByteArray fits = "* OK " + QByteArray(93, 'x') + "\r\n"; // 98 bytes + CRLF
        QVERIFY(!parseAll(fits, Chunking::Whole, 1, limits).error);
        // Refused as soon as the limit is passed, before any line end arrives.
        ImapResponseParser parser(limits);
        parser.feed("* OK " + QByteArray(200, 'x'));
        QVERIFY(!parser.next());
        QVERIFY(parser.hasError());
        QCOMPARE(parser.error()->kind, ImapParseError::Kind::LineTooLong);
        // The default limit is 1 MiB.
        ImapResponseParser defaults;
        defaults.feed("* OK " + QByteArray(1024 * 1024 + 10, 'x'));
        QVERIFY(!defaults.next());
        QCOMPARE(defaults.error()->kind, ImapParseError::Kind::LineTooLong);
    }

    void literalLimitRefusedOnAnnouncement()
    {
        ImapParserLimits limits;
        limits.maxLiteralSize = 1000;
        ImapResponseParser parser(limits);
        // Only the announcement arrives: the refusal must not wait for (or buffer) the bytes.
        parser.feed("* 1 FETCH (BODY[] {1001}\r\n");
        QVERIFY(!parser.next());
        QVERIFY(parser.hasError());
        QCOMPARE(parser.error()->kind, ImapParseError::Kind::LiteralTooLarge);
        QVERIFY(parser.error()->message.contains(QStringLiteral("1001")));
        const QByteArray fits = "* 1 FETCH (BODY[] {1000}\r\n" + QByteArray(1000, 'a') + ")\r\n";
        QVERIFY(!parseAll(fits, Chunking::Whole, 1, limits).error);
    }

    void messageLiteralsAndOtherLiteralsHaveTheirOwnLimits_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<bool>("message");
        QTest::newRow("BODY[]") << QByteArray("* 1 FETCH (BODY[]") << true;
        QTest::newRow("BODY[1.2] with origin") << QByteArray("* 1 FETCH (BODY[1.2]<0>") << true;
        QTest::newRow("header fields") << QByteArray("* 1 FETCH (BODY[HEADER.FIELDS (SUBJECT FROM)]") << true;
        QTest::newRow("BINARY with ~") << QByteArray("* 1 FETCH (BINARY[1] ~") << true;
        QTest::newRow("lower case") << QByteArray("* 1 fetch (body[text]") << true;
        QTest::newRow("RFC822") << QByteArray("* 1 FETCH (RFC822") << true;
        QTest::newRow("RFC822.TEXT") << QByteArray("* 1 FETCH (RFC822.TEXT") << true;
        QTest::newRow("mailbox name") << QByteArray("* LIST () \"/\"") << false;
        QTest::newRow("envelope subject") << QByteArray("* 1 FETCH (ENVELOPE (NIL") << false;
        QTest::newRow("status") << QByteArray("* STATUS") << false;
        QTest::newRow("flags named BODY") << QByteArray("* 1 FETCH (FLAGS (BODY)") << false;
    }
    void messageLiteralsAndOtherLiteralsHaveTheirOwnLimits()
    {
        QFETCH(QByteArray, head);
        QFETCH(bool, message);
        ImapParserLimits limits;
        limits.maxLiteralSize = 1000;
        limits.maxOtherLiteralSize = 100;
        ImapResponseParser parser(limits);
        // 500 bytes: fine for message data, too large anywhere else; refused on announcement.
        parser.feed(head + " {500}\r\n");
        QVERIFY(!parser.next());
        QCOMPARE(parser.hasError(), !message);
        if (!message)
            QCOMPARE(parser.error()->kind, ImapParseError::Kind::LiteralTooLarge);
    }

    void otherLiteralDefaultIsOneMebibyte()
    {
        QCOMPARE(ImapParserLimits{}.maxOtherLiteralSize, 1024 * 1024);
        ImapResponseParser parser;
        parser.feed("* LIST () \"/\" {1048577}\r\n");
        QVERIFY(!parser.next());
        QVERIFY(parser.hasError());
        ImapResponseParser fits;
        fits.feed("* 1 FETCH (BODY[] {1048577}\r\n");
        QVERIFY(!fits.next());
        QVERIFY(!fits.hasError());
    }

    void announcedLiteralWaitsForBytes()
    {
        // A permitted but large announcement followed by a few bytes: incomplete, no error.
        ImapResponseParser parser;
        parser.feed("* 1 FETCH (BODY[] {60000000}\r\nabc");
        QVERIFY(!parser.next());
        QVERIFY(!parser.hasError());
    }

    void tooManyItems()
    {
        ImapParserLimits limits;
        limits.maxListItems = 10;
        QByteArray line = "* FLAGS (";
        for (int i = 0; i < 11; ++i)
            line += "\\F" + QByteArray::number(i) + ' ';
        line.chop(1);
        line += ")\r\n";
        const auto error = parseAll(line, Chunking::Whole, 1, limits).error;
        QVERIFY(error);
        QCOMPARE(error->kind, ImapParseError::Kind::TooManyItems);
    }

    void twentyMegabyteLiteral()
    {
        const qsizetype size = 20 * 1024 * 1024;
        QByteArray body(size, 'x');
        for (qsizetype i = 0; i < size; i += 77)
            body[i] = '\n';
        QElapsedTimer timer;
        timer.start();
        ImapResponseParser parser;
        parser.feed("* 1 FETCH (UID 5 BODY[] {" + QByteArray::number(size) + "}\r\n");
        const qsizetype chunk = 16 * 1024; // socket-sized reads
        for (qsizetype pos = 0; pos < size; pos += chunk) {
            parser.feed(QByteArray::fromRawData(body.constData() + pos, std::min(chunk, size - pos)));
            QVERIFY(!parser.next());
        }
        parser.feed(")\r\n");
        const auto r = parser.next();
        QVERIFY(r);
        const auto *section = r->fetch()->section("BODY", "");
        QVERIFY(section && section->bytes);
        QCOMPARE(section->bytes->size(), size);
        QVERIFY(*section->bytes == body);
        qInfo("20 MiB literal parsed in %lld ms", qint64(timer.elapsed()));
        QVERIFY2(timer.elapsed() < 10000, "a 20 MiB literal must parse in linear time");
    }

    void mutatedTranscriptsGiveTheSameResultUnderAnyChunking()
    {
        // Damaged server output must still parse identically however it is split, ending in the same
        // responses and the same error (if any) at the same offset.
        const QStringList files = {
            QStringLiteral("capability.txt"),         QStringLiteral("list-special-use.txt"),
            QStringLiteral("select-qresync.txt"),     QStringLiteral("fetch-envelope-bodystructure.txt"),
            QStringLiteral("fetch-body-literal.txt"), QStringLiteral("appenduid-copyuid.txt")};
        const QByteArray specials = "()[]{}\"\\ \r\n0~+*NIL";
        QRandomGenerator rng(4242);
        ImapParserLimits limits;
        limits.maxLiteralSize = 100000;
        for (const QString &file : files) {
            const QByteArray original = transcript(file);
            for (int round = 0; round < 150; ++round) {
                QByteArray bytes = original;
                const int edits = 1 + int(rng.bounded(4));
                for (int e = 0; e < edits; ++e) {
                    const qsizetype at = qsizetype(rng.bounded(int(bytes.size())));
                    const char c = specials.at(rng.bounded(int(specials.size())));
                    switch (rng.bounded(3)) {
                    case 0:
                        bytes[at] = c;
                        break;
                    case 1:
                        bytes.insert(at, c);
                        break;
                    default:
                        bytes.remove(at, 1 + qsizetype(rng.bounded(5)));
                    }
                }
                const Parsed whole = parseAll(bytes, Chunking::Whole, 1, limits);
                const Parsed split = parseAll(bytes, Chunking::Random, quint32(round), limits);
                QCOMPARE(split.responses.size(), whole.responses.size());
                for (qsizetype i = 0; i < whole.responses.size(); ++i)
                    QCOMPARE(dump(split.responses.at(i)), dump(whole.responses.at(i)));
                QCOMPARE(bool(split.error), bool(whole.error));
                if (whole.error) {
                    QCOMPARE(split.error->kind, whole.error->kind);
                    QCOMPARE(split.error->offset, whole.error->offset);
                }
            }
        }
    }

    void randomGarbageNeverCrashes()
    {
        // Fuzz-like: random bytes biased towards IMAP syntax must give responses or a clean error.
        QRandomGenerator rng(99);
        const QByteArray alphabet = "()[]{}<>\"\\ *+~0123456789NILOKBADFETCHUID\r\n.%:,";
        ImapParserLimits limits;
        limits.maxLiteralSize = 4096;
        for (int round = 0; round < 3000; ++round) {
            QByteArray bytes = round % 2 ? "* 1 FETCH (" : "* ";
            const int length = int(rng.bounded(120));
            for (int i = 0; i < length; ++i)
                bytes += alphabet.at(rng.bounded(int(alphabet.size())));
            bytes += "\r\n";
            const Parsed parsed = parseAll(bytes, Chunking::Random, quint32(round), limits);
            QVERIFY(parsed.responses.size() <= bytes.count('\n'));
        }
    }
};

QTEST_GUILESS_MAIN(TestImapParserLimits)
#include "tst_imap_parser_limits.moc"
