// SmtpSession against the real Postfix of the test fixture: mia submits, ned (and the sink, for
// outside addresses) receive; delivery is checked with doveadm in a bounded poll, and 8-bit
// content is compared byte for byte with what Dovecot stored.
#include "TestServers.h"
#include "smtp/SmtpSession.h"

#include <QUuid>
#include <QtTest>

#include <memory>

using namespace Petrel::Smtp;
using Petrel::Net::ConnectionSettings;
using Petrel::Net::Security;
using Petrel::Test::TestServers;
using Petrel::Test::TestUser;
using Kind = SmtpResult::Kind;
using Stage = SmtpResult::Stage;

namespace {

struct Outcome
{
    std::optional<SmtpResult> result;
};

std::shared_ptr<Outcome> watch(SmtpSubmission *submission)
{
    auto outcome = std::make_shared<Outcome>();
    QObject::connect(submission, &SmtpSubmission::finished, submission,
                     [outcome](const SmtpResult &r) { outcome->result = r; });
    return outcome;
}

std::shared_ptr<Outcome> watchOpen(SmtpSession *session)
{
    auto outcome = std::make_shared<Outcome>();
    QObject::connect(session, &SmtpSession::opened, session,
                     [outcome](const SmtpResult &r) { outcome->result = r; });
    return outcome;
}

QByteArray lf(QByteArray bytes)
{
    return bytes.replace("\r\n", "\n");
}

} // namespace

#define WAIT(outcome) QTRY_VERIFY_WITH_TIMEOUT((outcome)->result.has_value(), 30000)
#define EXPECT_KIND(outcome, expected)                                                                       \
    do {                                                                                                     \
        WAIT(outcome);                                                                                       \
        QVERIFY2((outcome)->result->kind == (expected),                                                      \
                 qPrintable(SmtpResult::kindName((outcome)->result->kind) + QStringLiteral(" at ") +         \
                            SmtpResult::stageName((outcome)->result->stage) + QStringLiteral(": ") +         \
                            (outcome)->result->message));                                                    \
    } while (false)

class SmtpPostfixTest : public QObject
{
    Q_OBJECT

private:
    TestServers m_servers;
    TestUser m_mia;
    TestUser m_ned;

    ConnectionSettings settings(quint16 port, Security security) const
    {
        return m_servers.connectionSettings(port, security);
    }

    SmtpCredentials mia() const
    {
        SmtpCredentials c;
        c.user = m_mia.login;
        c.password = m_mia.password;
        return c;
    }

    static QByteArray newMessageId()
    {
        return "<" + QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1() + "@petrel.test>";
    }

    SmtpMessage message(const QByteArray &id, const QStringList &to, const QByteArray &subject = "SMTP test",
                        const QByteArray &body = "Hello from Petrel.\n") const
    {
        SmtpMessage m;
        m.sender = m_mia.login;
        m.recipients = to;
        m.data = "From: Mia <" + m_mia.login.toUtf8() + ">\nTo: " + to.join(QStringLiteral(", ")).toUtf8() +
                 "\nSubject: " + subject + "\nMessage-ID: " + id +
                 "\nDate: Sun, 22 Nov 2026 04:00:00 +0000\n"
                 "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: "
                 "8bit\n\n" +
                 body;
        return m;
    }

    // Polls doveadm until the message with this Message-ID is in login's INBOX (bounded).
    bool delivered(const QString &login, const QByteArray &id, int timeoutMs = 30000) const
    {
        return m_servers.waitForMessage(
            login, QStringLiteral("INBOX"),
            {QStringLiteral("HEADER"), QStringLiteral("Message-ID"), QString::fromLatin1(id)}, timeoutMs);
    }

