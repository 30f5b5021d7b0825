// Pop3Session against scripted servers on 127.0.0.1: every byte the client sends is checked
// against a "C:/S:" script, including TLS after STLS with certificates made for this run. This
// file: greeting and login; Pop3TransactionReplayTest.cpp: commands after login.
#include "Pop3Replay.h"
#include "TestCertificates.h"

using namespace Petrel::Pop3;
using namespace Pop3Replay;
using Petrel::Net::ConnectionError;
using Petrel::Net::ConnectionSettings;
using Petrel::Net::Security;
using Error = Pop3Result::Error;

class Pop3LoginReplayTest : public QObject
{
    Q_OBJECT

private:
    TestCertificates m_certificates;

    ConnectionSettings settings(quint16 port, Security security) const
    {
        return Pop3Replay::settings(port, security, m_certificates.caFile());
    }

    void setUpTls(ScriptServer &server)
    {
        server.setIdentity(m_certificates.good().certificate, m_certificates.good().key);
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString error = m_certificates.generate();
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void userPassLoginWithoutTlsWhenExplicitlyNone()
    {
        ScriptServer server(FakeServer::Mode::Plain);
        server.setScript(greeting + capaPlain + userPass + afterLogin + "C: STAT\nS: +OK 2 320\nC: QUIT\nS: +OK bye\n");
        QVERIFY(server.start());
        Pop3Session session;
        QSignalSpy closed(&session, &Pop3Session::closed);
        auto open = watch(session.open(settings(server.port(), Security::None), carol()));
        auto stat = watch(session.stat()); // queued until logged in
        auto quit = watch(session.quit());
        auto late = watch(session.noop()); // nothing may follow QUIT, even while still logging in
        WAIT(quit);
        QVERIFY2(open->result->isOk(), qPrintable(open->result->message));
        EXPECT_ERROR(late, Error::InvalidState);
        QVERIFY(stat->result->isOk());
        QCOMPARE(stat->result->stat.count, 2u);
        QCOMPARE(stat->result->stat.size, qint64(320));
        QVERIFY(quit->result->isOk());
        QVERIFY(!session.isEncrypted());
        QVERIFY(session.capabilities().has(Pop3Capabilities::Uidl));
        QTRY_COMPARE(closed.size(), 1);
        QCOMPARE(session.state(), Pop3Session::State::Closed);
        VERIFY_SCRIPT(server);
    }

    void stlsThenAuthPlain_data()
    {
        QTest::addColumn<bool>("drip");
        QTest::newRow("whole") << false;
        QTest::newRow("1-byte chunks") << true;
    }

    void stlsThenAuthPlain()
    {
        QFETCH(bool, drip);
        ScriptServer server(FakeServer::Mode::Plain);
        setUpTls(server);
        server.setChunking(drip ? ScriptServer::Chunking::OneByte : ScriptServer::Chunking::Whole);
        server.setScript(greeting + "C: CAPA\nS: +OK\nS: STLS\nS: .\nC: STLS\nS: +OK Begin TLS\nTLS\n"
                         "C: CAPA\nS: +OK\nS: USER\nS: SASL PLAIN LOGIN\nS: UIDL\nS: .\n" + authPlain +
                         "C: CAPA\nS: +OK\nS: UIDL\nS: PIPELINING\nS: .\nC: NOOP\nS: +OK\n");
        QVERIFY(server.start());
        Pop3Session session;
        auto open = watch(session.open(settings(server.port(), Security::StartTls), carol()));
        auto noop = watch(session.noop());
        WAIT(noop);
        QVERIFY2(open->result->isOk(), qPrintable(open->result->message));
        QVERIFY(noop->result->isOk());
        QVERIFY(session.isEncrypted());
        QVERIFY(session.isPipelining()); // from the CAPA after login
        QCOMPARE(session.state(), Pop3Session::State::Transaction);
        VERIFY_SCRIPT(server);
    }

    void implicitTlsAuthPlain()
    {
        ScriptServer server(FakeServer::Mode::ImplicitTls);
        setUpTls(server);
        server.setScript(greeting + "C: CAPA\nS: +OK\nS: SASL PLAIN\nS: USER\nS: .\n" + authPlain + afterLogin);
        QVERIFY(server.start());
        Pop3Session session;
        auto open = watch(session.open(settings(server.port(), Security::ImplicitTls), carol()));
        WAIT(open);
        QVERIFY2(open->result->isOk(), qPrintable(open->result->message));
        QVERIFY(session.isEncrypted());
        VERIFY_SCRIPT(server);
    }

    void authPlainLongResponseAfterEmptyChallenge()
    {
        // RFC 5034: an initial response that would make the line longer than 255 octets follows
        // the server's empty challenge instead.
        const QString password(300, QLatin1Char('p'));
        const QByteArray token = QByteArray(QByteArray(1, '\0') + "carol" + QByteArray(1, '\0') + password.toUtf8()).toBase64();
        ScriptServer server(FakeServer::Mode::ImplicitTls);
        setUpTls(server);
        server.setScript(greeting + "C: CAPA\nS: +OK\nS: SASL PLAIN\nS: .\nC: AUTH PLAIN\nS: + \nC: " + token +
                         "\nS: +OK\n" + afterLogin);
        QVERIFY(server.start());
        Pop3Session session;
        auto open = watch(session.open(settings(server.port(), Security::ImplicitTls),
                                       {QStringLiteral("carol"), password, Pop3Credentials::Method::Automatic}));
        WAIT(open);
        QVERIFY2(open->result->isOk(), qPrintable(open->result->message));
        VERIFY_SCRIPT(server);
    }

    void authPlainUnexpectedChallengeIsCancelled()
    {
        ScriptServer server(FakeServer::Mode::ImplicitTls);
        setUpTls(server);
        server.setScript(greeting + "C: CAPA\nS: +OK\nS: SASL PLAIN\nS: .\n" +
                         "C: AUTH PLAIN AGNhcm9sAHB3\nS: + more?\nC: *\nS: -ERR [AUTH] Authentication failed.\n"
                         "C: QUIT\nS: +OK\n");
        QVERIFY(server.start());
        Pop3Session session;
        auto open = watch(session.open(settings(server.port(), Security::ImplicitTls), carol(Pop3Credentials::Method::Plain)));
        WAIT(open);
        EXPECT_ERROR(open, Error::AuthenticationFailed);
        QCOMPARE(open->result->code.kind, Pop3ResponseCode::Kind::Auth);
        QTRY_VERIFY2(server.isDone(), qPrintable(server.describe()));
        QVERIFY2(server.error().isEmpty(), qPrintable(server.describe()));
    }

    void plainMethodNotOfferedIsNotSupported()
    {
        ScriptServer server(FakeServer::Mode::ImplicitTls);
        setUpTls(server);
        server.setScript(greeting + capaPlain + "C: QUIT\nS: +OK\n");
        QVERIFY(server.start());
        Pop3Session session;
        auto open = watch(session.open(settings(server.port(), Security::ImplicitTls), carol(Pop3Credentials::Method::Plain)));
        WAIT(open);
        EXPECT_ERROR(open, Error::NotSupported);
        QVERIFY(!sentCredentials(server.received()));
    }

    void credentialsNeverLogged()
    {
        static QStringList log;
        log.clear();
        QLoggingCategory::setFilterRules(QStringLiteral("petrel.*.debug=true"));
        const auto previous = qInstallMessageHandler([](QtMsgType, const QMessageLogContext &, const QString &message) {
            log.append(message);
        });
        const QString password = QStringLiteral("Zebra-Secret-42");
        const QByteArray token = QByteArray(QByteArray(1, '\0') + "carol" + QByteArray(1, '\0') + password.toUtf8()).toBase64();
        for (const auto method : {Pop3Credentials::Method::Plain, Pop3Credentials::Method::User}) {
            ScriptServer server(FakeServer::Mode::ImplicitTls);
            setUpTls(server);
            const QByteArray login = method == Pop3Credentials::Method::Plain
                ? QByteArray("C: AUTH PLAIN " + token + "\nS: +OK\n")
                : QByteArray("C: USER carol\nS: +OK\nC: PASS " + password.toUtf8() + "\nS: +OK\n");
            server.setScript(greeting + "C: CAPA\nS: +OK\nS: SASL PLAIN\nS: USER\nS: .\n" + login + afterLogin);
            QVERIFY(server.start());
            Pop3Session session;
            auto open = watch(session.open(settings(server.port(), Security::ImplicitTls), {QStringLiteral("carol"), password, method}));
            WAIT(open);
            QVERIFY(open->result->isOk());
        }
        qInstallMessageHandler(previous);
        QLoggingCategory::setFilterRules(QString());
        const QString all = log.join(QLatin1Char('\n'));
        QVERIFY2(all.contains(QLatin1String("PASS ***")) && all.contains(QLatin1String("AUTH PLAIN ***")), qPrintable(all));
        QVERIFY(!all.contains(password));
        QVERIFY(!all.contains(QString::fromLatin1(token)));
    }

    void tlsRequiredSendsNoCredentials_data()
    {
        QTest::addColumn<QByteArray>("script");
        QTest::newRow("STLS refused") << QByteArray(greeting + "C: CAPA\nS: +OK\nS: STLS\nS: USER\nS: .\nC: STLS\n"
                                                               "S: -ERR [SYS/TEMP] TLS unavailable\nC: QUIT\nS: +OK\n");
        QTest::newRow("STLS not offered") << QByteArray(greeting + "C: CAPA\nS: +OK\nS: USER\nS: SASL PLAIN\nS: .\nC: QUIT\nS: +OK\n");
        QTest::newRow("no CAPA at all") << QByteArray(greeting + "C: CAPA\nS: -ERR unknown command\nC: QUIT\nS: +OK\n");
    }

    void tlsRequiredSendsNoCredentials()
    {
        QFETCH(QByteArray, script);
        ScriptServer server(FakeServer::Mode::Plain);
        server.setScript(script);
        QVERIFY(server.start());
        Pop3Session session;
        auto open = watch(session.open(settings(server.port(), Security::StartTls), carol()));
        auto stat = watch(session.stat());
        WAIT(open);
        EXPECT_ERROR(open, Error::TlsRequired);
        WAIT(stat);
        EXPECT_ERROR(stat, Error::TlsRequired); // queued work fails with the login
        QTRY_VERIFY2(server.isDone(), qPrintable(server.describe()));
        QVERIFY2(server.error().isEmpty(), qPrintable(server.describe()));
        QVERIFY(!sentCredentials(server.received()));
        QVERIFY(!session.isEncrypted());
    }

    void stlsInjectionFails()
    {
        ScriptServer server(FakeServer::Mode::Plain);
        setUpTls(server);
        // The plaintext injection rides in the same packet as the STLS +OK.
        server.setScript(greeting + "C: CAPA\nS: +OK\nS: STLS\nS: .\nC: STLS\n");
        server.append(ScriptServer::Step::Kind::Send, "+OK Begin TLS\r\n+OK [injected] CAPA\r\n");
        QVERIFY(server.start());
        Pop3Session session;
        auto open = watch(session.open(settings(server.port(), Security::StartTls), carol()));
        WAIT(open);
        EXPECT_ERROR(open, Error::Transport);
        QVERIFY(open->result->connectionError);
        QCOMPARE(open->result->connectionError->kind, ConnectionError::Kind::StartTlsInjection);
        QVERIFY(!sentCredentials(server.received()));
        QCOMPARE(session.state(), Pop3Session::State::Closed);
    }

    void loginRefusals_data()
    {
        QTest::addColumn<QByteArray>("passReply");
        QTest::addColumn<Error>("error");
        QTest::addColumn<QByteArray>("serverText");
        QTest::newRow("wrong password") << QByteArray("-ERR [AUTH] Authentication failed.") << Error::AuthenticationFailed
                                        << QByteArray("Authentication failed.");
        QTest::newRow("no code") << QByteArray("-ERR bad login") << Error::AuthenticationFailed << QByteArray("bad login");
        QTest::newRow("in use") << QByteArray("-ERR [IN-USE] Mailbox is locked by another POP3 session")
                                << Error::InUse << QByteArray("Mailbox is locked by another POP3 session");
        QTest::newRow("login delay") << QByteArray("-ERR [LOGIN-DELAY] Wait 15 minutes") << Error::LoginDelay
                                     << QByteArray("Wait 15 minutes");
        QTest::newRow("sys/temp") << QByteArray("-ERR [SYS/TEMP] Try later") << Error::Rejected << QByteArray("Try later");
    }

    void loginRefusals()
    {
        QFETCH(QByteArray, passReply);
        QFETCH(QByteArray, serverText);
        ScriptServer server(FakeServer::Mode::Plain);
        server.setScript(greeting + capaPlain + "C: USER carol\nS: +OK\nC: PASS pw\nS: " + passReply + "\nC: QUIT\nS: +OK\n");
        QVERIFY(server.start());
        Pop3Session session;
        auto open = watch(session.open(settings(server.port(), Security::None), carol()));
        WAIT(open);
        QFETCH(Error, error);
        EXPECT_ERROR(open, error);
        QCOMPARE(open->result->serverText, serverText);
        QVERIFY(!open->result->message.contains(QLatin1String("pw")));
        QTRY_COMPARE(session.state(), Pop3Session::State::Closed);
        VERIFY_SCRIPT(server);
    }

    void greetingInUse()
    {
        ScriptServer server(FakeServer::Mode::Plain);
        server.setScript("S: -ERR [IN-USE] busy\nC: QUIT\nS: +OK\n");
        QVERIFY(server.start());
        Pop3Session session;
        auto open = watch(session.open(settings(server.port(), Security::None), carol()));
        WAIT(open);
        EXPECT_ERROR(open, Error::InUse);
        QVERIFY(!sentCredentials(server.received()));
    }

    void apopLogin()
    {
        // RFC 1939 section 7's example.
        ScriptServer server(FakeServer::Mode::Plain);
        server.setScript("S: +OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>\nC: CAPA\nS: -ERR\n"
                         "C: APOP mrose c4c9334bac560ecc979e58001b3e22fb\nS: +OK maildrop has 1 message (369 octets)\n"
                         "C: CAPA\nS: -ERR\nC: UIDL 1\nS: +OK 1 whqtswO00WBw418f9t5JxYwZ\n");
        QVERIFY(server.start());
        Pop3Session session;
        auto open = watch(session.open(settings(server.port(), Security::None),
                                       {QStringLiteral("mrose"), QStringLiteral("tanstaaf"), Pop3Credentials::Method::Apop}));
        auto uidl = watch(session.uidl(1)); // no CAPA: UIDL is tried
        WAIT(uidl);
        QVERIFY2(open->result->isOk(), qPrintable(open->result->message));
        QVERIFY2(uidl->result->isOk(), qPrintable(uidl->result->message));
        QCOMPARE(uidl->result->uniqueIds.size(), 1);
        QCOMPARE(uidl->result->uniqueIds.first().uid, QByteArray("whqtswO00WBw418f9t5JxYwZ"));
        QVERIFY(!session.hasCapabilities());
    }

    void apopWithoutTimestampIsNotSupported()
    {
        ScriptServer server(FakeServer::Mode::Plain);
        server.setScript(greeting + capaPlain + "C: QUIT\nS: +OK\n");
        QVERIFY(server.start());
        Pop3Session session;
        auto open = watch(session.open(settings(server.port(), Security::None), carol(Pop3Credentials::Method::Apop)));
        WAIT(open);
        EXPECT_ERROR(open, Error::NotSupported);
        QVERIFY(!sentCredentials(server.received()));
    }

};

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    Pop3LoginReplayTest login;
    const int failures = QTest::qExec(&login, argc, argv);
    return failures + Pop3Replay::runTransactionTests(argc, argv);
}

#include "tst_pop3_session_replay.moc"
