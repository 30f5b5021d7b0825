// SmtpSession submissions against scripted servers: recipients refused, SIZE, DATA refusals,
// where a failure happened (before or after the final dot), RSET between messages, timeouts.
#include "SmtpReplay.h"
#include "TestCertificates.h"

using namespace Petrel::Smtp;
using namespace SmtpReplay;
using Petrel::Net::ConnectionError;
using Petrel::Net::ConnectionSettings;
using Petrel::Net::Security;
using Kind = SmtpResult::Kind;
using Stage = SmtpResult::Stage;

namespace {

// Implicit TLS, no STARTTLS round: the submission tests start right after AUTH.
const QByteArray ready = greeting + ehloTls + authPlain;
const QByteArray mail = "C: MAIL FROM:<mia@petrel.test> SIZE=22\n";

} // namespace

class SmtpSubmitReplayTest : public QObject
{
    Q_OBJECT

private:
    TestCertificates m_certificates;

    // A session logged in over implicit TLS to a server playing ready + script.
    bool begin(ScriptServer &server, SmtpSession &session, const QByteArray &script,
               int idleTimeoutMs = 10000)
    {
        server.setIdentity(m_certificates.good().certificate, m_certificates.good().key);
        server.setScript(ready + script);
        if (!server.start())
            return false;
        ConnectionSettings s = settings(server.port(), Security::ImplicitTls, m_certificates.caFile());
        s.idleTimeoutMs = idleTimeoutMs;
        session.open(s, mia());
        return true;
    }