    QByteArray fetchText(const QString &login, const QByteArray &id) const
    {
        const auto r =
            m_servers.doveadm({QStringLiteral("fetch"), QStringLiteral("-u"), login, QStringLiteral("text"),
                               QStringLiteral("mailbox"), QStringLiteral("INBOX"), QStringLiteral("HEADER"),
                               QStringLiteral("Message-ID"), QString::fromLatin1(id)});
        return r.exitCode == 0 ? r.stdOut : QByteArray();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_servers = TestServers::load();
        QVERIFY2(m_servers.isValid(), qPrintable(m_servers.errorString()));
        m_mia = m_servers.user(QStringLiteral("mia"));
        m_ned = m_servers.user(QStringLiteral("ned"));
        QVERIFY(m_mia.isValid() && m_ned.isValid());
    }

    void startTlsAuthPlainToNedAndOutside()
    {
        SmtpSession session;
        auto open = watchOpen(&session);
        session.open(settings(m_servers.submissionPort(), Security::StartTls), mia());
        const QByteArray id = newMessageId();
        auto sent =
            watch(session.submit(message(id, {m_ned.login, QStringLiteral("someone@outside.example")})));
        EXPECT_KIND(open, Kind::Ok);
        QVERIFY(session.isEncrypted());
        QVERIFY(session.capabilities().has(SmtpCapabilities::Auth));
        QVERIFY(session.capabilities().hasAuthMechanism("PLAIN"));
        EXPECT_KIND(sent, Kind::Ok);
        QCOMPARE(sent->result->code, 250);
        QCOMPARE(sent->result->enhancedCode, QStringLiteral("2.0.0"));
        QCOMPARE(sent->result->recipients.size(), 2);
        QVERIFY(sent->result->recipients.at(0).accepted && sent->result->recipients.at(1).accepted);
        session.quit();
        QVERIFY2(delivered(m_ned.login, id), "the message did not reach ned");
        QVERIFY2(delivered(m_servers.sink(), id), "the message to an outside address did not reach the sink");
        QTRY_COMPARE(session.state(), SmtpSession::State::Closed);
    }

    void implicitTls()
    {
        SmtpSession session;
        auto open = watchOpen(&session);
        session.open(settings(m_servers.submissionsPort(), Security::ImplicitTls), mia());
        const QByteArray id = newMessageId();
        auto sent = watch(session.submit(message(id, {m_ned.login})));
        EXPECT_KIND(open, Kind::Ok);
        QVERIFY(session.isEncrypted());
        EXPECT_KIND(sent, Kind::Ok);
        session.quit();
        QVERIFY(delivered(m_ned.login, id));
    }

    void wrongPassword()
    {
        SmtpSession session;
        auto open = watchOpen(&session);
        SmtpCredentials credentials = mia();
        credentials.password = QStringLiteral("not-the-password");
        session.open(settings(m_servers.submissionPort(), Security::StartTls), credentials);
        auto sent = watch(session.submit(message(newMessageId(), {m_ned.login})));
        EXPECT_KIND(open, Kind::AuthenticationFailed);
        QCOMPARE(open->result->stage, Stage::Auth);
        QCOMPARE(open->result->code, 535);
        QCOMPARE(open->result->enhancedCode, QStringLiteral("5.7.8"));
        QVERIFY2(open->result->serverText.contains(QLatin1String("authentication failed")),
                 qPrintable(open->result->serverText));
        EXPECT_KIND(sent, Kind::AuthenticationFailed);
        QVERIFY(sent->result->isSafeToRetry());
    }

    void tlsRequiredWhereNoStartTls()
    {
        // The inject port offers no STARTTLS: with StartTls required nothing is sent, no AUTH.
        SmtpSession session;
        auto open = watchOpen(&session);
        session.open(settings(m_servers.injectPort(), Security::StartTls), mia());
        EXPECT_KIND(open, Kind::TlsRequired);
        QCOMPARE(open->result->stage, Stage::StartTls);
        QVERIFY(!session.isEncrypted());
    }

