// Pop3Session against the real Dovecot of the test fixture, as erin (whose maildrop these tests
// own and empty): what is injected is what RETR returns, byte for byte after the MTA's trace
// headers; STAT/LIST/UIDL agree; and DELE is committed by QUIT only — RSET or a cut connection
// keeps the messages, which is what the POP3 archive relies on.
#include "TestServers.h"
#include "pop3/Pop3Session.h"

#include <QElapsedTimer>
#include <QUuid>
#include <QtTest>

#include <memory>

using namespace Petrel::Pop3;
using Petrel::Net::ConnectionSettings;
using Petrel::Net::Security;
using Petrel::Test::TestServers;
using Petrel::Test::TestUser;
using Error = Pop3Result::Error;

namespace {

struct Outcome
{
    std::optional<Pop3Result> result;
};

std::shared_ptr<Outcome> watch(Pop3Job *job)
{
    auto outcome = std::make_shared<Outcome>();
    QObject::connect(job, &Pop3Job::finished, job, [outcome](const Pop3Result &result) { outcome->result = result; });
    return outcome;
}

QByteArray crlf(const QByteArray &message)
{
    QByteArray out = message;
    out.replace("\r\n", "\n");
    out.replace("\n", "\r\n");
    return out;
}

QByteArray messageId(const QByteArray &message)
{
    const qsizetype at = message.indexOf("Message-ID: ");
    return at < 0 ? QByteArray() : message.mid(at + 12, message.indexOf('\n', at) - at - 12).trimmed();
}

} // namespace

#define WAIT(outcome) QTRY_VERIFY_WITH_TIMEOUT((outcome)->result.has_value(), 30000)
#define VERIFY_OK(outcome)                                                                                             \
    do {                                                                                                               \
        WAIT(outcome);                                                                                                 \
        QVERIFY2((outcome)->result->isOk(), qPrintable(Pop3Result::errorName((outcome)->result->error) +              \
                                                       QStringLiteral(": ") + (outcome)->result->message));           \
    } while (false)

class Pop3DovecotTest : public QObject
{
    Q_OBJECT

private:
    TestServers m_servers;
    TestUser m_user;
    QList<QByteArray> m_injected; // CRLF form, in injection order
    QList<QByteArray> m_retrieved; // by message number - 1, from the first full fetch

    ConnectionSettings settings(Security security) const
    {
        return m_servers.connectionSettings(
            security == Security::ImplicitTls ? m_servers.pop3TlsPort() : m_servers.pop3StlsPort(), security);
    }

    Pop3Credentials credentials(Pop3Credentials::Method method = Pop3Credentials::Method::Automatic) const
    {
        return {m_user.login, m_user.password, method};
    }

    int messageCount() const
    {
        return m_servers.messageCount(m_user.login, QStringLiteral("INBOX"));
    }

    // UIDL of the maildrop over a fresh session (the way the archive looks after a reconnect).
    QList<Pop3UniqueId> uniqueIdsNow(bool *ok)
    {
        *ok = false;
        Pop3Session session;
        auto open = watch(session.open(settings(Security::ImplicitTls), credentials()));
        auto uidl = watch(session.uidl());
        auto quit = watch(session.quit());
        QElapsedTimer timer;
        timer.start();
        while (!quit->result && timer.elapsed() < 30000)
            QTest::qWait(20);
        if (!quit->result || !open->result->isOk() || !uidl->result->isOk())
            return {};
        *ok = true;
        return uidl->result->uniqueIds;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_servers = TestServers::load();
        QVERIFY2(m_servers.isValid(), qPrintable(m_servers.errorString()));
        m_user = m_servers.user(QStringLiteral("erin"));
        QVERIFY(m_user.isValid());
        const auto expunge = m_servers.doveadm({QStringLiteral("expunge"), QStringLiteral("-u"), m_user.login,
                                                QStringLiteral("mailbox"), QStringLiteral("INBOX"), QStringLiteral("all")});
        QVERIFY2(expunge.exitCode == 0, expunge.stdErr.constData());
        QCOMPARE(messageCount(), 0);

        const QByteArray run = QUuid::createUuid().toByteArray(QUuid::WithoutBraces).left(8);
        auto header = [&](int i, const QByteArray &subject) -> QByteArray {
            return "From: alice@petrel.test\nTo: " + m_user.login.toUtf8() + "\nSubject: " + subject +
                   "\nDate: Sun, 22 Nov 2026 03:00:00 +0000\nMessage-ID: <pop3-" + run + '-' + QByteArray::number(i) +
                   "@petrel.test>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n"
                   "Content-Transfer-Encoding: 8bit\n\n";
        };
        QByteArray big;
        for (int line = 0; big.size() < 2 * 1024 * 1024; ++line)
            big += QByteArray::number(line).rightJustified(8, '0') + ' ' + QByteArray(67, char('A' + line % 26)) + '\n';
        const QList<QByteArray> messages = {
            header(1, "plain") + "Hello erin.\n",
            header(2, "dots") + ".leading dot\n..two dots\n.\n. space after dot\nend\n",
            header(3, "big") + big,
            header(4, "utf-8") + "Gr\xc3\xbc\xc3\x9f" "e aus K\xc3\xb6ln \xe2\x80\x94 \xe6\x97\xa5\xe6\x9c\xac\n",
            header(5, "crlf") + "line one\r\nline two\r\n\r\nlast\r\n",
        };
        for (const QByteArray &message : messages) {
            QString error;
            QVERIFY2(m_servers.injectMessage(QStringLiteral("alice@petrel.test"), {m_user.login}, message, &error),
                     qPrintable(error));
            m_injected.append(crlf(message));
        }
        // Delivery through Postfix and LMTP is asynchronous: poll, bounded.
        QElapsedTimer timer;
        timer.start();
        while (messageCount() < messages.size() && timer.elapsed() < 60000)
            QTest::qWait(200);
        QCOMPARE(messageCount(), int(messages.size()));
    }