    static QStringList three()
    {
        return {QStringLiteral("a@petrel.test"), QStringLiteral("b@petrel.test"),
                QStringLiteral("c@petrel.test")};
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString error = m_certificates.generate();
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void oneOfThreeRecipientsRefused()
    {
        ScriptServer server(FakeServer::Mode::ImplicitTls);
        SmtpSession session;
        QVERIFY(begin(server, session,
                      mail +
                          "C: RCPT TO:<a@petrel.test>\nC: RCPT TO:<b@petrel.test>\nC: RCPT "
                          "TO:<c@petrel.test>\nC: DATA\n"
                          "S: 250 2.1.0 Ok\nS: 250 2.1.5 Ok\nS: 550 5.1.1 <b@petrel.test>: Recipient address "
                          "rejected: User unknown\n"
                          "S: 250 2.1.5 Ok\nS: 354 go\n" +
                          body + "S: 250 2.0.0 Ok: queued\n" + quit));
        auto sent = watch(session.submit(message(three())));
        session.quit();
        WAIT(sent);
        EXPECT_KIND(sent, Kind::Ok);
        const auto &r = sent->result->recipients;
        QCOMPARE(r.size(), 3);
        QVERIFY(r.at(0).accepted && !r.at(1).accepted && r.at(2).accepted);
        QCOMPARE(r.at(1).address, QStringLiteral("b@petrel.test"));
        QCOMPARE(r.at(1).code, 550);
        QCOMPARE(r.at(1).enhancedCode, QStringLiteral("5.1.1"));
        QCOMPARE(r.at(1).serverText,
                 QStringLiteral("<b@petrel.test>: Recipient address rejected: User unknown"));
        QCOMPARE(r.at(0).code, 250);
        EXPECT_SCRIPT_DONE();
    }

    void allRecipientsRefusedNoData()
    {
        // Without PIPELINING, DATA is never sent once every RCPT was refused.
        ScriptServer server(FakeServer::Mode::ImplicitTls);
        server.setIdentity(m_certificates.good().certificate, m_certificates.good().key);
        server.setScript(
            greeting + ehlo + "S: 250-mx\nS: 250 AUTH PLAIN\n" + authPlain +
            "C: MAIL FROM:<mia@petrel.test>\nS: 250 ok\nC: RCPT TO:<a@petrel.test>\nS: 550 no a\n"
            "C: RCPT TO:<b@petrel.test>\nS: 551 no b\nC: RCPT TO:<c@petrel.test>\nS: 550 no c\n" +
            quit);
        QVERIFY(server.start());
        SmtpSession session;
        session.open(settings(server.port(), Security::ImplicitTls, m_certificates.caFile()), mia());
        auto sent = watch(session.submit(message(three())));
        session.quit();
        WAIT(sent);
        EXPECT_KIND(sent, Kind::Rejected);
        QCOMPARE(sent->result->stage, Stage::RcptTo);
        QCOMPARE(sent->result->code, 550);
        QCOMPARE(sent->result->serverText, QStringLiteral("no a"));
        QVERIFY(sent->result->isSafeToRetry());
        QCOMPARE(sent->result->recipients.at(1).code, 551);
        EXPECT_SCRIPT_DONE();
        QVERIFY(!server.received().contains("DATA"));
    }

    void allRecipientsRefusedPipelined()
    {
        // With PIPELINING, DATA went along; the server answers it 554 and nothing more is sent.
        ScriptServer server(FakeServer::Mode::ImplicitTls);
        SmtpSession session;
        QVERIFY(begin(server, session,
                      mail +
                          "C: RCPT TO:<a@petrel.test>\nC: DATA\nS: 250 2.1.0 Ok\nS: 450 4.2.0 "
                          "<a@petrel.test>: greylisted\n"
                          "S: 554 5.5.1 Error: no valid recipients\n" +
                          quit));
        auto sent = watch(session.submit(message({QStringLiteral("a@petrel.test")})));
        session.quit();
        WAIT(sent);
        EXPECT_KIND(sent, Kind::TemporaryFailure); // the only refusal was temporary
        QCOMPARE(sent->result->stage, Stage::RcptTo);
        QCOMPARE(sent->result->code, 450);
        QCOMPARE(sent->result->enhancedCode, QStringLiteral("4.2.0"));
        QVERIFY(!sent->result->deliveryUnknown);
        EXPECT_SCRIPT_DONE();
    }

    void dataAcceptedWithoutRecipientsSendsNoBody()
    {
        // A non-conforming server answers the pipelined DATA with 354 although every RCPT was
        // refused: no byte of the body may follow, so the connection is dropped.
        ScriptServer server(FakeServer::Mode::ImplicitTls);
        SmtpSession session;
        QVERIFY(begin(
            server, session,
            mail +
                "C: RCPT TO:<a@petrel.test>\nC: DATA\nS: 250 ok\nS: 550 5.1.1 unknown\nS: 354 go ahead\n"));
        auto sent = watch(session.submit(message({QStringLiteral("a@petrel.test")})));
        WAIT(sent);
        EXPECT_KIND(sent, Kind::Rejected);
        QCOMPARE(sent->result->stage, Stage::RcptTo);
        QVERIFY(!sent->result->deliveryUnknown);
        QTRY_COMPARE(session.state(), SmtpSession::State::Closed);
        QVERIFY(!server.received().contains("Subject"));
        EXPECT_SCRIPT_DONE();
    }

    void allOrNothingSendsNoDataWhenOneIsRefused()
    {
        ScriptServer server(FakeServer::Mode::ImplicitTls);
        SmtpSession session;
        QVERIFY(
            begin(server, session,
                  mail +
                      "C: RCPT TO:<a@petrel.test>\nC: RCPT TO:<b@petrel.test>\nC: RCPT TO:<c@petrel.test>\n"
                      "S: 250 2.1.0 Ok\nS: 250 Ok\nS: 250 Ok\nS: 550 5.1.1 unknown\n" +
                      quit));
        SmtpMessage m = message(three());
        m.allOrNothing = true;
        auto sent = watch(session.submit(m));
        session.quit();
        WAIT(sent);
        EXPECT_KIND(sent, Kind::Rejected);
        QCOMPARE(sent->result->stage, Stage::RcptTo);
        QCOMPARE(sent->result->enhancedCode, QStringLiteral("5.1.1"));
        EXPECT_SCRIPT_DONE();
        QVERIFY(!server.received().contains("DATA"));
    }

    void sizeExceededBeforeMailFrom()
    {
        ScriptServer server(FakeServer::Mode::ImplicitTls);
        server.setIdentity(m_certificates.good().certificate, m_certificates.good().key);
        server.setScript(greeting + ehlo + "S: 250-mx\nS: 250-SIZE 100\nS: 250 AUTH PLAIN\n" + authPlain +
                         "C: MAIL FROM:<mia@petrel.test> SIZE=22\nS: 250 ok\nC: RCPT "
                         "TO:<ned@petrel.test>\nS: 250 ok\nC: DATA\nS: 354 go\n" +
                         body + "S: 250 ok\n" + quit);
        QVERIFY(server.start());
        SmtpSession session;
        session.open(settings(server.port(), Security::ImplicitTls, m_certificates.caFile()), mia());
        auto big = watch(session.submit(message({QStringLiteral("ned@petrel.test")}, QByteArray(200, 'x'))));
        auto small = watch(session.submit(message({QStringLiteral("ned@petrel.test")})));
        session.quit();
        WAIT(small);
        EXPECT_KIND(big, Kind::SizeExceeded);
        QCOMPARE(big->result->stage, Stage::MailFrom);
        QVERIFY(big->result->message.contains(QLatin1String("100")));
        EXPECT_KIND(small, Kind::Ok); // the connection went on, and no RSET was needed
        EXPECT_SCRIPT_DONE();
    }

    void smtpUtf8NeededButMissing()
    {
        ScriptServer server(FakeServer::Mode::ImplicitTls);
        server.setIdentity(m_certificates.good().certificate, m_certificates.good().key);
        server.setScript(greeting + ehlo + "S: 250-mx\nS: 250-8BITMIME\nS: 250 AUTH PLAIN\n" + authPlain +
                         quit);
        QVERIFY(server.start());
        SmtpSession session;
        session.open(settings(server.port(), Security::ImplicitTls, m_certificates.caFile()), mia());
        auto sent = watch(session.submit(message({QStringLiteral("j\u00f6rg@b\u00fccher.example")})));
        auto bad = watch(session.submit(message({QStringLiteral("x@y>\r\nRCPT TO:<victim@z")})));
        session.quit();
        WAIT(bad);
        EXPECT_KIND(sent, Kind::NotSupported);
        QVERIFY(sent->result->message.contains(QLatin1String("SMTPUTF8")));
        EXPECT_KIND(bad, Kind::InvalidState);
        EXPECT_SCRIPT_DONE();
    }

    void eightBitAndUtf8Parameters()
    {
        ScriptServer server(FakeServer::Mode::ImplicitTls);
        SmtpSession session;
        QVERIFY(begin(server, session,
                      "C: MAIL FROM:<mia@petrel.test> SIZE=13 BODY=8BITMIME SMTPUTF8\nC: RCPT "
                      "TO:<j\xc3\xb6rg@petrel.test>\nC: DATA\n"
                      "S: 250 ok\nS: 250 ok\nS: 354 go\nC: S: \xc3\xa9\nC: \nC: ..\xff\nC: .\nS: 250 ok\n" +
                          quit));
        auto sent =
            watch(session.submit(message({QStringLiteral("j\u00f6rg@petrel.test")}, "S: \xc3\xa9\n\n.\xff")));
        session.quit();
        WAIT(sent);
        EXPECT_KIND(sent, Kind::Ok);
        EXPECT_SCRIPT_DONE();
    }

    void temporaryFailureAtData()
    {
        ScriptServer server(FakeServer::Mode::ImplicitTls);
        SmtpSession session;
        QVERIFY(begin(server, session,
                      mail +
                          "C: RCPT TO:<ned@petrel.test>\nC: DATA\nS: 250 ok\nS: 250 ok\nS: 451 4.3.0 Error: "
                          "queue file write error\n" +
                          quit));
        auto sent = watch(session.submit(message({QStringLiteral("ned@petrel.test")})));
        session.quit();
        WAIT(sent);
        EXPECT_KIND(sent, Kind::TemporaryFailure);
        QCOMPARE(sent->result->stage, Stage::Data);
        QCOMPARE(sent->result->enhancedCode, QStringLiteral("4.3.0"));
        QVERIFY(!sent->result->deliveryUnknown);
        QVERIFY(sent->result->isSafeToRetry());
        EXPECT_SCRIPT_DONE();
    }

    void finalReplyRefusals_data()
    {
        QTest::addColumn<QByteArray>("reply");
        QTest::addColumn<Kind>("kind");
        QTest::newRow("5xx") << QByteArray("554 5.7.1 spam") << Kind::Rejected;
        QTest::newRow("4xx") << QByteArray("452 4.3.1 Insufficient system storage") << Kind::TemporaryFailure;
    }

    void finalReplyRefusals()
    {
        QFETCH(QByteArray, reply);
        QFETCH(Kind, kind);
        ScriptServer server(FakeServer::Mode::ImplicitTls);
        SmtpSession session;
        QVERIFY(begin(server, session,
                      mail + "C: RCPT TO:<ned@petrel.test>\nC: DATA\nS: 250 ok\nS: 250 ok\nS: 354 go\n" +
                          body + "S: " + reply + "\n" + quit));
        auto sent = watch(session.submit(message({QStringLiteral("ned@petrel.test")})));
        session.quit();
        WAIT(sent);
        EXPECT_KIND(sent, kind);
        QCOMPARE(sent->result->stage, Stage::FinalReply);
        QVERIFY(!sent->result->deliveryUnknown); // the server answered: it did not take the message
        EXPECT_SCRIPT_DONE();
    }

    void connectionCutAfterFinalDotIsUnknown()
    {
        ScriptServer server(FakeServer::Mode::ImplicitTls);
        SmtpSession session;
        QVERIFY(begin(server, session,
                      mail + "C: RCPT TO:<ned@petrel.test>\nC: DATA\nS: 250 ok\nS: 250 ok\nS: 354 go\n" +
                          body + mail + "C: RCPT TO:<ned@petrel.test>\nC: DATA\nCLOSE\n"));
        auto sent = watch(session.submit(message({QStringLiteral("ned@petrel.test")})));
        auto next = watch(session.submit(message({QStringLiteral("ned@petrel.test")})));
        WAIT(next);
        EXPECT_KIND(sent, Kind::Transport);
        QCOMPARE(sent->result->stage, Stage::FinalReply);
        QVERIFY(sent->result->deliveryUnknown);
        QVERIFY(!sent->result->isSafeToRetry());
        QCOMPARE(sent->result->transport.kind, ConnectionError::Kind::RemoteClosed);
        // The one behind it (its commands pipelined after the body) never started: not delivered.
        EXPECT_KIND(next, Kind::Transport);
        QVERIFY(!next->result->deliveryUnknown);
        QCOMPARE(session.state(), SmtpSession::State::Closed);
        EXPECT_SCRIPT_DONE();
    }

    void finalReplyTimeoutIsUnknown()
    {
        ScriptServer server(FakeServer::Mode::ImplicitTls);
        SmtpSession session;
        QVERIFY(begin(
            server, session,
            mail + "C: RCPT TO:<ned@petrel.test>\nC: DATA\nS: 250 ok\nS: 250 ok\nS: 354 go\n" + body, 1500));
        auto sent = watch(session.submit(message({QStringLiteral("ned@petrel.test")})));
        WAIT(sent);
        EXPECT_KIND(sent, Kind::Timeout);
        QCOMPARE(sent->result->stage, Stage::FinalReply);
        QVERIFY(sent->result->deliveryUnknown);
        QCOMPARE(sent->result->transport.kind, ConnectionError::Kind::IdleTimeout);
    }

    void timeoutBeforeDataIsSafe()
    {
        ScriptServer server(FakeServer::Mode::ImplicitTls);
        SmtpSession session;
        QVERIFY(begin(server, session, mail + "C: RCPT TO:<ned@petrel.test>\nC: DATA\nS: 250 ok\n", 1500));
        auto sent = watch(session.submit(message({QStringLiteral("ned@petrel.test")})));
        WAIT(sent);
        EXPECT_KIND(sent, Kind::Timeout);
        QCOMPARE(sent->result->stage, Stage::RcptTo);
        QVERIFY(!sent->result->deliveryUnknown);
    }

    void cancelUnderWayBeforeTheDotIsSafe()
    {
        ScriptServer server(FakeServer::Mode::ImplicitTls);
        SmtpSession session;
        QVERIFY(begin(server, session, mail + "C: RCPT TO:<ned@petrel.test>\nC: DATA\nS: 250 ok\n"));
        SmtpSubmission *submission = session.submit(message({QStringLiteral("ned@petrel.test")}));
        auto sent = watch(submission);
        QTRY_VERIFY2(server.isDone(), qPrintable(server.describe()));
        QTRY_COMPARE(session.state(), SmtpSession::State::Busy);
        submission->cancel();
        WAIT(sent);
        EXPECT_KIND(sent, Kind::Cancelled);
        QVERIFY(!sent->result->deliveryUnknown);
        QVERIFY(sent->result->isSafeToRetry());
        QCOMPARE(session.state(), SmtpSession::State::Closed);
    }

    void pipelinedNextMessageWithItsRecipientRefused()
    {
        ScriptServer server(FakeServer::Mode::ImplicitTls);
        SmtpSession session;
        const QByteArray commands = mail + "C: RCPT TO:<ned@petrel.test>\nC: DATA\n";
        // The second group went out after the first body; its RCPT is refused and so is its DATA
        // (Postfix: "no valid recipients"): it ends there, nothing of its body is sent.
        QVERIFY(begin(server, session,
                      commands + "S: 250 ok\nS: 250 ok\nS: 354 go\n" + body + commands + "S: 250 ok\n" +
                          "S: 250 ok\nS: 550 5.1.1 <ned@petrel.test>: Recipient address rejected\n" +
                          "S: 554 5.5.1 Error: no valid recipients\n" + quit));
        auto first = watch(session.submit(message({QStringLiteral("ned@petrel.test")})));
        auto second = watch(session.submit(message({QStringLiteral("ned@petrel.test")})));
        session.quit();
        WAIT(second);
        EXPECT_KIND(first, Kind::Ok);
        EXPECT_KIND(second, Kind::Rejected);
        QCOMPARE(second->result->stage, Stage::RcptTo);
        QVERIFY(!second->result->deliveryUnknown);
        QCOMPARE(second->result->recipients.size(), 1);
        QCOMPARE(second->result->recipients.first().code, 550);
        EXPECT_SCRIPT_DONE();
        QCOMPARE(server.received().count("Hello"), 1);
    }

    void nextMessagePipelinedAfterTheBody()
    {
        ScriptServer server(FakeServer::Mode::ImplicitTls);
        SmtpSession session;
        const QByteArray commands = mail + "C: RCPT TO:<ned@petrel.test>\nC: DATA\n";
        const QByteArray envelope = "S: 250 ok\nS: 250 ok\nS: 354 go\n";
        // RFC 2920: the second group follows the first body's final "." (which ends the
        // transaction: no RSET) before its 250 is read.
        QVERIFY(begin(server, session,
                      commands + envelope + body + commands + "S: 250 ok\n" + envelope + body + "S: 250 ok\n" + quit));
        auto first = watch(session.submit(message({QStringLiteral("ned@petrel.test")})));
        auto second = watch(session.submit(message({QStringLiteral("ned@petrel.test")})));
        session.quit();
        WAIT(second);
        EXPECT_KIND(first, Kind::Ok);
        EXPECT_KIND(second, Kind::Ok);
        EXPECT_SCRIPT_DONE();
    }

    void cancelQueuedSendsNothing()
    {
        ScriptServer server(FakeServer::Mode::ImplicitTls);
        SmtpSession session;
        QVERIFY(begin(server, session, quit));
        SmtpSubmission *submission = session.submit(message({QStringLiteral("ned@petrel.test")}));
        auto sent = watch(submission);
        submission->cancel();
        session.quit();
        WAIT(sent);
        EXPECT_KIND(sent, Kind::Cancelled);
        EXPECT_SCRIPT_DONE();
        QVERIFY(!server.received().contains("MAIL"));
        auto late = watch(session.submit(message({QStringLiteral("ned@petrel.test")})));
        WAIT(late);
        EXPECT_KIND(late, Kind::InvalidState);
    }

    void replyNobodyAskedForClosesTheSession()
    {
        ScriptServer server(FakeServer::Mode::ImplicitTls);
        SmtpSession session;
        QSignalSpy closed(&session, &SmtpSession::closed);
        QVERIFY(begin(server, session, "S: 250 surprise\n"));
        QTRY_COMPARE_WITH_TIMEOUT(closed.size(), 1, 10000);
        QCOMPARE(session.state(), SmtpSession::State::Closed);
        auto late = watch(session.submit(message({QStringLiteral("ned@petrel.test")})));
        WAIT(late);
        EXPECT_KIND(late, Kind::InvalidState);
    }
};

int SmtpReplay::runSubmitTests(int argc, char **argv)
{
    SmtpSubmitReplayTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "SmtpSubmitReplayTest.moc"