    void noAuthInTheClearEvenWhenTlsNotRequired()
    {
        // Security::None on the submission port: Postfix offers AUTH only after STARTTLS, so the
        // session finds no AUTH and stops instead of sending the password anywhere.
        SmtpSession session;
        auto open = watchOpen(&session);
        session.open(settings(m_servers.submissionPort(), Security::None), mia());
        EXPECT_KIND(open, Kind::NotSupported);
        QCOMPARE(open->result->stage, Stage::Auth);
        QVERIFY(!session.capabilities().has(SmtpCapabilities::Auth));
        QVERIFY(session.capabilities().has(SmtpCapabilities::StartTls));
        // Without credentials it may go on, and Postfix itself insists on TLS at MAIL FROM.
        SmtpSession anonymous;
        auto open2 = watchOpen(&anonymous);
        anonymous.open(settings(m_servers.submissionPort(), Security::None), {});
        auto sent = watch(anonymous.submit(message(newMessageId(), {m_ned.login})));
        EXPECT_KIND(open2, Kind::Ok);
        EXPECT_KIND(sent, Kind::Rejected);
        QCOMPARE(sent->result->stage, Stage::MailFrom);
        QCOMPARE(sent->result->code, 530);
        anonymous.quit();
    }

    void eightBitContentIntact()
    {
        SmtpSession session;
        session.open(settings(m_servers.submissionPort(), Security::StartTls), mia());
        const QByteArray id = newMessageId();
        const QByteArray subject = "Gr\xc3\xbc\xc3\x9f"
                                   "e \xe2\x9c\x93 \xe6\x97\xa5\xe6\x9c\xac";
        const QByteArray body = "Caf\xc3\xa9 cr\xc3\xa8me br\xc3\xbbl\xc3\xa9"
                                "e\n.\n.leading dot\n..two\nlast line without newline";
        const SmtpMessage m = message(id, {m_ned.login}, subject, body);
        auto sent = watch(session.submit(m));
        EXPECT_KIND(sent, Kind::Ok);
        session.quit();
        QVERIFY(delivered(m_ned.login, id));
        const QByteArray stored = lf(fetchText(m_ned.login, id));
        // What Dovecot stored ends with exactly what was submitted (plus the added final newline),
        // after the trace headers Postfix put in front.
        QVERIFY2(stored.contains(QByteArray(lf(m.data) + "\n")), stored.constData());
        QVERIFY(stored.contains(QByteArray("Subject: " + subject + "\n")));
    }

    void severalMessagesOnOneConnection()
    {
        SmtpSession session;
        auto open = watchOpen(&session);
        session.open(settings(m_servers.submissionPort(), Security::StartTls), mia());
        QList<QByteArray> ids;
        QList<std::shared_ptr<Outcome>> outcomes;
        for (int i = 0; i < 3; ++i) {
            ids.append(newMessageId());
            outcomes.append(
                watch(session.submit(message(ids.last(), {m_ned.login}, "Batch " + QByteArray::number(i)))));
        }
        // A refused one in the middle of the batch does not disturb the others.
        auto refused = watch(session.submit(message(newMessageId(), {QStringLiteral("nobody@petrel.test")})));
        const QByteArray lastId = newMessageId();
        auto last = watch(session.submit(message(lastId, {m_ned.login})));
        session.quit();
        EXPECT_KIND(open, Kind::Ok);
        for (const auto &outcome : std::as_const(outcomes))
            EXPECT_KIND(outcome, Kind::Ok);
        EXPECT_KIND(refused, Kind::Rejected);
        QCOMPARE(refused->result->stage, Stage::RcptTo);
        QCOMPARE(refused->result->code, 550);
        EXPECT_KIND(last, Kind::Ok);
        for (const QByteArray &id : std::as_const(ids))
            QVERIFY(delivered(m_ned.login, id));
        QVERIFY(delivered(m_ned.login, lastId));
        QTRY_COMPARE(session.state(), SmtpSession::State::Closed);
    }
};

QTEST_GUILESS_MAIN(SmtpPostfixTest)
#include "tst_smtp_postfix.moc"
