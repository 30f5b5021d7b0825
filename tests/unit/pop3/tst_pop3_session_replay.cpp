// Pop3Session against scripted servers on 127.0.0.1: every byte the client sends is checked
// against a "C:/S:" script, including TLS after STLS with certificates made for this run.
#include "Pop3ScriptServer.h"
#include "TestCertificates.h"
#include "pop3/Pop3Session.h"

#include <QtTest>

#include <memory>

using namespace Petrel::Pop3;
using Petrel::Net::ConnectionError;
using Petrel::Net::ConnectionSettings;
using Petrel::Net::Security;
using Error = Pop3Result::Error;

namespace {

struct Outcome
{
    std::optional<Pop3Result> result;
};

std::shared_ptr<Outcome> watch(Pop3Job *job, QStringList *order = nullptr, const QString &name = {})
{
    auto outcome = std::make_shared<Outcome>();
    QObject::connect(job, &Pop3Job::finished, job, [outcome, order, name](const Pop3Result &result) {
        outcome->result = result;
        if (order)
            order->append(name);
    });
    return outcome;
}

const QByteArray greeting = "S: +OK POP3 ready\n";
const QByteArray capaPlain = "C: CAPA\nS: +OK\nS: USER\nS: UIDL\nS: TOP\nS: .\n";
const QByteArray userPass = "C: USER carol\nS: +OK\nC: PASS pw\nS: +OK logged in\n";
const QByteArray afterLogin = "C: CAPA\nS: +OK\nS: USER\nS: UIDL\nS: TOP\nS: .\n";
// base64("\0carol\0pw")
const QByteArray authPlain = "C: AUTH PLAIN AGNhcm9sAHB3\nS: +OK Logged in.\n";

} // namespace

#define WAIT(outcome) QTRY_VERIFY2_WITH_TIMEOUT((outcome)->result.has_value(), qPrintable(server.describe()), 10000)
#define EXPECT_ERROR(outcome, kind)                                                                                    \
    QVERIFY2((outcome)->result->error == (kind),                                                                       \
             qPrintable(Pop3Result::errorName((outcome)->result->error) + QStringLiteral(": ") + (outcome)->result->message))

class Pop3SessionReplayTest : public QObject
{
    Q_OBJECT

private:
    TestCertificates m_certificates;

    ConnectionSettings settings(quint16 port, Security security) const
    {
        ConnectionSettings s;
        s.host = QStringLiteral("127.0.0.1");
        s.port = port;
        s.security = security;
        s.tls.trustedCaFile = m_certificates.caFile();
        s.tls.useSystemCas = false;
        s.connectTimeoutMs = 10000;
        s.idleTimeoutMs = 10000;
        return s;
    }

    static Pop3Credentials carol(Pop3Credentials::Method method = Pop3Credentials::Method::Automatic)
    {
        return {QStringLiteral("carol"), QStringLiteral("pw"), method};
    }

    void setUpTls(Pop3ScriptServer &server)
    {
        server.setIdentity(m_certificates.good().certificate, m_certificates.good().key);
    }

