// Pop3CommandEncoder: exact bytes, redacted log forms and refused arguments.
#include "pop3/Pop3CommandEncoder.h"

#include <QtTest>

using namespace Petrel::Pop3;

Q_DECLARE_METATYPE(Petrel::Pop3::Pop3Command)
Q_DECLARE_METATYPE(Petrel::Pop3::Pop3ReplyShape)

class Pop3EncoderTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void commands_data()
    {
        QTest::addColumn<Pop3Command>("command");
        QTest::addColumn<QByteArray>("wire");
        QTest::addColumn<QByteArray>("redacted");
        QTest::addColumn<Pop3ReplyShape>("shape");
        using E = Pop3CommandEncoder;
        using S = Pop3ReplyShape;
        const QString secret = QStringLiteral("s3cr\u00e9t");
        QTest::newRow("capa") << E::capa() << QByteArray("CAPA\r\n") << QByteArray("CAPA") << S::MultiLine;
        QTest::newRow("stls") << E::stls() << QByteArray("STLS\r\n") << QByteArray("STLS") << S::Status;
        QTest::newRow("user") << E::user(QStringLiteral("carol@petrel.test")) << QByteArray("USER carol@petrel.test\r\n")
                              << QByteArray("USER carol@petrel.test") << S::Status;
        QTest::newRow("pass") << E::pass(secret) << QByteArray("PASS s3cr\xc3\xa9t\r\n") << QByteArray("PASS ***") << S::Status;
        QTest::newRow("pass with spaces") << E::pass(QStringLiteral("a b ")) << QByteArray("PASS a b \r\n") << QByteArray("PASS ***") << S::Status;
        QTest::newRow("apop") << E::apop(QStringLiteral("mrose"), "c4c9334bac560ecc979e58001b3e22fb")
                              << QByteArray("APOP mrose c4c9334bac560ecc979e58001b3e22fb\r\n") << QByteArray("APOP mrose ***") << S::Status;
        // base64("\0carol\0pw") = AGNhcm9sAHB3
        QTest::newRow("auth plain") << E::authPlain(QStringLiteral("carol"), QStringLiteral("pw"))
                                    << QByteArray("AUTH PLAIN AGNhcm9sAHB3\r\n") << QByteArray("AUTH PLAIN ***") << S::Auth;
        QTest::newRow("auth plain alone") << E::authPlainWithoutInitialResponse() << QByteArray("AUTH PLAIN\r\n")
                                          << QByteArray("AUTH PLAIN") << S::Auth;
        QTest::newRow("plain response") << E::plainResponse(QStringLiteral("carol"), QStringLiteral("pw"))
                                        << QByteArray("AGNhcm9sAHB3\r\n") << QByteArray("***") << S::Auth;
        QTest::newRow("cancel auth") << E::cancelAuthentication() << QByteArray("*\r\n") << QByteArray("*") << S::Auth;
        QTest::newRow("stat") << E::stat() << QByteArray("STAT\r\n") << QByteArray("STAT") << S::Status;
        QTest::newRow("list") << E::list() << QByteArray("LIST\r\n") << QByteArray("LIST") << S::MultiLine;
        QTest::newRow("list n") << E::list(4294967295u) << QByteArray("LIST 4294967295\r\n") << QByteArray("LIST 4294967295") << S::Status;
        QTest::newRow("uidl") << E::uidl() << QByteArray("UIDL\r\n") << QByteArray("UIDL") << S::MultiLine;
        QTest::newRow("uidl n") << E::uidl(2) << QByteArray("UIDL 2\r\n") << QByteArray("UIDL 2") << S::Status;
        QTest::newRow("retr") << E::retr(1) << QByteArray("RETR 1\r\n") << QByteArray("RETR 1") << S::MultiLine;
        QTest::newRow("top") << E::top(3, 0) << QByteArray("TOP 3 0\r\n") << QByteArray("TOP 3 0") << S::MultiLine;
        QTest::newRow("dele") << E::dele(12) << QByteArray("DELE 12\r\n") << QByteArray("DELE 12") << S::Status;
        QTest::newRow("rset") << E::rset() << QByteArray("RSET\r\n") << QByteArray("RSET") << S::Status;
        QTest::newRow("noop") << E::noop() << QByteArray("NOOP\r\n") << QByteArray("NOOP") << S::Status;
        QTest::newRow("quit") << E::quit() << QByteArray("QUIT\r\n") << QByteArray("QUIT") << S::Status;
    }

    void commands()
    {
        QFETCH(Pop3Command, command);
        QVERIFY2(command.isValid(), qPrintable(command.error));
        QTEST(command.wire, "wire");
        QTEST(command.redacted, "redacted");
        QTEST(command.shape, "shape");
    }

    void refusedArguments_data()
    {
        QTest::addColumn<Pop3Command>("command");
        using E = Pop3CommandEncoder;
        QTest::newRow("user CRLF") << E::user(QStringLiteral("carol\r\nDELE 1"));
        QTest::newRow("user LF") << E::user(QStringLiteral("carol\nx"));
        QTest::newRow("user CR") << E::user(QStringLiteral("carol\rx"));
        QTest::newRow("user NUL") << E::user(QString::fromUtf8("carol\0x", 7));
        QTest::newRow("user empty") << E::user(QString());
        QTest::newRow("pass CRLF") << E::pass(QStringLiteral("pw\r\nQUIT"));
        QTest::newRow("pass NUL") << E::pass(QString::fromUtf8("p\0w", 3));
        QTest::newRow("pass empty") << E::pass(QString());
        QTest::newRow("pass too long") << E::pass(QString(5000, QLatin1Char('x')));
        QTest::newRow("auth NUL in login") << E::authPlain(QString::fromUtf8("a\0b", 3), QStringLiteral("pw"));
        QTest::newRow("auth LF in password") << E::authPlain(QStringLiteral("a"), QStringLiteral("p\nw"));
        QTest::newRow("plain response CR") << E::plainResponse(QStringLiteral("a"), QStringLiteral("p\rw"));
        QTest::newRow("apop space in name") << E::apop(QStringLiteral("a b"), QByteArray(32, 'a'));
        QTest::newRow("apop short digest") << E::apop(QStringLiteral("ab"), "abc");
        QTest::newRow("apop LF") << E::apop(QStringLiteral("a\nb"), QByteArray(32, 'a'));
        QTest::newRow("retr 0") << E::retr(0);
        QTest::newRow("dele 0") << E::dele(0);
        QTest::newRow("top 0") << E::top(0, 5);
    }

    void refusedArguments()
    {
        QFETCH(Pop3Command, command);
        QVERIFY(!command.isValid());
        QVERIFY(!command.error.isEmpty());
        QVERIFY(command.wire.isEmpty());
    }

    void noCredentialInRedactedForms()
    {
        const QString password = QStringLiteral("hunter2-secret");
        const QList<Pop3Command> commands = {Pop3CommandEncoder::pass(password),
                                             Pop3CommandEncoder::authPlain(QStringLiteral("carol"), password),
                                             Pop3CommandEncoder::plainResponse(QStringLiteral("carol"), password)};
        const QByteArray token = QByteArray(QByteArray(1, '\0') + "carol" + QByteArray(1, '\0') + password.toUtf8()).toBase64();
        for (const auto &command : commands) {
            QVERIFY(command.wire.contains(password.toUtf8()) || command.wire.contains(token));
            QVERIFY(!command.redacted.contains(password.toUtf8()));
            QVERIFY(!command.redacted.contains(token));
        }
    }
};

QTEST_GUILESS_MAIN(Pop3EncoderTest)
#include "tst_pop3_encoder.moc"
