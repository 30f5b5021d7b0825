// SmtpSession against scripted servers on 127.0.0.1: every byte the client sends is checked
// against a "C:/S:" script, including TLS after STARTTLS with certificates made for this run.
// This file: greeting, EHLO/HELO, STARTTLS and AUTH; SmtpSubmitReplayTest.cpp: submissions.
#include "SmtpReplay.h"
#include "TestCertificates.h"

using namespace Petrel::Smtp;
using namespace SmtpReplay;
using Petrel::Net::ConnectionError;
using Petrel::Net::ConnectionSettings;
using Petrel::Net::Security;
using Kind = SmtpResult::Kind;
using Stage = SmtpResult::Stage;

class SmtpLoginReplayTest : public QObject
{
    Q_OBJECT

private:
    TestCertificates m_certificates;

    ConnectionSettings settings(quint16 port, Security security) const
    {
        return SmtpReplay::settings(port, security, m_certificates.caFile());
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

    void startTlsAuthPlainPipelinedSend_data()
    {
        QTest::addColumn<bool>("drip");
        QTest::newRow("whole") << false;
        QTest::newRow("1-byte chunks") << true;
    }

    void startTlsAuthPlainPipelinedSend()
    {
        QFETCH(bool, drip);
        ScriptServer server(FakeServer::Mode::Plain);
        setUpTls(server);
        server.setChunking(drip ? ScriptServer::Chunking::OneByte : ScriptServer::Chunking::Whole);
        // MAIL, both RCPTs and DATA leave in one group before any reply (PIPELINING).
        server.setScript(
            loggedIn +
            "C: MAIL FROM:<mia@petrel.test> SIZE=22\nC: RCPT TO:<ned@petrel.test>\nC: RCPT "
            "TO:<sink@outside.example>\nC: DATA\n"
            "S: 250 2.1.0 Ok\nS: 250 2.1.5 Ok\nS: 250 2.1.5 Ok\nS: 354 End data with <CR><LF>.<CR><LF>\n" +
            body + "S: 250 2.0.0 Ok: queued as 4FxyZ\n" + quit);
        QVERIFY(server.start());
        SmtpSession session;
        QSignalSpy closed(&session, &SmtpSession::closed);
        auto open = watchOpen(&session);
        session.open(settings(server.port(), Security::StartTls), mia());
        auto sent = watch(session.submit(
            message({QStringLiteral("ned@petrel.test"), QStringLiteral("sink@outside.example")})));
        WAIT(sent);
        QVERIFY(session.isEncrypted());
        session.quit();
        QVERIFY(open->result.has_value());
        EXPECT_KIND(open, Kind::Ok);
        EXPECT_KIND(sent, Kind::Ok);
        QCOMPARE(sent->result->code, 250);
        QCOMPARE(sent->result->enhancedCode, QStringLiteral("2.0.0"));
        QCOMPARE(sent->result->serverText, QStringLiteral("Ok: queued as 4FxyZ"));
        QVERIFY(!sent->result->deliveryUnknown);
        QCOMPARE(sent->result->recipients.size(), 2);
        QVERIFY(sent->result->recipients.at(0).accepted && sent->result->recipients.at(1).accepted);
        QVERIFY(session.capabilities().has(SmtpCapabilities::SmtpUtf8)); // from the EHLO after TLS
        QTRY_COMPARE(closed.size(), 1);
        QCOMPARE(session.state(), SmtpSession::State::Closed);
        EXPECT_SCRIPT_DONE();
    }

    void implicitTlsAuthLoginWhenPlainMissing()
    {
        ScriptServer server(FakeServer::Mode::ImplicitTls);
        setUpTls(server);
        // base64("Username:"), base64("mia"), base64("Password:"), base64("pw")
        server.setScript(
            greeting + ehlo +
            "S: 250-mx.example\nS: 250 AUTH LOGIN\n"
            "C: AUTH LOGIN\nS: 334 VXNlcm5hbWU6\nC: bWlh\nS: 334 UGFzc3dvcmQ6\nC: cHc=\nS: 235 ok\n" +
            quit);
        QVERIFY(server.start());
        SmtpSession session;
        auto open = watchOpen(&session);
        session.open(settings(server.port(), Security::ImplicitTls), mia());
        WAIT(open);
        EXPECT_KIND(open, Kind::Ok);
        QCOMPARE(session.state(), SmtpSession::State::Ready);
        session.quit();
        EXPECT_SCRIPT_DONE();
    }

    void xoauth2ErrorChallenge()
    {
        ScriptServer server(FakeServer::Mode::ImplicitTls);
        setUpTls(server);
        const QByteArray response = QByteArray("user=mia\1auth=Bearer tok\1\1").toBase64();
        const QByteArray error = QByteArray("{\"status\":\"401\"}").toBase64();
        server.setScript(greeting + ehlo + "S: 250-mx.example\nS: 250 AUTH XOAUTH2 PLAIN\nC: AUTH XOAUTH2 " +
                         response + "\nS: 334 " + error +
                         "\nC: \nS: 535 5.7.8 Username and Password not accepted\n" + quit);
        QVERIFY(server.start());
        SmtpSession session;
        auto open = watchOpen(&session);
        SmtpCredentials credentials;
        credentials.user = QStringLiteral("mia");
        credentials.token = QStringLiteral("tok");
        session.open(settings(server.port(), Security::ImplicitTls), credentials);
        WAIT(open);
        EXPECT_KIND(open, Kind::AuthenticationFailed);
        QCOMPARE(open->result->code, 535);
        QVERIFY2(open->result->message.contains(QLatin1String("401")), qPrintable(open->result->message));
        EXPECT_SCRIPT_DONE();
    }

    void oauthBearerPreferredWithToken()
    {
        ScriptServer server(FakeServer::Mode::ImplicitTls);
        setUpTls(server);
        QVERIFY(server.start());
        const QByteArray response =
            QByteArray("n,a=mia,\1host=127.0.0.1\1port=" + QByteArray::number(server.port()) +
                       "\1auth=Bearer tok\1\1")
                .toBase64();
        server.setScript(greeting + ehlo +
                         "S: 250-mx.example\nS: 250 AUTH PLAIN XOAUTH2 OAUTHBEARER\nC: AUTH OAUTHBEARER " +
                         response + "\nS: 235 2.7.0 Accepted\n" + quit);
        SmtpSession session;
        auto open = watchOpen(&session);
        SmtpCredentials credentials;
        credentials.user = QStringLiteral("mia");
        credentials.token = QStringLiteral("tok");
        session.open(settings(server.port(), Security::ImplicitTls), credentials);
        WAIT(open);
        EXPECT_KIND(open, Kind::Ok);
        session.quit();
        EXPECT_SCRIPT_DONE();
    }

    void mechanismNotOffered()
    {
        ScriptServer server(FakeServer::Mode::ImplicitTls);
        setUpTls(server);
        server.setScript(greeting + ehlo + "S: 250-mx.example\nS: 250 AUTH CRAM-MD5\n" + quit);
        QVERIFY(server.start());
        SmtpSession session;
        auto open = watchOpen(&session);
        session.open(settings(server.port(), Security::ImplicitTls), mia());
        WAIT(open);
        EXPECT_KIND(open, Kind::NotSupported);
        QCOMPARE(open->result->stage, Stage::Auth);
        EXPECT_SCRIPT_DONE();
    }

    void startTlsMissingSendsNothing()
    {
        ScriptServer server(FakeServer::Mode::Plain);
        server.setScript(greeting + ehlo + "S: 250-mx.example\nS: 250-AUTH PLAIN\nS: 250 PIPELINING\n" +
                         quit);
        QVERIFY(server.start());
        SmtpSession session;
        auto open = watchOpen(&session);
        session.open(settings(server.port(), Security::StartTls), mia());
        auto sent = watch(session.submit(message({QStringLiteral("ned@petrel.test")})));
        WAIT(sent);
        EXPECT_KIND(open, Kind::TlsRequired);
        QCOMPARE(open->result->stage, Stage::StartTls);
        EXPECT_KIND(sent, Kind::TlsRequired);
        QVERIFY(sent->result->isSafeToRetry());
        EXPECT_SCRIPT_DONE();
        QVERIFY(!sentCredentials(server.received()));
        QVERIFY(!server.received().contains("MAIL"));
    }

    void startTlsRefused()
    {
        ScriptServer server(FakeServer::Mode::Plain);
        server.setScript(greeting + ehloPlain +
                         "C: STARTTLS\nS: 454 4.7.0 TLS not available due to local problem\n" + quit);
        QVERIFY(server.start());
        SmtpSession session;
        auto open = watchOpen(&session);
        session.open(settings(server.port(), Security::StartTls), mia());
        WAIT(open);
        EXPECT_KIND(open, Kind::TlsRequired);
        QCOMPARE(open->result->code, 454);
        QCOMPARE(open->result->enhancedCode, QStringLiteral("4.7.0"));
        QVERIFY(open->result->message.contains(QLatin1String("TLS not available")));
        EXPECT_SCRIPT_DONE();
        QVERIFY(!sentCredentials(server.received()));
    }

    void startTlsInjection()
    {
        ScriptServer server(FakeServer::Mode::Plain);
        setUpTls(server);
        // The plaintext injection rides in the same packet as the 220 to STARTTLS.
        server.setScript(greeting + ehloPlain + "C: STARTTLS\n");
        server.append(ScriptServer::Step::Kind::Send,
                      "220 2.0.0 Ready\r\n250-injected\r\n250 AUTH PLAIN\r\n");
        QVERIFY(server.start());
        SmtpSession session;
        auto open = watchOpen(&session);
        session.open(settings(server.port(), Security::StartTls), mia());
        WAIT(open);
        EXPECT_KIND(open, Kind::Transport);
        QVERIFY(open->result->hasTransportError);
        QCOMPARE(open->result->transport.kind, ConnectionError::Kind::StartTlsInjection);
        QCOMPARE(open->result->stage, Stage::StartTls);
        QVERIFY(!sentCredentials(server.received()));
        QCOMPARE(session.state(), SmtpSession::State::Closed);
    }

    void authFailureCarriesServerWords()
    {
        ScriptServer server(FakeServer::Mode::Plain);
        setUpTls(server);
        server.setScript(greeting + ehloPlain + startTls + ehloTls +
                         "C: AUTH PLAIN AG1pYQBwdw==\nS: 535 5.7.8 Error: authentication failed: "
                         "authentication failure\n" +
                         quit);
        QVERIFY(server.start());
        SmtpSession session;
        auto open = watchOpen(&session);
        session.open(settings(server.port(), Security::StartTls), mia());
        WAIT(open);
        EXPECT_KIND(open, Kind::AuthenticationFailed);
        QCOMPARE(open->result->stage, Stage::Auth);
        QCOMPARE(open->result->code, 535);
        QCOMPARE(open->result->enhancedCode, QStringLiteral("5.7.8"));
        QCOMPARE(open->result->serverText,
                 QStringLiteral("Error: authentication failed: authentication failure"));
        EXPECT_SCRIPT_DONE();
    }

    void greetings_data()
    {
        QTest::addColumn<QByteArray>("script");
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<int>("code");
        QTest::newRow("421 busy") << QByteArray("S: 421 4.3.2 Service not available, closing\nCLOSE\n")
                                  << Kind::TemporaryFailure << 421;
        QTest::newRow("554 no service")
            << QByteArray("S: 554 5.7.1 No SMTP service here\n" + quit) << Kind::Rejected << 554;
        QTest::newRow("not 220") << QByteArray("S: 250 hello?\nCLOSE\n") << Kind::Protocol << 250;
        QTest::newRow("garbage") << QByteArray("S: * OK IMAP4rev1\nCLOSE\n") << Kind::Protocol << 0;
    }

    void greetings()
    {
        QFETCH(QByteArray, script);
        QFETCH(Kind, kind);
        QFETCH(int, code);
        ScriptServer server(FakeServer::Mode::Plain);
        server.setScript(script);
        QVERIFY(server.start());
        SmtpSession session;
        auto open = watchOpen(&session);
        session.open(settings(server.port(), Security::StartTls), mia());
        WAIT(open);
        EXPECT_KIND(open, kind);
        QCOMPARE(open->result->code, code);
        QCOMPARE(open->result->stage, Stage::Greeting);
        EXPECT_SCRIPT_DONE();
        QTRY_COMPARE(session.state(), SmtpSession::State::Closed);
    }

    void heloFallbackWithoutTls()
    {
        ScriptServer server(FakeServer::Mode::Plain);
        server.setScript(
            greeting + ehlo +
            "S: 502 5.5.2 Error: command not recognized\nC: HELO [127.0.0.1]\nS: 250 mx.example\n"
            "C: MAIL FROM:<mia@petrel.test>\nS: 250 ok\nC: RCPT TO:<ned@petrel.test>\nS: 250 ok\nC: DATA\nS: "
            "354 go\n" +
            body + "S: 250 queued\n" + quit);
        QVERIFY(server.start());
        SmtpSession session;
        session.open(settings(server.port(), Security::None), {}); // no credentials: a trusted relay
        // 8-bit content needs 8BITMIME, which a HELO server cannot offer: refused before sending.
        auto eightBit = watch(session.submit(
            message({QStringLiteral("ned@petrel.test")}, "Subject: caf\xc3\xa9\r\n\r\nx\r\n")));
        auto sent = watch(session.submit(message({QStringLiteral("ned@petrel.test")})));
        session.quit();
        WAIT(sent);
        EXPECT_KIND(eightBit, Kind::NotSupported);
        QCOMPARE(eightBit->result->stage, Stage::MailFrom);
        EXPECT_KIND(sent, Kind::Ok);
        QVERIFY(!session.capabilities().has(SmtpCapabilities::Size));
        EXPECT_SCRIPT_DONE();
    }

    void heloFallbackStillRequiresTls()
    {
        ScriptServer server(FakeServer::Mode::Plain);
        server.setScript(greeting + ehlo + "S: 500 unknown\nC: HELO [127.0.0.1]\nS: 250 mx.example\n" + quit);
        QVERIFY(server.start());
        SmtpSession session;
        auto open = watchOpen(&session);
        session.open(settings(server.port(), Security::StartTls), mia());
        WAIT(open);
        EXPECT_KIND(open, Kind::TlsRequired);
        EXPECT_SCRIPT_DONE();
    }

    void endlessContinuationsAreProtocolErrors()
    {
        ScriptServer server(FakeServer::Mode::Plain);
        server.setScript(greeting + ehlo);
        server.append(ScriptServer::Step::Kind::Send, QByteArray("250-more\r\n").repeated(1200));
        QVERIFY(server.start());
        SmtpSession session;
        auto open = watchOpen(&session);
        session.open(settings(server.port(), Security::StartTls), mia());
        WAIT(open);
        EXPECT_KIND(open, Kind::Protocol);
        QVERIFY(open->result->message.contains(QLatin1String("1000")));
        QCOMPARE(session.state(), SmtpSession::State::Closed);
    }

    void overlongLineIsProtocolError()
    {
        ScriptServer server(FakeServer::Mode::Plain);
        server.setScript("S: 220 " + QByteArray(100000, 'x') + "\n");
        QVERIFY(server.start());
        SmtpSession session;
        auto open = watchOpen(&session);
        session.open(settings(server.port(), Security::StartTls), mia());
        WAIT(open);
        EXPECT_KIND(open, Kind::Protocol);
    }

    void greetingTimeout()
    {
        FakeServer server(FakeServer::Mode::Silent);
        QVERIFY(server.start());
        SmtpSession session;
        auto open = watchOpen(&session);
        auto s = settings(server.port(), Security::StartTls);
        s.idleTimeoutMs = 300;
        session.open(s, mia());
        QTRY_VERIFY_WITH_TIMEOUT(open->result.has_value(), 10000);
        EXPECT_KIND(open, Kind::Timeout);
        QCOMPARE(open->result->stage, Stage::Greeting);
        QCOMPARE(open->result->transport.kind, ConnectionError::Kind::IdleTimeout);
    }

    void credentialsNeverLogged()
    {
        static QStringList log;
        log.clear();
        QLoggingCategory::setFilterRules(QStringLiteral("petrel.*.debug=true"));
        const auto previous = qInstallMessageHandler(
            [](QtMsgType, const QMessageLogContext &, const QString &message) { log.append(message); });
        const QString password = QStringLiteral("Zebra-Secret-42");
        const QByteArray token =
            QByteArray(QByteArray(1, '\0') + "mia" + QByteArray(1, '\0') + password.toUtf8()).toBase64();
        {
            ScriptServer server(FakeServer::Mode::ImplicitTls);
            setUpTls(server);
            server.setScript(greeting + ehloTls + "C: AUTH PLAIN " + token + "\nS: 235 ok\n" + quit);
            QVERIFY(server.start());
            SmtpSession session;
            auto open = watchOpen(&session);
            SmtpCredentials credentials = mia();
            credentials.password = password;
            session.open(settings(server.port(), Security::ImplicitTls), credentials);
            WAIT(open);
            session.quit();
            EXPECT_SCRIPT_DONE();
        }
        qInstallMessageHandler(previous);
        QLoggingCategory::setFilterRules(QString());
        const QString all = log.join(QLatin1Char('\n'));
        QVERIFY2(all.contains(QLatin1String("AUTH PLAIN ***")), qPrintable(all));
        QVERIFY(!all.contains(password));
        QVERIFY(!all.contains(QString::fromLatin1(token)));
    }
};

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    SmtpLoginReplayTest login;
    const int failures = QTest::qExec(&login, argc, argv);
    return failures + SmtpReplay::runSubmitTests(argc, argv);
}

#include "tst_smtp_session_replay.moc"
