// SmtpCommandEncoder byte for byte, injection refused, redacted forms; SmtpDotStuffer rows.
#include "smtp/SmtpCommandEncoder.h"
#include "smtp/SmtpDotStuffer.h"

#include <QtTest>

// Declared before the data functions use it (a release build instantiates it there).
Q_DECLARE_METATYPE(Petrel::Smtp::SmtpCommand)

using namespace Petrel::Smtp;

class SmtpEncoderTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void commands_data()
    {
        QTest::addColumn<SmtpCommand>("command");
        QTest::addColumn<QByteArray>("wire");
        QTest::addColumn<QByteArray>("redacted");

        SmtpCommandEncoder::MailParameters all;
        all.size = 1234;
        all.eightBitMime = true;
        all.smtpUtf8 = true;
        SmtpCommandEncoder::MailParameters sizeOnly;
        sizeOnly.size = 0;

        QTest::newRow("ehlo") << SmtpCommandEncoder::ehlo(QStringLiteral("[127.0.0.1]"))
                              << QByteArray("EHLO [127.0.0.1]\r\n") << QByteArray("EHLO [127.0.0.1]");
        QTest::newRow("helo") << SmtpCommandEncoder::helo(QStringLiteral("client.example"))
                              << QByteArray("HELO client.example\r\n") << QByteArray("HELO client.example");
        QTest::newRow("starttls") << SmtpCommandEncoder::startTls() << QByteArray("STARTTLS\r\n")
                                  << QByteArray("STARTTLS");
        // base64("\0mia@petrel.test\0secret")
        QTest::newRow("auth plain") << SmtpCommandEncoder::authPlain(QStringLiteral("mia@petrel.test"),
                                                                     QStringLiteral("secret"))
                                    << QByteArray("AUTH PLAIN AG1pYUBwZXRyZWwudGVzdABzZWNyZXQ=\r\n")
                                    << QByteArray("AUTH PLAIN ***");
        QTest::newRow("auth login") << SmtpCommandEncoder::authLogin() << QByteArray("AUTH LOGIN\r\n")
                                    << QByteArray("AUTH LOGIN");
        QTest::newRow("login response") << SmtpCommandEncoder::loginResponse(QStringLiteral("secret"))
                                        << QByteArray("c2VjcmV0\r\n") << QByteArray("***");
        // base64("user=u@x\1auth=Bearer tok\1\1")
        QTest::newRow("xoauth2")
            << SmtpCommandEncoder::authXOAuth2(QStringLiteral("u@x"), QStringLiteral("tok"))
            << QByteArray("AUTH XOAUTH2 " + QByteArray("user=u@x\1auth=Bearer tok\1\1").toBase64() + "\r\n")
            << QByteArray("AUTH XOAUTH2 ***");
        QTest::newRow("oauthbearer")
            << SmtpCommandEncoder::authOAuthBearer(QStringLiteral("u,=@x"), QStringLiteral("tok"),
                                                   QStringLiteral("smtp.x"), 587)
            << QByteArray(
                   "AUTH OAUTHBEARER " +
                   QByteArray("n,a=u=2C=3D@x,\1host=smtp.x\1port=587\1auth=Bearer tok\1\1").toBase64() +
                   "\r\n")
            << QByteArray("AUTH OAUTHBEARER ***");
        QTest::newRow("xoauth2 error ack")
            << SmtpCommandEncoder::oauthErrorAcknowledgement(false) << QByteArray("\r\n") << QByteArray();
        QTest::newRow("oauthbearer error ack") << SmtpCommandEncoder::oauthErrorAcknowledgement(true)
                                               << QByteArray("AQ==\r\n") << QByteArray("AQ==");
        QTest::newRow("cancel auth") << SmtpCommandEncoder::cancelAuthentication() << QByteArray("*\r\n")
                                     << QByteArray("*");
        QTest::newRow("mail from") << SmtpCommandEncoder::mailFrom(QStringLiteral("mia@petrel.test"))
                                   << QByteArray("MAIL FROM:<mia@petrel.test>\r\n")
                                   << QByteArray("MAIL FROM:<mia@petrel.test>");
        QTest::newRow("mail from, all parameters")
            << SmtpCommandEncoder::mailFrom(QStringLiteral("mia@petrel.test"), all)
            << QByteArray("MAIL FROM:<mia@petrel.test> SIZE=1234 BODY=8BITMIME SMTPUTF8\r\n")
            << QByteArray("MAIL FROM:<mia@petrel.test> SIZE=1234 BODY=8BITMIME SMTPUTF8");
        QTest::newRow("mail from, size 0")
            << SmtpCommandEncoder::mailFrom(QStringLiteral("a@b"), sizeOnly)
            << QByteArray("MAIL FROM:<a@b> SIZE=0\r\n") << QByteArray("MAIL FROM:<a@b> SIZE=0");
        QTest::newRow("null sender") << SmtpCommandEncoder::mailFrom(QString())
                                     << QByteArray("MAIL FROM:<>\r\n") << QByteArray("MAIL FROM:<>");
        QTest::newRow("utf-8 sender")
            << SmtpCommandEncoder::mailFrom(QStringLiteral("j\u00f6rg@b\u00fccher.example"), all)
            << QByteArray("MAIL FROM:<j\xc3\xb6rg@b\xc3\xbc"
                          "cher.example> SIZE=1234 BODY=8BITMIME SMTPUTF8\r\n")
            << QByteArray("MAIL FROM:<j\xc3\xb6rg@b\xc3\xbc"
                          "cher.example> SIZE=1234 BODY=8BITMIME SMTPUTF8");
        QTest::newRow("rcpt to") << SmtpCommandEncoder::rcptTo(QStringLiteral("ned@petrel.test"))
                                 << QByteArray("RCPT TO:<ned@petrel.test>\r\n")
                                 << QByteArray("RCPT TO:<ned@petrel.test>");
        QTest::newRow("quoted local part")
            << SmtpCommandEncoder::rcptTo(QStringLiteral("\"a b\"@x"))
            << QByteArray("RCPT TO:<\"a b\"@x>\r\n") << QByteArray("RCPT TO:<\"a b\"@x>");
        QTest::newRow("data") << SmtpCommandEncoder::data() << QByteArray("DATA\r\n") << QByteArray("DATA");
        QTest::newRow("rset") << SmtpCommandEncoder::rset() << QByteArray("RSET\r\n") << QByteArray("RSET");
        QTest::newRow("noop") << SmtpCommandEncoder::noop() << QByteArray("NOOP\r\n") << QByteArray("NOOP");
        QTest::newRow("quit") << SmtpCommandEncoder::quit() << QByteArray("QUIT\r\n") << QByteArray("QUIT");
    }

    void commands()
    {
        QFETCH(SmtpCommand, command);
        QFETCH(QByteArray, wire);
        QFETCH(QByteArray, redacted);
        QVERIFY2(command.isValid(), qPrintable(command.error));
        QCOMPARE(command.wire, wire);
        QCOMPARE(command.redacted, redacted);
    }

    void credentialsNeverInRedactedForm()
    {
        const QString secret = QStringLiteral("hunter2-secret");
        for (const SmtpCommand &command :
             {SmtpCommandEncoder::authPlain(QStringLiteral("u"), secret),
              SmtpCommandEncoder::loginResponse(secret),
              SmtpCommandEncoder::authXOAuth2(QStringLiteral("u"), secret),
              SmtpCommandEncoder::authOAuthBearer(QStringLiteral("u"), secret, QStringLiteral("h"), 1)}) {
            QVERIFY(command.isValid());
            QVERIFY(!command.redacted.contains(secret.toUtf8()));
            QVERIFY(!command.redacted.contains(secret.toUtf8().toBase64()));
            QVERIFY(
                !command.redacted.contains(command.wire.mid(command.wire.lastIndexOf(' ') + 1).trimmed()));
        }
    }

    void injectionRefused_data()
    {
        QTest::addColumn<SmtpCommand>("command");
        const QString evil = QStringLiteral("a@b>\r\nRCPT TO:<victim@x");
        QTest::newRow("mail CRLF") << SmtpCommandEncoder::mailFrom(QStringLiteral("a@b\r\nRSET"));
        QTest::newRow("mail LF") << SmtpCommandEncoder::mailFrom(QStringLiteral("a@b\nRSET"));
        QTest::newRow("mail CR") << SmtpCommandEncoder::mailFrom(QStringLiteral("a@b\rRSET"));
        QTest::newRow("mail NUL") << SmtpCommandEncoder::mailFrom(QStringLiteral("a@b") + QChar(0));
        QTest::newRow("mail >") << SmtpCommandEncoder::mailFrom(QStringLiteral("a@b> SIZE=1"));
        QTest::newRow("mail <") << SmtpCommandEncoder::mailFrom(QStringLiteral("<a@b"));
        QTest::newRow("mail tab") << SmtpCommandEncoder::mailFrom(QStringLiteral("a\t@b"));
        QTest::newRow("rcpt smuggling") << SmtpCommandEncoder::rcptTo(evil);
        QTest::newRow("rcpt >") << SmtpCommandEncoder::rcptTo(QStringLiteral("a@b> NOTIFY=NEVER"));
        QTest::newRow("rcpt empty") << SmtpCommandEncoder::rcptTo(QString());
        QTest::newRow("rcpt DEL") << SmtpCommandEncoder::rcptTo(QStringLiteral("a\x7f@b"));
        QTest::newRow("rcpt spaces around") << SmtpCommandEncoder::rcptTo(QStringLiteral(" a@b"));
        QTest::newRow("rcpt too long")
            << SmtpCommandEncoder::rcptTo(QString(300, QLatin1Char('a')) + QStringLiteral("@b"));
        QTest::newRow("ehlo CRLF") << SmtpCommandEncoder::ehlo(QStringLiteral("x\r\nMAIL FROM:<>"));
        QTest::newRow("ehlo space") << SmtpCommandEncoder::ehlo(QStringLiteral("x y"));
        QTest::newRow("ehlo empty") << SmtpCommandEncoder::helo(QString());
        QTest::newRow("plain NUL in user") << SmtpCommandEncoder::authPlain(
            QStringLiteral("a") + QChar(0) + QStringLiteral("b"), QStringLiteral("p"));
        QTest::newRow("plain empty password")
            << SmtpCommandEncoder::authPlain(QStringLiteral("a"), QString());
        QTest::newRow("xoauth2 ^A in token")
            << SmtpCommandEncoder::authXOAuth2(QStringLiteral("a"), QStringLiteral("t\1user=b"));
        QTest::newRow("oauthbearer empty token")
            << SmtpCommandEncoder::authOAuthBearer(QStringLiteral("a"), QString(), QStringLiteral("h"), 1);
    }

    void injectionRefused()
    {
        QFETCH(SmtpCommand, command);
        QVERIFY(!command.isValid());
        QVERIFY(command.wire.isEmpty());
        QVERIFY(!command.error.isEmpty());
    }

    void dotStuffing_data()
    {
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<QByteArray>("body");

        QTest::newRow("empty") << QByteArray() << QByteArray();
        QTest::newRow("plain CRLF") << QByteArray("a\r\nb\r\n") << QByteArray("a\r\nb\r\n");
        QTest::newRow("bare LF") << QByteArray("a\nb\n") << QByteArray("a\r\nb\r\n");
        QTest::newRow("no final newline") << QByteArray("a\r\nb") << QByteArray("a\r\nb\r\n");
        QTest::newRow("starts with dot") << QByteArray(".hidden\r\n") << QByteArray("..hidden\r\n");
        QTest::newRow("lone dot line") << QByteArray("a\n.\nb\n") << QByteArray("a\r\n..\r\nb\r\n");
        QTest::newRow("only LF dot LF") << QByteArray("\n.\n") << QByteArray("\r\n..\r\n");
        QTest::newRow("only a dot") << QByteArray(".") << QByteArray("..\r\n");
        QTest::newRow("dot in the middle of a line")
            << QByteArray("a.b\r\n.c.\r\n") << QByteArray("a.b\r\n..c.\r\n");
        QTest::newRow("two dots") << QByteArray("..\r\n") << QByteArray("...\r\n");
        QTest::newRow("bare CR is a line end") << QByteArray("a\rb\r") << QByteArray("a\r\nb\r\n");
        QTest::newRow("bare CR then dot") << QByteArray("a\r.b") << QByteArray("a\r\n..b\r\n");
        QTest::newRow("CR CR LF") << QByteArray("a\r\r\nb") << QByteArray("a\r\n\r\nb\r\n");
        QTest::newRow("empty lines") << QByteArray("\n\n") << QByteArray("\r\n\r\n");
        QTest::newRow("8-bit kept") << QByteArray("Subject: \xc3\xa9t\xc3\xa9\n\n\xff\n")
                                    << QByteArray("Subject: \xc3\xa9t\xc3\xa9\r\n\r\n\xff\r\n");
        QTest::newRow("terminator lookalike") << QByteArray("x\r\n.\r\n") << QByteArray("x\r\n..\r\n");
    }

    void dotStuffing()
    {
        QFETCH(QByteArray, message);
        QFETCH(QByteArray, body);
        QCOMPARE(SmtpDotStuffer::stuff(message), body);
        // Streaming: the same bytes whatever the chunk size, including CRLF split across chunks.
        for (const qsizetype chunk : {1, 2, 3, 5}) {
            SmtpDotStuffer stuffer;
            QByteArray out;
            for (qsizetype i = 0; i < message.size(); i += chunk)
                out += stuffer.feed(QByteArrayView(message).sliced(i, qMin(chunk, message.size() - i)));
            out += stuffer.finish();
            QCOMPARE(out, body);
        }
        // SIZE= declares the CRLF-normalised size before stuffing: the body minus the added dots.
        qint64 dots = 0;
        for (qsizetype i = 0; i < body.size(); ++i) {
            if (body.at(i) == '.' && (i == 0 || body.at(i - 1) == '\n'))
                ++dots;
        }
        QCOMPARE(SmtpDotStuffer::transmittedSize(message), qint64(body.size()) - dots);
        // Whatever the input, the body never holds the end-of-data sequence.
        QVERIFY(!QByteArray(QByteArray("\r\n") + body).contains("\r\n.\r\n"));
    }

    void randomBodiesNeverEndEarly()
    {
        QRandomGenerator random(99);
        for (int round = 0; round < 500; ++round) {
            QByteArray message;
            const int length = random.bounded(60);
            for (int i = 0; i < length; ++i)
                message += ".\r\nab"[random.bounded(5)];
            const QByteArray body = SmtpDotStuffer::stuff(message);
            QVERIFY2(!QByteArray(QByteArray("\r\n") + body).contains("\r\n.\r\n"),
                     message.toPercentEncoding().constData());
            QVERIFY(body.isEmpty() || body.endsWith("\r\n"));
            // Every CR is followed by LF and every LF preceded by CR.
            for (qsizetype i = 0; i < body.size(); ++i) {
                if (body.at(i) == '\r')
                    QVERIFY(i + 1 < body.size() && body.at(i + 1) == '\n');
                if (body.at(i) == '\n')
                    QVERIFY(i > 0 && body.at(i - 1) == '\r');
            }
        }
    }
};

QTEST_GUILESS_MAIN(SmtpEncoderTest)
#include "tst_smtp_encoder.moc"