    void retrieveMatchesInjected()
    {
        Pop3Session session;
        auto open = watch(session.open(settings(Security::StartTls), credentials()));
        VERIFY_OK(open);
        QVERIFY(session.isEncrypted());
        QVERIFY(session.capabilities().has(Pop3Capabilities::Uidl));
        auto stat = watch(session.stat());
        auto list = watch(session.list());
        auto uidl = watch(session.uidl());
        VERIFY_OK(uidl);
        VERIFY_OK(stat);
        VERIFY_OK(list);
        const int count = int(m_injected.size());
        QCOMPARE(stat->result->stat.count, quint32(count));
        QCOMPARE(list->result->listings.size(), count);
        QCOMPARE(uidl->result->uniqueIds.size(), count);
        qint64 total = 0;
        for (int i = 0; i < count; ++i) {
            QCOMPARE(list->result->listings.at(i).number, quint32(i + 1));
            QCOMPARE(uidl->result->uniqueIds.at(i).number, quint32(i + 1));
            total += list->result->listings.at(i).size;
        }
        QCOMPARE(total, stat->result->stat.size);

        QList<QByteArray> matched(count);
        for (int i = 0; i < count; ++i) {
            auto retr = watch(session.retrieve(quint32(i + 1)));
            VERIFY_OK(retr);
            const QByteArray data = retr->result->data;
            QCOMPARE(qint64(data.size()), list->result->listings.at(i).size);
            m_retrieved.append(data);
            // The MTA prepends trace headers (Return-Path, Delivered-To, Received); the rest is
            // exactly what was injected.
            bool found = false;
            for (int k = 0; k < count; ++k) {
                if (data.contains(messageId(m_injected.at(k)))) {
                    QVERIFY2(data.endsWith(m_injected.at(k)), qPrintable(QStringLiteral("message %1 differs").arg(i + 1)));
                    QVERIFY(matched[k].isEmpty());
                    matched[k] = data;
                    found = true;
                }
            }
            QVERIFY2(found, qPrintable(QStringLiteral("message %1 was not injected by this test").arg(i + 1)));
        }
        const QByteArray dots = matched.at(1);
        QVERIFY(dots.contains("\r\n.leading dot\r\n..two dots\r\n.\r\n. space after dot\r\n"));
        QVERIFY(matched.at(2).size() > 2 * 1024 * 1024);

        auto top = watch(session.top(1, 0));
        VERIFY_OK(top);
        const QByteArray first = m_retrieved.first();
        QCOMPARE(top->result->data, first.left(first.indexOf("\r\n\r\n") + 4));
        auto topOne = watch(session.top(2, 1));
        VERIFY_OK(topOne);
        const QByteArray second = m_retrieved.at(1);
        const qsizetype bodyStart = second.indexOf("\r\n\r\n") + 4;
        QCOMPARE(topOne->result->data, second.left(second.indexOf("\r\n", bodyStart) + 2));

        auto missing = watch(session.retrieve(99));
        WAIT(missing);
        QCOMPARE(missing->result->error, Error::Rejected);
        QVERIFY(!missing->result->serverText.isEmpty());
        auto quit = watch(session.quit());
        VERIFY_OK(quit);
        QTRY_COMPARE(session.state(), Pop3Session::State::Closed);
    }