    static bool sentCredentials(const QByteArray &received)
    {
        return received.contains("USER") || received.contains("PASS") || received.contains("AUTH") || received.contains("APOP");
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString error = m_certificates.generate();
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void userPassLoginWithoutTlsWhenExplicitlyNone()
    {
        Pop3ScriptServer server(FakeServer::Mode::Plain);
        server.setScript(greeting + capaPlain + userPass + afterLogin + "C: STAT\nS: +OK 2 320\nC: QUIT\nS: +OK bye\n");
        QVERIFY(server.start());
        Pop3Session session;
        QSignalSpy closed(&session, &Pop3Session::closed);
        auto open = watch(session.open(settings(server.port(), Security::None), carol()));
        auto stat = watch(session.stat()); // queued until logged in
        auto quit = watch(session.quit());
        WAIT(quit);
        QVERIFY2(open->result->isOk(), qPrintable(open->result->message));
        QVERIFY(stat->result->isOk());
        QCOMPARE(stat->result->stat.count, 2u);
        QCOMPARE(stat->result->stat.size, qint64(320));
        QVERIFY(quit->result->isOk());
        QVERIFY(!session.isEncrypted());
        QVERIFY(session.capabilities().has(Pop3Capabilities::Uidl));
        QTRY_COMPARE(closed.size(), 1);
        QCOMPARE(session.state(), Pop3Session::State::Closed);
        QVERIFY2(server.isDone() && server.error().isEmpty(), qPrintable(server.describe()));
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
        Pop3ScriptServer server(FakeServer::Mode::Plain);
        setUpTls(server);
        server.setDripping(drip);
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
        QVERIFY2(server.isDone() && server.error().isEmpty(), qPrintable(server.describe()));
    }

    void implicitTlsAuthPlain()
    {
        Pop3ScriptServer server(FakeServer::Mode::ImplicitTls);
        setUpTls(server);
        server.setScript(greeting + "C: CAPA\nS: +OK\nS: SASL PLAIN\nS: USER\nS: .\n" + authPlain + afterLogin);
        QVERIFY(server.start());
        Pop3Session session;
        auto open = watch(session.open(settings(server.port(), Security::ImplicitTls), carol()));
        WAIT(open);
        QVERIFY2(open->result->isOk(), qPrintable(open->result->message));
        QVERIFY(session.isEncrypted());
        QVERIFY2(server.isDone() && server.error().isEmpty(), qPrintable(server.describe()));
    }

    void authPlainLongResponseAfterEmptyChallenge()
    {
        // RFC 5034: an initial response that would make the line longer than 255 octets follows
        // the server's empty challenge instead.
        const QString password(300, QLatin1Char('p'));
        const QByteArray token = QByteArray(QByteArray(1, '\0') + "carol" + QByteArray(1, '\0') + password.toUtf8()).toBase64();
        Pop3ScriptServer server(FakeServer::Mode::ImplicitTls);
        setUpTls(server);
        server.setScript(greeting + "C: CAPA\nS: +OK\nS: SASL PLAIN\nS: .\nC: AUTH PLAIN\nS: + \nC: " + token +
                         "\nS: +OK\n" + afterLogin);
        QVERIFY(server.start());
        Pop3Session session;
        auto open = watch(session.open(settings(server.port(), Security::ImplicitTls),
                                       {QStringLiteral("carol"), password, Pop3Credentials::Method::Automatic}));
        WAIT(open);
        QVERIFY2(open->result->isOk(), qPrintable(open->result->message));
        QVERIFY2(server.isDone() && server.error().isEmpty(), qPrintable(server.describe()));
    }

    void authPlainUnexpectedChallengeIsCancelled()
    {
        Pop3ScriptServer server(FakeServer::Mode::ImplicitTls);
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
        Pop3ScriptServer server(FakeServer::Mode::ImplicitTls);
        setUpTls(server);
        server.setScript(greeting + capaPlain + "C: QUIT\nS: +OK\n");
        QVERIFY(server.start());
        Pop3Session session;
        auto open = watch(session.open(settings(server.port(), Security::ImplicitTls), carol(Pop3Credentials::Method::Plain)));
        WAIT(open);
        EXPECT_ERROR(open, Error::NotSupported);
        QVERIFY(!sentCredentials(server.received()));
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
        Pop3ScriptServer server(FakeServer::Mode::Plain);
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
        Pop3ScriptServer server(FakeServer::Mode::Plain);
        setUpTls(server);
        // The plaintext injection rides in the same packet as the STLS +OK.
        server.setScript(greeting + "C: CAPA\nS: +OK\nS: STLS\nS: .\nC: STLS\n");
        server.append(Pop3ScriptServer::Step::Kind::Send, "+OK Begin TLS\r\n+OK [injected] CAPA\r\n");
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
        Pop3ScriptServer server(FakeServer::Mode::Plain);
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
        QVERIFY2(server.isDone() && server.error().isEmpty(), qPrintable(server.describe()));
    }

    void greetingInUse()
    {
        Pop3ScriptServer server(FakeServer::Mode::Plain);
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
        Pop3ScriptServer server(FakeServer::Mode::Plain);
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
        Pop3ScriptServer server(FakeServer::Mode::Plain);
        server.setScript(greeting + capaPlain + "C: QUIT\nS: +OK\n");
        QVERIFY(server.start());
        Pop3Session session;
        auto open = watch(session.open(settings(server.port(), Security::None), carol(Pop3Credentials::Method::Apop)));
        WAIT(open);
        EXPECT_ERROR(open, Error::NotSupported);
        QVERIFY(!sentCredentials(server.received()));
    }

    void listingsAndRetrieve()
    {
        Pop3ScriptServer server(FakeServer::Mode::Plain);
        server.setScript(greeting + capaPlain + userPass + afterLogin +
                         "C: LIST\nS: +OK 2 messages\nS: 1 120\nS: 2 5000000000\nS: .\n"
                         "C: UIDL\nS: +OK\nS: 1 aaa\nS: 2 bbb\nS: .\n"
                         "C: RETR 1\nS: +OK\nS: Subject: x\nS: \nS: ..dot\nS: .\n"
                         "C: TOP 2 0\nS: +OK\nS: Subject: y\nS: \nS: .\n"
                         "C: RETR 9\nS: -ERR no such message\n"
                         "C: NOOP\nS: +OK\n");
        QVERIFY(server.start());
        Pop3Session session;
        auto open = watch(session.open(settings(server.port(), Security::None), carol()));
        auto list = watch(session.list());
        auto uidl = watch(session.uidl());
        auto retr = watch(session.retrieve(1));
        auto top = watch(session.top(2, 0));
        auto missing = watch(session.retrieve(9));
        auto noop = watch(session.noop());
        WAIT(noop);
        QVERIFY(list->result->isOk());
        QCOMPARE(list->result->listings.size(), 2);
        QCOMPARE(list->result->listings.at(1).size, qint64(5000000000LL));
        QCOMPARE(uidl->result->uniqueIds.at(1).uid, QByteArray("bbb"));
        QCOMPARE(retr->result->data, QByteArray("Subject: x\r\n\r\n.dot\r\n"));
        QCOMPARE(top->result->data, QByteArray("Subject: y\r\n\r\n"));
        EXPECT_ERROR(missing, Error::Rejected); // -ERR keeps the connection:
        QCOMPARE(missing->result->serverText, QByteArray("no such message"));
        QVERIFY(noop->result->isOk());
        QCOMPARE(session.state(), Pop3Session::State::Transaction);
        QVERIFY2(server.isDone() && server.error().isEmpty(), qPrintable(server.describe()));
    }

    void lyingListSize_data()
    {
        QTest::addColumn<int>("bodyLines");
        QTest::addColumn<bool>("ok");
        QTest::newRow("bigger than announced, under the limit") << 20 << true;
        QTest::newRow("bigger than the limit") << 200 << false;
    }

    void lyingListSize()
    {
        QFETCH(int, bodyLines);
        QFETCH(bool, ok);
        QByteArray body;
        for (int i = 0; i < bodyLines; ++i)
            body += "S: " + QByteArray(48, char('a' + i % 26)) + "\n"; // 50 bytes with CRLF
        Pop3ScriptServer server(FakeServer::Mode::Plain);
        server.setScript(greeting + capaPlain + userPass + afterLogin + "C: LIST 1\nS: +OK 1 10\nC: RETR 1\nS: +OK\n" + body +
                         "S: .\n" + (ok ? "C: NOOP\nS: +OK\n" : ""));
        QVERIFY(server.start());
        Pop3Session session;
        auto open = watch(session.open(settings(server.port(), Security::None), carol()));
        auto list = watch(session.list(1));
        auto retr = watch(session.retrieve(1, 5000));
        auto noop = watch(session.noop());
        WAIT(noop);
        QCOMPARE(list->result->listings.first().size, qint64(10));
        if (ok) {
            QVERIFY(retr->result->isOk());
            QCOMPARE(retr->result->data.size(), qsizetype(bodyLines * 50));
            QVERIFY(noop->result->isOk());
            return;
        }
        EXPECT_ERROR(retr, Error::Protocol);
        QVERIFY(retr->result->data.isEmpty());
        EXPECT_ERROR(noop, Error::Protocol); // the connection is gone, and queued work with it
        QCOMPARE(session.state(), Pop3Session::State::Closed);
    }

    void missingFinalDotThenClose()
    {
        Pop3ScriptServer server(FakeServer::Mode::Plain);
        server.setScript(greeting + capaPlain + userPass + afterLogin + "C: RETR 1\nS: +OK\nS: Subject: cut\nS: \nCLOSE\n");
        QVERIFY(server.start());
        Pop3Session session;
        auto open = watch(session.open(settings(server.port(), Security::None), carol()));
        auto retr = watch(session.retrieve(1));
        WAIT(retr);
        EXPECT_ERROR(retr, Error::Transport);
        QVERIFY(retr->result->connectionError);
        QCOMPARE(retr->result->connectionError->kind, ConnectionError::Kind::RemoteClosed);
        QVERIFY(retr->result->message.contains(QLatin1String("middle of a reply")));
        QVERIFY(retr->result->data.isEmpty());
        QCOMPARE(session.state(), Pop3Session::State::Closed);
    }

    void statusLineTooLong()
    {
        Pop3ScriptServer server(FakeServer::Mode::Plain);
        server.setScript(greeting + capaPlain + userPass + afterLogin + "C: NOOP\nS: +OK " + QByteArray(9000, 'x') + "\n");
        QVERIFY(server.start());
        Pop3Session session;
        auto open = watch(session.open(settings(server.port(), Security::None), carol()));
        auto noop = watch(session.noop());
        auto stat = watch(session.stat());
        WAIT(stat);
        EXPECT_ERROR(noop, Error::Protocol);
        QVERIFY(noop->result->message.contains(QLatin1String("longer than")));
        EXPECT_ERROR(stat, Error::Protocol);
    }

    void garbageUidlIsProtocolError()
    {
        Pop3ScriptServer server(FakeServer::Mode::Plain);
        server.setScript(greeting + capaPlain + userPass + afterLogin + "C: UIDL\nS: +OK\nS: 1 has space\nS: .\n");
        QVERIFY(server.start());
        Pop3Session session;
        auto open = watch(session.open(settings(server.port(), Security::None), carol()));
        auto uidl = watch(session.uidl());
        WAIT(uidl);
        EXPECT_ERROR(uidl, Error::Protocol);
        QCOMPARE(session.state(), Pop3Session::State::Closed);
    }

    void pipelinedInOrder()
    {
        Pop3ScriptServer server(FakeServer::Mode::Plain);
        // All five commands must arrive before the server answers any of them.
        server.setScript(greeting + capaPlain + userPass +
                         "C: CAPA\nS: +OK\nS: UIDL\nS: PIPELINING\nS: .\n"
                         "C: RETR 1\nC: DELE 1\nC: RETR 2\nC: DELE 2\nC: QUIT\n"
                         "S: +OK\nS: one\nS: .\nS: +OK deleted 1\nS: +OK\nS: .two\nS: .\nS: +OK deleted 2\nS: +OK bye\n");
        QVERIFY(server.start());
        Pop3Session session;
        QStringList order;
        auto open = watch(session.open(settings(server.port(), Security::None), carol()));
        WAIT(open);
        QVERIFY(session.isPipelining());
        auto retr1 = watch(session.retrieve(1), &order, QStringLiteral("retr1"));
        auto dele1 = watch(session.deleteMessage(1), &order, QStringLiteral("dele1"));
        auto retr2 = watch(session.retrieve(2), &order, QStringLiteral("retr2"));
        auto dele2 = watch(session.deleteMessage(2), &order, QStringLiteral("dele2"));
        auto quit = watch(session.quit(), &order, QStringLiteral("quit"));
        WAIT(quit);
        QCOMPARE(order, QStringList({QStringLiteral("retr1"), QStringLiteral("dele1"), QStringLiteral("retr2"),
                                     QStringLiteral("dele2"), QStringLiteral("quit")}));
        QCOMPARE(retr1->result->data, QByteArray("one\r\n"));
        QCOMPARE(dele1->result->serverText, QByteArray("deleted 1"));
        QCOMPARE(retr2->result->data, QByteArray("two\r\n"));
        QVERIFY(dele2->result->isOk() && quit->result->isOk());
        QVERIFY2(server.isDone() && server.error().isEmpty(), qPrintable(server.describe()));
    }

    void withoutPipeliningOneAtATime()
    {
        Pop3ScriptServer server(FakeServer::Mode::Plain);
        // The script server fails if a command arrives before the previous reply.
        server.setScript(greeting + capaPlain + userPass + afterLogin +
                         "C: RETR 1\nS: +OK\nS: one\nS: .\nC: DELE 1\nS: +OK\nC: QUIT\nS: +OK\n");
        QVERIFY(server.start());
        Pop3Session session;
        auto open = watch(session.open(settings(server.port(), Security::None), carol()));
        auto retr = watch(session.retrieve(1));
        auto dele = watch(session.deleteMessage(1));
        auto quit = watch(session.quit());
        WAIT(quit);
        QVERIFY(!session.isPipelining());
        QVERIFY(retr->result->isOk() && dele->result->isOk() && quit->result->isOk());
        QVERIFY2(server.isDone() && server.error().isEmpty(), qPrintable(server.describe()));
    }

    void notSupportedAndInvalidState()
    {
        Pop3ScriptServer server(FakeServer::Mode::Plain);
        server.setScript(greeting + "C: CAPA\nS: +OK\nS: USER\nS: .\n" + userPass + "C: CAPA\nS: +OK\nS: USER\nS: .\n"
                         "C: QUIT\nS: +OK\n");
        QVERIFY(server.start());
        Pop3Session session;
        auto early = watch(session.stat());
        WAIT(early);
        EXPECT_ERROR(early, Error::InvalidState); // not open yet
        auto open = watch(session.open(settings(server.port(), Security::None), carol()));
        WAIT(open);
        auto uidl = watch(session.uidl());
        auto top = watch(session.top(1, 0));
        auto badNumber = watch(session.retrieve(0));
        auto quit = watch(session.quit());
        auto late = watch(session.noop());
        WAIT(quit);
        EXPECT_ERROR(uidl, Error::NotSupported);
        EXPECT_ERROR(top, Error::NotSupported);
        EXPECT_ERROR(badNumber, Error::InvalidState);
        WAIT(late);
        EXPECT_ERROR(late, Error::InvalidState); // after QUIT
        QVERIFY2(server.isDone() && server.error().isEmpty(), qPrintable(server.describe()));
    }

    void cancelQueuedAndInFlight()
    {
        Pop3ScriptServer server(FakeServer::Mode::Plain);
        server.setScript(greeting + capaPlain + userPass + afterLogin + "C: RETR 1\n");
        QVERIFY(server.start());
        Pop3Session session;
        auto open = watch(session.open(settings(server.port(), Security::None), carol()));
        Pop3Job *statJob = session.stat();
        auto stat = watch(statJob);
        statJob->cancel(); // not sent yet: nothing reaches the wire
        Pop3Job *retrJob = session.retrieve(1);
        auto retr = watch(retrJob);
        auto noop = watch(session.noop());
        QTRY_VERIFY2_WITH_TIMEOUT(server.isDone(), qPrintable(server.describe()), 10000);
        retrJob->cancel(); // in flight: the connection goes
        WAIT(noop);
        EXPECT_ERROR(stat, Error::Cancelled);
        EXPECT_ERROR(retr, Error::Cancelled);
        EXPECT_ERROR(noop, Error::Cancelled);
        QVERIFY(!server.received().contains("STAT"));
        QCOMPARE(session.state(), Pop3Session::State::Closed);
    }

    void idleTimeout()
    {
        Pop3ScriptServer server(FakeServer::Mode::Plain);
        server.setScript(greeting + capaPlain + userPass + afterLogin + "C: NOOP\n");
        QVERIFY(server.start());
        Pop3Session session;
        auto s = settings(server.port(), Security::None);
        s.idleTimeoutMs = 300;
        auto open = watch(session.open(s, carol()));
        auto noop = watch(session.noop());
        WAIT(noop);
        EXPECT_ERROR(noop, Error::Timeout);
        QVERIFY(noop->result->connectionError);
    }
};

QTEST_GUILESS_MAIN(Pop3SessionReplayTest)
#include "tst_pop3_session_replay.moc"
