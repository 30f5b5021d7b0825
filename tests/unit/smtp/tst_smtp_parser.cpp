// SmtpReplyParser and SmtpCapabilities: data-driven rows, fed whole and one byte at a time.
#include "smtp/SmtpCapabilities.h"
#include "smtp/SmtpReplyParser.h"

#include <QtTest>

using namespace Petrel::Smtp;

namespace {

struct Fed
{
    QList<SmtpReply> replies;
    QString error;
};

Fed feedAll(const QByteArray &bytes, qsizetype chunk, bool enhanced, const SmtpLimits &limits = {})
{
    SmtpReplyParser parser(limits);
    parser.setEnhancedStatusCodes(enhanced);
    Fed fed;
    for (qsizetype i = 0; i < bytes.size(); i += chunk) {
        parser.feed(QByteArrayView(bytes).sliced(i, qMin(chunk, bytes.size() - i)));
        while (parser.hasReply())
            fed.replies.append(parser.takeReply());
    }
    fed.error = parser.errorString();
    return fed;
}

} // namespace

class SmtpParserTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void replies_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("enhanced");
        QTest::addColumn<QList<int>>("codes");
        QTest::addColumn<QStringList>("enhancedCodes");
        QTest::addColumn<QStringList>("texts");

        QTest::newRow("single") << QByteArray("220 mail.example ESMTP Postfix\r\n") << false
                                << QList<int>{220} << QStringList{QString()}
                                << QStringList{QStringLiteral("mail.example ESMTP Postfix")};
        QTest::newRow("multi-line ehlo")
            << QByteArray("250-mail.example\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250 8BITMIME\r\n")
            << false << QList<int>{250} << QStringList{QString()}
            << QStringList{QStringLiteral("mail.example\nPIPELINING\nSIZE 10240000\n8BITMIME")};
        QTest::newRow("two replies in one read")
            << QByteArray("250 2.1.0 Ok\r\n550 5.1.1 <x@y>: unknown\r\n") << true << QList<int>{250, 550}
            << QStringList{QStringLiteral("2.1.0"), QStringLiteral("5.1.1")}
            << QStringList{QStringLiteral("Ok"), QStringLiteral("<x@y>: unknown")};
        QTest::newRow("enhanced code on every line")
            << QByteArray("550-5.7.1 first\r\n550 5.7.1 second\r\n") << true << QList<int>{550}
            << QStringList{QStringLiteral("5.7.1")} << QStringList{QStringLiteral("first\nsecond")};
        QTest::newRow("enhanced code not parsed when not offered")
            << QByteArray("250 2.0.0 Ok\r\n") << false << QList<int>{250} << QStringList{QString()}
            << QStringList{QStringLiteral("2.0.0 Ok")};
        QTest::newRow("enhanced class must match the code")
            << QByteArray("550 2.0.0 odd\r\n") << true << QList<int>{550} << QStringList{QString()}
            << QStringList{QStringLiteral("2.0.0 odd")};
        QTest::newRow("enhanced three-digit parts")
            << QByteArray("451 4.123.999 busy\r\n") << true << QList<int>{451}
            << QStringList{QStringLiteral("4.123.999")} << QStringList{QStringLiteral("busy")};
        QTest::newRow("version number is not an enhanced code")
            << QByteArray("250 2.1 text\r\n") << true << QList<int>{250} << QStringList{QString()}
            << QStringList{QStringLiteral("2.1 text")};
        QTest::newRow("code alone") << QByteArray("250\r\n") << false << QList<int>{250}
                                    << QStringList{QString()} << QStringList{QString()};
        QTest::newRow("bare LF tolerated")
            << QByteArray("354 go ahead\n") << false << QList<int>{354} << QStringList{QString()}
            << QStringList{QStringLiteral("go ahead")};
        QTest::newRow("8-bit text") << QByteArray("554 5.7.1 r\xc3\xa9jet\xc3\xa9\r\n") << true
                                    << QList<int>{554} << QStringList{QStringLiteral("5.7.1")}
                                    << QStringList{QStringLiteral("r\u00e9jet\u00e9")};
    }

    void replies()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(bool, enhanced);
        QFETCH(QList<int>, codes);
        QFETCH(QStringList, enhancedCodes);
        QFETCH(QStringList, texts);
        for (const qsizetype chunk : {bytes.size(), qsizetype(1), qsizetype(3)}) {
            const Fed fed = feedAll(bytes, chunk, enhanced);
            QVERIFY2(fed.error.isEmpty(), qPrintable(fed.error));
            QCOMPARE(fed.replies.size(), codes.size());
            for (qsizetype i = 0; i < codes.size(); ++i) {
                QCOMPARE(fed.replies.at(i).code, codes.at(i));
                QCOMPARE(fed.replies.at(i).enhancedCode, enhancedCodes.at(i));
                QCOMPARE(fed.replies.at(i).text(), texts.at(i));
            }
        }
    }

    void classes()
    {
        const Fed fed = feedAll("250 a\r\n354 b\r\n421 c\r\n554 d\r\n", 1, false);
        QCOMPARE(fed.replies.size(), 4);
        QVERIFY(fed.replies.at(0).isPositive());
        QVERIFY(fed.replies.at(1).isIntermediate());
        QVERIFY(fed.replies.at(2).isTransient() && !fed.replies.at(2).isPermanent());
        QVERIFY(fed.replies.at(3).isPermanent() && !fed.replies.at(3).isTransient());
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected"); // a word of the error message

        QTest::newRow("two-digit code") << QByteArray("25 ok\r\n") << QStringLiteral("3-digit");
        QTest::newRow("letters") << QByteArray("abc ok\r\n") << QStringLiteral("3-digit");
        QTest::newRow("empty line") << QByteArray("\r\n") << QStringLiteral("3-digit");
        QTest::newRow("four digits") << QByteArray("2500 ok\r\n") << QStringLiteral("malformed");
        QTest::newRow("code 1xx") << QByteArray("100 continue\r\n") << QStringLiteral("out of range");
        QTest::newRow("code 6xx") << QByteArray("600 what\r\n") << QStringLiteral("out of range");
        QTest::newRow("mixed codes in one reply")
            << QByteArray("250-first\r\n251 second\r\n") << QStringLiteral("mixed");
        QTest::newRow("mixed classes in one reply")
            << QByteArray("250-first\r\n550 second\r\n") << QStringLiteral("mixed");
        QTest::newRow("endless continuations")
            << QByteArray("250-x\r\n").repeated(1001) << QStringLiteral("more than 1000 lines");
        QTest::newRow("too-long line")
            << QByteArray("250 " + QByteArray(5000, 'a') + "\r\n") << QStringLiteral("longer than");
        QTest::newRow("too-long line without end")
            << QByteArray("250 " + QByteArray(5000, 'a')) << QStringLiteral("longer than");
    }

    void errors()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        for (const qsizetype chunk : {bytes.size(), qsizetype(1)}) {
            const Fed fed = feedAll(bytes, chunk, true);
            QVERIFY2(fed.error.contains(expected), qPrintable(fed.error));
            QVERIFY(fed.replies.isEmpty());
        }
    }

    void errorIsSticky()
    {
        SmtpReplyParser parser;
        parser.feed("xx\r\n");
        QVERIFY(parser.hasError());
        parser.feed("250 fine\r\n");
        QVERIFY(!parser.hasReply());
        QVERIFY(parser.hasError());
    }

    void limitsAreConfigurable()
    {
        SmtpLimits limits;
        limits.maxLinesPerReply = 3;
        limits.maxLineLength = 10;
        QVERIFY(feedAll("250-a\r\n250-b\r\n250 c\r\n", 1, false, limits).error.isEmpty());
        QVERIFY(!feedAll("250-a\r\n250-b\r\n250-c\r\n250 d\r\n", 1, false, limits).error.isEmpty());
        QVERIFY(feedAll("250 123456\r\n", 1, false, limits).error.isEmpty()); // exactly 10
        QVERIFY(!feedAll("250 1234567\r\n", 1, false, limits).error.isEmpty());
    }

    void partialReplyIsVisible()
    {
        SmtpReplyParser parser;
        parser.feed("250-a\r\n25");
        QVERIFY(parser.isInsideReply());
        QVERIFY(!parser.hasReply());
        parser.feed("0 b\r\n");
        QVERIFY(!parser.isInsideReply());
        QCOMPARE(parser.takeReply().lines.size(), 2);
    }

    void capabilities()
    {
        const Fed fed = feedAll(
            "250-mail.example.org\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-VRFY\r\n250-ETRN\r\n"
            "250-STARTTLS\r\n250-AUTH PLAIN login XOAUTH2\r\n250-AUTH=LOGIN\r\n250-ENHANCEDSTATUSCODES\r\n"
            "250-8BITMIME\r\n250-DSN\r\n250-SMTPUTF8\r\n250 CHUNKING\r\n",
            1, false);
        QCOMPARE(fed.replies.size(), 1);
        const SmtpCapabilities caps = SmtpCapabilities::fromEhlo(fed.replies.first());
        for (const auto flag :
             {SmtpCapabilities::StartTls, SmtpCapabilities::Auth, SmtpCapabilities::Pipelining,
              SmtpCapabilities::Size, SmtpCapabilities::EightBitMime, SmtpCapabilities::SmtpUtf8,
              SmtpCapabilities::EnhancedStatusCodes, SmtpCapabilities::Chunking, SmtpCapabilities::Dsn})
            QVERIFY2(caps.has(flag), qPrintable(QString::number(flag)));
        QCOMPARE(caps.maximumSize(), qint64(10240000));
        QCOMPARE(caps.authMechanisms(), (QList<QByteArray>{"PLAIN", "LOGIN", "XOAUTH2"}));
        QVERIFY(caps.hasAuthMechanism("login"));
        QVERIFY(!caps.hasAuthMechanism("CRAM-MD5"));
    }

    void capabilitiesMinimal()
    {
        SmtpReply reply;
        reply.code = 250;
        reply.lines = {"mail.example.org Hello", "SIZE", "STARTTLSX"};
        const SmtpCapabilities caps = SmtpCapabilities::fromEhlo(reply);
        QVERIFY(caps.has(SmtpCapabilities::Size));
        QCOMPARE(caps.maximumSize(), qint64(0)); // SIZE without a number: no stated limit
        QVERIFY(!caps.has(SmtpCapabilities::StartTls));
        QVERIFY(!caps.has(SmtpCapabilities::Auth));
        QVERIFY(caps.authMechanisms().isEmpty());
        // The greeting line is never a capability, even if it looks like one.
        reply.lines = {"STARTTLS"};
        QVERIFY(!SmtpCapabilities::fromEhlo(reply).has(SmtpCapabilities::StartTls));
    }

    void fuzzNeverCrashes()
    {
        // Random bytes: the parser either errors or yields replies with valid codes, never hangs.
        QRandomGenerator random(4711);
        for (int round = 0; round < 300; ++round) {
            QByteArray bytes;
            const int length = random.bounded(200);
            for (int i = 0; i < length; ++i) {
                static const char alphabet[] = "0123459 -.\r\n\x00\xff"
                                               "abc";
                bytes += alphabet[random.bounded(int(sizeof(alphabet) - 1))];
            }
            const Fed fed = feedAll(bytes, 1 + random.bounded(7), true);
            for (const SmtpReply &reply : fed.replies)
                QVERIFY(reply.code >= 200 && reply.code <= 599);
        }
    }
};

QTEST_GUILESS_MAIN(SmtpParserTest)
#include "tst_smtp_parser.moc"