    void pipelinedRetrieveOfAll()
    {
        QCOMPARE(m_retrieved.size(), m_injected.size());
        Pop3Session session;
        auto open = watch(session.open(settings(Security::ImplicitTls), credentials(Pop3Credentials::Method::User)));
        VERIFY_OK(open);
        QVERIFY(session.isEncrypted());
        QVERIFY2(session.isPipelining(), "Dovecot offers PIPELINING");
        QList<std::shared_ptr<Outcome>> retrievals;
        for (int i = 0; i < m_retrieved.size(); ++i)
            retrievals.append(watch(session.retrieve(quint32(i + 1))));
        auto quit = watch(session.quit());
        VERIFY_OK(quit);
        for (int i = 0; i < retrievals.size(); ++i) {
            QVERIFY(retrievals.at(i)->result->isOk());
            QVERIFY2(retrievals.at(i)->result->data == m_retrieved.at(i), qPrintable(QString::number(i + 1)));
        }
    }

    void deleteThenResetKeeps()
    {
        Pop3Session session;
        auto open = watch(session.open(settings(Security::StartTls), credentials()));
        auto dele = watch(session.deleteMessage(1));
        auto rset = watch(session.reset());
        auto quit = watch(session.quit());
        VERIFY_OK(quit);
        QVERIFY(dele->result->isOk() && rset->result->isOk());
        bool ok = false;
        QCOMPARE(uniqueIdsNow(&ok).size(), m_injected.size());
        QVERIFY(ok);
    }

    void deleteThenAbortKeeps()
    {
        bool ok = false;
        const auto before = uniqueIdsNow(&ok);
        QVERIFY(ok);
        Pop3Session session;
        auto open = watch(session.open(settings(Security::ImplicitTls), credentials()));
        auto dele = watch(session.deleteMessage(1));
        VERIFY_OK(dele);
        session.abort(); // the connection is cut before QUIT: the server must keep the message
        QCOMPARE(session.state(), Pop3Session::State::Closed);
        const auto after = uniqueIdsNow(&ok);
        QVERIFY(ok);
        QCOMPARE(after.size(), before.size());
        QCOMPARE(after.first().uid, before.first().uid);
    }

    void deleteTwoAndQuitRemoves()
    {
        bool ok = false;
        const auto before = uniqueIdsNow(&ok);
        QVERIFY(ok);
        QCOMPARE(before.size(), m_injected.size());
        Pop3Session session;
        auto open = watch(session.open(settings(Security::StartTls), credentials()));
        auto dele1 = watch(session.deleteMessage(1));
        auto dele2 = watch(session.deleteMessage(2));
        auto quit = watch(session.quit());
        VERIFY_OK(quit);
        QVERIFY(dele1->result->isOk() && dele2->result->isOk());
        const auto after = uniqueIdsNow(&ok);
        QVERIFY(ok);
        QCOMPARE(after.size(), before.size() - 2);
        for (const auto &id : after) {
            QVERIFY(id.uid != before.at(0).uid);
            QVERIFY(id.uid != before.at(1).uid);
        }
        QCOMPARE(messageCount(), int(before.size() - 2));
    }

    void wrongPasswordIsAuthenticationFailed()
    {
        Pop3Session session;
        Pop3Credentials wrong = credentials();
        wrong.password += QStringLiteral("-wrong");
        auto open = watch(session.open(settings(Security::StartTls), wrong));
        WAIT(open);
        QCOMPARE(open->result->error, Error::AuthenticationFailed);
        // Dovecot's own words, e.g. "-ERR [AUTH] Authentication failed."
        QVERIFY2(open->result->serverText.contains("Authentication failed"), open->result->serverText.constData());
        QCOMPARE(open->result->code.kind, Pop3ResponseCode::Kind::Auth);
        QVERIFY(!open->result->message.contains(wrong.password));
    }
};

QTEST_GUILESS_MAIN(Pop3DovecotTest)
#include "tst_pop3_dovecot.moc"
