// Pop3ReplyParser, Pop3ResponseCode, Pop3Capabilities, Pop3ListingParser and Pop3Apop: pure
// parsing, fed in whole and in 1-byte chunks.
#include "pop3/Pop3Apop.h"
#include "pop3/Pop3Capabilities.h"
#include "pop3/Pop3ListingParser.h"
#include "pop3/Pop3ReplyParser.h"

#include <QtTest>

using namespace Petrel::Pop3;

Q_DECLARE_METATYPE(Petrel::Pop3::Pop3ReplyShape)
Q_DECLARE_METATYPE(Petrel::Pop3::Pop3Reply::Status)
Q_DECLARE_METATYPE(Petrel::Pop3::Pop3ResponseCode::Kind)

namespace {

// Feeds `bytes` whole (chunk 0) or in chunks of `chunk` bytes.
QList<Pop3Reply> feedAll(Pop3ReplyParser &parser, const QByteArray &bytes, int chunk)
{
    QList<Pop3Reply> replies;
    if (chunk <= 0) {
        parser.feed(bytes);
    } else {
        for (qsizetype i = 0; i < bytes.size() && !parser.hasError(); i += chunk)
            parser.feed(bytes.mid(i, chunk));
    }
    while (parser.hasReply())
        replies.append(parser.takeReply());
    return replies;
}

} // namespace

class Pop3ParserTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void statusLines_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<Pop3Reply::Status>("status");
        QTest::addColumn<Pop3ResponseCode::Kind>("code");
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<QByteArray>("text");
        using K = Pop3ResponseCode::Kind;
        using S = Pop3Reply::Status;
        QTest::newRow("ok") << QByteArray("+OK ready") << S::Ok << K::None << QByteArray() << QByteArray("ready");
        QTest::newRow("ok bare") << QByteArray("+OK") << S::Ok << K::None << QByteArray() << QByteArray();
        QTest::newRow("err") << QByteArray("-ERR no such message") << S::Err << K::None << QByteArray() << QByteArray("no such message");
        QTest::newRow("err bare") << QByteArray("-ERR") << S::Err << K::None << QByteArray() << QByteArray();
        QTest::newRow("in-use") << QByteArray("-ERR [IN-USE] Mailbox locked") << S::Err << K::InUse << QByteArray("IN-USE") << QByteArray("Mailbox locked");
        QTest::newRow("login-delay") << QByteArray("-ERR [LOGIN-DELAY] wait 15 minutes") << S::Err << K::LoginDelay << QByteArray("LOGIN-DELAY") << QByteArray("wait 15 minutes");
        QTest::newRow("sys/temp") << QByteArray("-ERR [SYS/TEMP] disk trouble") << S::Err << K::SysTemp << QByteArray("SYS/TEMP") << QByteArray("disk trouble");
        QTest::newRow("sys/perm") << QByteArray("-ERR [SYS/PERM] account closed") << S::Err << K::SysPerm << QByteArray("SYS/PERM") << QByteArray("account closed");
        QTest::newRow("sys alone") << QByteArray("-ERR [SYS] broken") << S::Err << K::Sys << QByteArray("SYS") << QByteArray("broken");
        QTest::newRow("auth") << QByteArray("-ERR [AUTH] Authentication failed.") << S::Err << K::Auth << QByteArray("AUTH") << QByteArray("Authentication failed.");
        QTest::newRow("utf8") << QByteArray("-ERR [UTF8] needs UTF8") << S::Err << K::Utf8 << QByteArray("UTF8") << QByteArray("needs UTF8");
        QTest::newRow("lower case code") << QByteArray("-ERR [in-use] locked") << S::Err << K::InUse << QByteArray("in-use") << QByteArray("locked");
        QTest::newRow("unknown code") << QByteArray("-ERR [X-FOO/BAR] odd") << S::Err << K::Other << QByteArray("X-FOO/BAR") << QByteArray("odd");
        QTest::newRow("code on ok") << QByteArray("+OK [UTF8] fine") << S::Ok << K::Utf8 << QByteArray("UTF8") << QByteArray("fine");
        QTest::newRow("not a code: space") << QByteArray("-ERR [not a code] x") << S::Err << K::None << QByteArray() << QByteArray("[not a code] x");
        QTest::newRow("not a code: unclosed") << QByteArray("-ERR [IN-USE locked") << S::Err << K::None << QByteArray() << QByteArray("[IN-USE locked");
        QTest::newRow("not a code: empty level") << QByteArray("-ERR [SYS//TEMP] x") << S::Err << K::None << QByteArray() << QByteArray("[SYS//TEMP] x");
        QTest::newRow("8-bit text") << QByteArray("-ERR Pas de message \xc3\xa9") << S::Err << K::None << QByteArray() << QByteArray("Pas de message \xc3\xa9");
    }

    void statusLines()
    {
        QFETCH(QByteArray, line);
        for (int chunk : {0, 1}) {
            Pop3ReplyParser parser;
            parser.expect(Pop3ReplyShape::Status);
            const auto replies = feedAll(parser, line + "\r\n", chunk);
            QVERIFY2(!parser.hasError(), qPrintable(parser.errorString()));
            QCOMPARE(replies.size(), 1);
            QTEST(replies.first().status, "status");
            QTEST(replies.first().code.kind, "code");
            QTEST(replies.first().code.raw, "raw");
            QTEST(replies.first().text, "text");
            QCOMPARE(parser.pendingCount(), 0);
        }
    }

    void malformedStatusLines_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<Pop3ReplyShape>("shape");
        QTest::newRow("garbage") << QByteArray("HELLO\r\n") << Pop3ReplyShape::Status;
        QTest::newRow("+OKAY") << QByteArray("+OKAY\r\n") << Pop3ReplyShape::Status;
        QTest::newRow("-ERROR") << QByteArray("-ERROR x\r\n") << Pop3ReplyShape::Status;
        QTest::newRow("empty line") << QByteArray("\r\n") << Pop3ReplyShape::Status;
        QTest::newRow("continuation outside AUTH") << QByteArray("+ abc\r\n") << Pop3ReplyShape::Status;
        QTest::newRow("dot as status") << QByteArray(".\r\n") << Pop3ReplyShape::MultiLine;
    }

    void malformedStatusLines()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(Pop3ReplyShape, shape);
        Pop3ReplyParser parser;
        parser.expect(shape);
        const auto replies = feedAll(parser, bytes, 1);
        QVERIFY(replies.isEmpty());
        QVERIFY(parser.hasError());
        QVERIFY(parser.errorString().contains(QLatin1String("malformed")));
    }

    void continuation()
    {
        Pop3ReplyParser parser;
        parser.expect(Pop3ReplyShape::Auth);
        parser.expect(Pop3ReplyShape::Auth);
        const auto replies = feedAll(parser, "+ \r\n+OK in\r\n", 1);
        QCOMPARE(replies.size(), 2);
        QCOMPARE(replies.at(0).status, Pop3Reply::Status::Continuation);
        QCOMPARE(replies.at(0).text, QByteArray());
        QCOMPARE(replies.at(1).status, Pop3Reply::Status::Ok);
    }

    void multiLine_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QByteArray>("data");
        QTest::newRow("simple") << QByteArray("+OK 2 lines\r\nab\r\ncd\r\n.\r\n") << QByteArray("ab\r\ncd\r\n");
        QTest::newRow("empty") << QByteArray("+OK\r\n.\r\n") << QByteArray();
        QTest::newRow("dot-stuffed") << QByteArray("+OK\r\n..\r\n...x\r\n.y\r\n. \r\n.\r\n") << QByteArray(".\r\n..x\r\ny\r\n \r\n");
        QTest::newRow("LF only") << QByteArray("+OK\nab\n..c\n.\n") << QByteArray("ab\r\n.c\r\n");
        QTest::newRow("empty lines kept") << QByteArray("+OK\r\n\r\nx\r\n\r\n.\r\n") << QByteArray("\r\nx\r\n\r\n");
        QTest::newRow("bare CR inside") << QByteArray("+OK\r\na\rb\r\n.\r\n") << QByteArray("a\rb\r\n");
    }

    void multiLine()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QByteArray, data);
        for (int chunk : {0, 1, 3}) {
            Pop3ReplyParser parser;
            parser.expect(Pop3ReplyShape::MultiLine, 1000);
            const auto replies = feedAll(parser, bytes, chunk);
            QVERIFY2(!parser.hasError(), qPrintable(parser.errorString()));
            QCOMPARE(replies.size(), 1);
            QVERIFY(replies.first().isOk());
            QCOMPARE(replies.first().data, data);
            QVERIFY(parser.isBetweenReplies());
        }
    }

    void multiLineErrHasNoData()
    {
        Pop3ReplyParser parser;
        parser.expect(Pop3ReplyShape::MultiLine);
        parser.expect(Pop3ReplyShape::Status);
        const auto replies = feedAll(parser, "-ERR no such message\r\n+OK\r\n", 1);
        QCOMPARE(replies.size(), 2);
        QCOMPARE(replies.at(0).status, Pop3Reply::Status::Err);
        QCOMPARE(replies.at(1).status, Pop3Reply::Status::Ok);
    }

    void pipelinedRepliesInOrder()
    {
        Pop3ReplyParser parser;
        parser.expect(Pop3ReplyShape::MultiLine, 100);
        parser.expect(Pop3ReplyShape::Status);
        parser.expect(Pop3ReplyShape::MultiLine, 100);
        const auto replies = feedAll(parser, "+OK\r\none\r\n.\r\n+OK deleted\r\n+OK\r\n.two\r\n.\r\n", 2);
        QCOMPARE(replies.size(), 3);
        QCOMPARE(replies.at(0).data, QByteArray("one\r\n"));
        QCOMPARE(replies.at(1).text, QByteArray("deleted"));
        QCOMPARE(replies.at(2).data, QByteArray("two\r\n"));
    }

    void missingFinalDotThenEof()
    {
        Pop3ReplyParser parser;
        parser.expect(Pop3ReplyShape::MultiLine);
        const auto replies = feedAll(parser, "+OK\r\nline\r\n", 1);
        QVERIFY(replies.isEmpty());
        QVERIFY(!parser.hasError());
        parser.finish();
        QVERIFY(parser.hasError());
        QVERIFY(parser.errorString().contains(QLatin1String("middle of a reply")));
    }

    void eofBeforeReply()
    {
        Pop3ReplyParser parser;
        parser.expect(Pop3ReplyShape::Status);
        parser.finish();
        QVERIFY(parser.hasError());
        Pop3ReplyParser idle;
        idle.finish();
        QVERIFY(!idle.hasError()); // nothing awaited: a clean end
    }

    void unsolicitedData()
    {
        Pop3ReplyParser parser;
        parser.feed("+OK surprise\r\n");
        QVERIFY(parser.hasError());
        QVERIFY(!parser.hasReply());
    }

    void statusLineTooLong()
    {
        Pop3Limits limits;
        limits.maxStatusLineLength = 100;
        Pop3ReplyParser parser(limits);
        parser.expect(Pop3ReplyShape::Status);
        // Never terminated: the limit must trip while the line grows.
        parser.feed("+OK " + QByteArray(200, 'x'));
        QVERIFY(parser.hasError());
        QVERIFY(parser.errorString().contains(QLatin1String("longer than 100")));

        Pop3ReplyParser exact(limits);
        exact.expect(Pop3ReplyShape::Status);
        feedAll(exact, "+OK " + QByteArray(96, 'x') + "\r\n", 1);
        QVERIFY2(!exact.hasError(), qPrintable(exact.errorString())); // 100 bytes + CRLF is fine
    }

    void dataLineTooLong()
    {
        Pop3Limits limits;
        limits.maxDataLineLength = 50;
        Pop3ReplyParser parser(limits);
        parser.expect(Pop3ReplyShape::MultiLine, 10000);
        feedAll(parser, "+OK\r\n" + QByteArray(51, 'a') + "\r\n.\r\n", 7);
        QVERIFY(parser.hasError());
    }

    void bodyOverLimit()
    {
        Pop3ReplyParser parser;
        parser.expect(Pop3ReplyShape::MultiLine, 20);
        const auto replies = feedAll(parser, "+OK\r\n0123456789\r\n0123456789\r\n.\r\n", 1);
        QVERIFY(replies.isEmpty());
        QVERIFY(parser.hasError());
        QVERIFY(parser.errorString().contains(QLatin1String("limit of 20")));
        // Exactly at the limit is accepted.
        Pop3ReplyParser exact;
        exact.expect(Pop3ReplyShape::MultiLine, 24);
        QCOMPARE(feedAll(exact, "+OK\r\n0123456789\r\n0123456789\r\n.\r\n", 0).size(), 1);
    }

    void errorIsSticky()
    {
        Pop3ReplyParser parser;
        parser.expect(Pop3ReplyShape::Status);
        parser.expect(Pop3ReplyShape::Status);
        parser.feed("garbage\r\n+OK\r\n");
        QVERIFY(parser.hasError());
        QVERIFY(!parser.hasReply());
    }

    void randomBytesNeverCrashOrGrow()
    {
        // A cheap fuzz: random bytes (biased towards the protocol's own characters) either parse or
        // end in a clear error; the parser never holds more than its limits allow.
        Pop3Limits limits;
        limits.maxStatusLineLength = 64;
        limits.maxDataLineLength = 128;
        QRandomGenerator random(20261122);
        const QByteArray alphabet = "+-OKER .\r\n[]/AUTHIN-USE0123456789";
        for (int round = 0; round < 500; ++round) {
            Pop3ReplyParser parser(limits);
            for (int i = 0; i < 8; ++i)
                parser.expect(Pop3ReplyShape(random.bounded(3)), 256);
            QByteArray bytes;
            const int length = random.bounded(600);
            for (int i = 0; i < length; ++i)
                bytes += random.bounded(4) == 0 ? char(random.bounded(256)) : alphabet.at(random.bounded(int(alphabet.size())));
            qsizetype replies = 0;
            for (qsizetype i = 0, n = 1; i < bytes.size() && !parser.hasError(); i += n) {
                n = 1 + random.bounded(5);
                parser.feed(bytes.mid(i, n));
                while (parser.hasReply()) {
                    QVERIFY(parser.takeReply().data.size() <= 256);
                    ++replies;
                }
            }
            parser.finish();
            QVERIFY(replies <= 8);
            QVERIFY(parser.hasError() || parser.pendingCount() == 0);
        }
    }

    void capabilities()
    {
        const QByteArray data = "CAPA\r\nTOP\r\nUIDL\r\nRESP-CODES\r\nPIPELINING\r\nAUTH-RESP-CODE\r\nSTLS\r\nUSER\r\n"
                                "SASL PLAIN login\r\nLOGIN-DELAY 900\r\nEXPIRE NEVER\r\nIMPLEMENTATION Shlemazle Mail v1\r\n"
                                "UTF8 USER\r\nX-UNKNOWN foo\r\n";
        const auto caps = Pop3Capabilities::parse(data);
        for (auto flag : {Pop3Capabilities::Top, Pop3Capabilities::Uidl, Pop3Capabilities::RespCodes,
                          Pop3Capabilities::Pipelining, Pop3Capabilities::AuthRespCode, Pop3Capabilities::Stls,
                          Pop3Capabilities::User, Pop3Capabilities::Sasl, Pop3Capabilities::LoginDelay,
                          Pop3Capabilities::Expire, Pop3Capabilities::Implementation, Pop3Capabilities::Utf8})
            QVERIFY2(caps.has(flag), qPrintable(QString::number(flag)));
        QCOMPARE(caps.saslMechanisms(), QByteArrayList({"PLAIN", "LOGIN"}));
        QVERIFY(caps.hasSaslMechanism("plain"));
        QVERIFY(!caps.hasSaslMechanism("CRAM-MD5"));
        QCOMPARE(caps.loginDelay(), QByteArray("900"));
        QCOMPARE(caps.expire(), QByteArray("NEVER"));
        QCOMPARE(caps.implementation(), QByteArray("Shlemazle Mail v1"));

        const auto minimal = Pop3Capabilities::parse("USER\r\n");
        QCOMPARE(minimal.flags(), Pop3Capabilities::Flags(Pop3Capabilities::User));
        QVERIFY(!minimal.has(Pop3Capabilities::Pipelining));
        QCOMPARE(Pop3Capabilities::parse({}).flags(), Pop3Capabilities::Flags());
    }

    void stat_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<quint32>("count");
        QTest::addColumn<qint64>("size");
        QTest::newRow("rfc") << QByteArray("2 320") << true << 2u << qint64(320);
        QTest::newRow("empty drop") << QByteArray("0 0") << true << 0u << qint64(0);
        QTest::newRow("64-bit size") << QByteArray("3 9223372036854775807") << true << 3u << qint64(9223372036854775807LL);
        QTest::newRow("trailing text") << QByteArray("1 10 messages") << true << 1u << qint64(10);
        QTest::newRow("size overflow") << QByteArray("1 9223372036854775808") << false << 0u << qint64(0);
        QTest::newRow("count overflow") << QByteArray("4294967296 1") << false << 0u << qint64(0);
        QTest::newRow("negative") << QByteArray("1 -5") << false << 0u << qint64(0);
        QTest::newRow("one number") << QByteArray("12") << false << 0u << qint64(0);
        QTest::newRow("words") << QByteArray("two hundred") << false << 0u << qint64(0);
        QTest::newRow("double space") << QByteArray("1  10") << false << 0u << qint64(0);
        QTest::newRow("empty") << QByteArray() << false << 0u << qint64(0);
    }

    void stat()
    {
        QFETCH(QByteArray, text);
        QFETCH(bool, valid);
        QString error;
        const auto stat = Pop3ListingParser::parseStat(text, &error);
        QCOMPARE(stat.has_value(), valid);
        if (!valid) {
            QVERIFY(!error.isEmpty());
            return;
        }
        QTEST(stat->count, "count");
        QTEST(stat->size, "size");
    }

    void scanListings()
    {
        const auto listings = Pop3ListingParser::parseScanListings("1 120\r\n2 2000000\r\n7 5000000000\r\n");
        QVERIFY(listings);
        QCOMPARE(listings->size(), 3);
        QCOMPARE(listings->at(2).number, 7u);
        QCOMPARE(listings->at(2).size, qint64(5000000000LL)); // beyond 32 bits
        QVERIFY(Pop3ListingParser::parseScanListings({})->isEmpty());

        const QList<QByteArray> garbage = {"0 10\r\n", "1\r\n", "x 10\r\n", "1 ten\r\n", "1 10\r\n1 20\r\n",
                                           "1 99999999999999999999\r\n", " 1 10\r\n", "1 +10\r\n", "-1 10\r\n"};
        for (const QByteArray &data : garbage) {
            QString error;
            QVERIFY2(!Pop3ListingParser::parseScanListings(data, &error), data.constData());
            QVERIFY(!error.isEmpty());
        }
        const auto single = Pop3ListingParser::parseScanListing("3 1024");
        QVERIFY(single);
        QCOMPARE(single->number, 3u);
        QCOMPARE(single->size, qint64(1024));
    }

    void uniqueIds()
    {
        const QByteArray longest(70, 'z');
        const auto ids = Pop3ListingParser::parseUniqueIds("1 whqtswO00WBw418f9t5JxYwZ\r\n2 QhdPYR:00WBw1Ph7x7\r\n3 " + longest + "\r\n");
        QVERIFY(ids);
        QCOMPARE(ids->size(), 3);
        QCOMPARE(ids->at(0).uid, QByteArray("whqtswO00WBw418f9t5JxYwZ"));
        QCOMPARE(ids->at(1).number, 2u);
        QCOMPARE(ids->at(2).uid, longest);

        const QList<QByteArray> garbage = {
            "1 " + QByteArray(71, 'z') + "\r\n", // too long
            "1\r\n",                             // no id
            "1 \r\n",                            // empty id
            "1 a b\r\n",                         // space inside
            "1 caf\xc3\xa9\r\n",                 // 8-bit
            "1 a\tb\r\n",                        // control character
            "0 abc\r\n",                         // message number 0
            "1 abc\r\n2 abc\r\n",                // duplicate id
            "1 abc\r\n1 abd\r\n",                // duplicate number
        };
        for (const QByteArray &data : garbage) {
            QString error;
            QVERIFY2(!Pop3ListingParser::parseUniqueIds(data, &error), data.constData());
            QVERIFY(!error.isEmpty());
        }
        QVERIFY(Pop3ListingParser::isValidUid("!~"));
        QVERIFY(!Pop3ListingParser::isValidUid(QByteArray("a\x7f")));
    }

    void apopDigest()
    {
        // RFC 1939 section 7.
        const QByteArray greeting = "POP3 server ready <1896.697170952@dbc.mtview.ca.us>";
        const QByteArray stamp = Pop3Apop::timestamp(greeting);
        QCOMPARE(stamp, QByteArray("<1896.697170952@dbc.mtview.ca.us>"));
        QCOMPARE(Pop3Apop::digest(stamp, QStringLiteral("tanstaaf")), QByteArray("c4c9334bac560ecc979e58001b3e22fb"));
        QCOMPARE(Pop3Apop::timestamp("Dovecot ready."), QByteArray());
        QCOMPARE(Pop3Apop::timestamp("ready <unterminated"), QByteArray());
        QCOMPARE(Pop3Apop::timestamp("ready <no-at-sign>"), QByteArray());
    }
};

QTEST_GUILESS_MAIN(Pop3ParserTest)
#include "tst_pop3_parser.moc"
