// ImapSession against the real Dovecot of the test fixture: STARTTLS and implicit TLS with the
// fixture's CA, LIST with special-use flags, SELECT with CONDSTORE/QRESYNC, FETCH of injected
// messages, STORE changing MODSEQ, MOVE, APPEND with APPENDUID, IDLE seeing a delivery, and a
// wrong password. Users: frank (most cases) and grace (IDLE), owned by this test.
#include "TestServers.h"
#include "imap/ImapAppendOperation.h"
#include "imap/ImapFetchOperation.h"
#include "imap/ImapIdleOperation.h"
#include "imap/ImapListOperation.h"
#include "imap/ImapMoveOperation.h"
#include "imap/ImapSearchOperation.h"
#include "imap/ImapSelectOperation.h"
#include "imap/ImapSession.h"
#include "imap/ImapStatusOperation.h"
#include "imap/ImapStoreOperation.h"

#include <QSignalSpy>
#include <QUuid>
#include <QtTest>

#include <memory>

using namespace Petrel::Imap;
using Petrel::Net::ConnectionSettings;
using Petrel::Net::Security;
using Petrel::Test::TestServers;
using Petrel::Test::TestUser;
using Kind = ImapResult::Kind;

#define VERIFY_OK(result)                                                                                              \
    do {                                                                                                               \
        const ImapResult r_ = (result);                                                                                \
        QVERIFY2(r_.isOk(), qPrintable(ImapResult::kindName(r_.kind) + QStringLiteral(": ") + r_.message));            \
    } while (false)

namespace {

ImapResult run(ImapOperation &operation, int timeoutMs = 30000)
{
    QSignalSpy finished(&operation, &ImapOperation::finished);
    operation.start();
    if (finished.isEmpty() && !finished.wait(timeoutMs))
        return ImapResult::make(Kind::Timeout, QStringLiteral("no finished() signal"));
    return finished.at(0).at(0).value<ImapResult>();
}

} // namespace

class ImapDovecotTest : public QObject
{
    Q_OBJECT

private:
    TestServers m_servers;
    TestUser m_frank;
    TestUser m_grace;

    ConnectionSettings settings(Security security) const
    {
        return m_servers.connectionSettings(
            security == Security::ImplicitTls ? m_servers.imapTlsPort() : m_servers.imapStartTlsPort(), security);
    }

    std::unique_ptr<ImapSession> login(const TestUser &user, Security security, ImapResult *result,
                                       const QString &password = {})
    {
        auto session = std::make_unique<ImapSession>();
        session->setClientId({{QByteArrayLiteral("name"), QStringLiteral("Petrel tests")}});
        QSignalSpy opened(session.get(), &ImapSession::opened);
        session->open(settings(security), {user.login, password.isEmpty() ? user.password : password});
        if (!opened.wait(30000))
            *result = ImapResult::make(Kind::Timeout, QStringLiteral("no opened()"));
        else
            *result = opened.at(0).at(0).value<ImapResult>();
        return session;
    }

    // Injects a message with a unique subject; returns the subject.
    QString inject(const TestUser &user, const QString &tag)
    {
        const QString subject = tag + QLatin1Char('-') + QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QByteArray message = "From: Sender <sender@" + m_servers.domain().toUtf8() + ">\r\nTo: " + user.login.toUtf8()
                                   + "\r\nSubject: " + subject.toUtf8() + "\r\nMessage-ID: <" + subject.toUtf8() + "@petrel.test>\r\n"
                                   + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHello from the IMAP test.\r\n";
        QString error;
        if (!m_servers.injectMessage(QStringLiteral("sender@") + m_servers.domain(), {user.login}, message, &error))
            qWarning("inject failed: %s", qPrintable(error));
        return subject;
    }

    // UIDs in the selected mailbox whose subject contains `subject`, waiting up to 20 s for delivery.
    QList<quint32> waitForSubject(ImapSession &session, const QString &subject, int expected)
    {
        QList<quint32> uids;
        for (int attempt = 0; attempt < 80; ++attempt) {
            ImapSearchOperation search(&session, {ImapSearchArg::key("SUBJECT"), ImapSearchArg::text(subject)});
            if (!run(search).isOk())
                return {};
            uids = search.uids();
            if (uids.size() >= expected)
                return uids;
            QTest::qWait(250);
        }
        return uids;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_servers = TestServers::load();
        QVERIFY2(m_servers.isValid(), qPrintable(m_servers.errorString()));
        m_frank = m_servers.user(QStringLiteral("frank"));
        m_grace = m_servers.user(QStringLiteral("grace"));
        QVERIFY(m_frank.isValid() && m_grace.isValid());
    }

    void startTlsLoginAndLogout()
    {
        ImapResult result;
        auto session = login(m_frank, Security::StartTls, &result);
        VERIFY_OK(result);
        QVERIFY(session->isEncrypted());
        QCOMPARE(session->state(), ImapSession::State::Authenticated);
        QVERIFY(session->hasCapability(ImapCapability::Idle));
        QVERIFY(session->isEnabled("QRESYNC"));
        QVERIFY(!session->serverId().isEmpty()); // Dovecot answers ID
        QVERIFY(!session->namespaces().personal.isEmpty());
        QSignalSpy closed(session.get(), &ImapSession::closed);
        session->logout();
        QVERIFY(closed.wait(15000));
        QVERIFY(closed.at(0).at(0).value<ImapResult>().isOk());
    }

    void implicitTlsLogin()
    {
        ImapResult result;
        auto session = login(m_frank, Security::ImplicitTls, &result);
        VERIFY_OK(result);
        QVERIFY(session->isEncrypted());
        QVERIFY(session->hasCapability(ImapCapability::Move));
    }

    void wrongPasswordIsAuthenticationFailed()
    {
        ImapResult result;
        auto session = login(m_frank, Security::StartTls, &result, QStringLiteral("not-the-password"));
        QCOMPARE(result.kind, Kind::AuthenticationFailed);
        QVERIFY2(result.serverText.contains(QLatin1String("Authentication failed")), qPrintable(result.serverText));
        QCOMPARE(session->state(), ImapSession::State::Closed);
    }

    void listShowsSpecialUse()
    {
        ImapResult result;
        auto session = login(m_frank, Security::ImplicitTls, &result);
        VERIFY_OK(result);
        ImapListOperation list(session.get(), {}, QStringLiteral("*"), {"MESSAGES", "UIDNEXT"});
        VERIFY_OK(run(list));
        QHash<QString, ImapListEntry::SpecialUse> uses;
        for (const ImapListEntry &entry : list.entries())
            uses.insert(entry.name, entry.specialUse);
        QCOMPARE(uses.value(QStringLiteral("Sent")), ImapListEntry::SpecialUse::Sent);
        QCOMPARE(uses.value(QStringLiteral("Drafts")), ImapListEntry::SpecialUse::Drafts);
        QCOMPARE(uses.value(QStringLiteral("Trash")), ImapListEntry::SpecialUse::Trash);
        QCOMPARE(uses.value(QStringLiteral("Junk")), ImapListEntry::SpecialUse::Junk);
        QCOMPARE(uses.value(QStringLiteral("Archive")), ImapListEntry::SpecialUse::Archive);
        QVERIFY(uses.contains(QStringLiteral("INBOX")));
        QVERIFY(list.statuses().value(QStringLiteral("INBOX")).uidNext.has_value());
    }

    void fetchStoreMoveInjectedMessages()
    {
        ImapResult result;
        auto session = login(m_frank, Security::StartTls, &result);
        VERIFY_OK(result);
        const QString first = inject(m_frank, QStringLiteral("fetch"));
        const QString second = inject(m_frank, QStringLiteral("fetch"));

        ImapSelectOptions options;
        options.condStore = true;
        ImapSelectOperation select(session.get(), QStringLiteral("INBOX"), options);
        VERIFY_OK(run(select));
        QVERIFY(select.info().uidValidity > 0);
        QVERIFY(select.info().highestModSeq.has_value());

        const QList<quint32> firstUids = waitForSubject(*session, first, 1);
        const QList<quint32> secondUids = waitForSubject(*session, second, 1);
        QCOMPARE(firstUids.size(), 1);
        QCOMPARE(secondUids.size(), 1);
        const ImapSequenceSet both = ImapSequenceSet::fromValues({firstUids.at(0), secondUids.at(0)});

        ImapFetchOperation fetch(session.get(), both, {"UID", "FLAGS", "ENVELOPE", "BODYSTRUCTURE", "MODSEQ"});
        QList<ImapFetchData> fetched;
        connect(&fetch, &ImapFetchOperation::fetched, this,
                [&fetched](const QList<ImapFetchData> &batch) { fetched.append(batch); });
        VERIFY_OK(run(fetch));
        QCOMPARE(fetched.size(), 2);
        quint64 maxModSeq = 0;
        for (const ImapFetchData &item : std::as_const(fetched)) {
            QVERIFY(item.envelope);
            QVERIFY(item.envelope->subject.value_or(QByteArray()).startsWith("fetch-"));
            QVERIFY(item.bodyStructure);
            QVERIFY(item.flags.has_value());
            QVERIFY(!item.flags->contains("\\Flagged"));
            QVERIFY(item.modSeq.has_value());
            maxModSeq = qMax(maxModSeq, *item.modSeq);
        }

        ImapStoreOperation store(session.get(), both, ImapCommandBuilder::StoreMode::Add, {"\\Flagged"});
        store.setUnchangedSince(maxModSeq);
        VERIFY_OK(run(store));
        QVERIFY(store.modified().isEmpty());
        QCOMPARE(store.changes().size(), 2);
        for (const ImapFetchData &change : store.changes())
            QVERIFY(change.modSeq.value_or(0) > maxModSeq);

        // A second conditional store against the old modseq is refused per message: MODIFIED.
        ImapStoreOperation stale(session.get(), both, ImapCommandBuilder::StoreMode::Remove, {"\\Flagged"});
        stale.setUnchangedSince(maxModSeq);
        VERIFY_OK(run(stale));
        QCOMPARE(stale.modified(), both);

        ImapStatusOperation before(session.get(), QStringLiteral("Archive"), {"MESSAGES"});
        VERIFY_OK(run(before));
        ImapMoveOperation move(session.get(), ImapSequenceSet(firstUids.at(0)), QStringLiteral("Archive"));
        VERIFY_OK(run(move));
        QVERIFY(move.usedMove());
        QVERIFY(move.copyUid().isValid());
        QCOMPARE(move.copyUid().sourceUids, ImapSequenceSet(firstUids.at(0)));
        ImapStatusOperation after(session.get(), QStringLiteral("Archive"), {"MESSAGES"});
        VERIFY_OK(run(after));
        QCOMPARE(after.status().messages.value_or(0), before.status().messages.value_or(0) + 1);
        QVERIFY(waitForSubject(*session, first, 0).isEmpty()); // gone from INBOX
    }

    void selectWithQresync()
    {
        ImapResult result;
        auto session = login(m_frank, Security::ImplicitTls, &result);
        VERIFY_OK(result);
        ImapSelectOperation plain(session.get(), QStringLiteral("INBOX"), {});
        VERIFY_OK(run(plain));
        QVERIFY(plain.info().highestModSeq.has_value());
        ImapSelectOptions options;
        options.qresync = ImapSelectOptions::QResync{plain.info().uidValidity, 1, {}, {}, {}};
        ImapSelectOperation resync(session.get(), QStringLiteral("INBOX"), options);
        VERIFY_OK(run(resync));
        QCOMPARE(resync.info().uidValidity, plain.info().uidValidity);
        QCOMPARE(resync.info().highestModSeq, plain.info().highestModSeq);
    }

    void appendReportsAppendUid()
    {
        ImapResult result;
        auto session = login(m_frank, Security::ImplicitTls, &result);
        VERIFY_OK(result);
        const QByteArray message = "From: frank@petrel.test\r\nSubject: draft " + QUuid::createUuid().toByteArray()
                                   + "\r\n\r\nA draft.\r\n";
        ImapAppendOperation append(session.get(), QStringLiteral("Drafts"), message, {"\\Draft", "\\Seen"});
        VERIFY_OK(run(append));
        QVERIFY(append.uidValidity() > 0);
        QVERIFY(append.appendUid() > 0);
        ImapSelectOperation select(session.get(), QStringLiteral("Drafts"), {});
        VERIFY_OK(run(select));
        QCOMPARE(select.info().uidValidity, append.uidValidity());
        ImapFetchOperation fetch(session.get(), ImapSequenceSet(append.appendUid()), {"RFC822.SIZE", "FLAGS"});
        QList<ImapFetchData> fetched;
        connect(&fetch, &ImapFetchOperation::fetched, this,
                [&fetched](const QList<ImapFetchData> &batch) { fetched.append(batch); });
        VERIFY_OK(run(fetch));
        QCOMPARE(fetched.size(), 1);
        QCOMPARE(fetched.at(0).rfc822Size, std::optional<quint64>(message.size()));
        QVERIFY(fetched.at(0).flags->contains("\\Draft"));
    }

    void idleSeesInjectedMessage()
    {
        ImapResult result;
        auto session = login(m_grace, Security::StartTls, &result);
        VERIFY_OK(result);
        ImapSelectOperation select(session.get(), QStringLiteral("INBOX"), {});
        VERIFY_OK(run(select));
        const quint64 existing = select.info().exists;
        QSignalSpy exists(session.get(), &ImapSession::existsReceived);
        ImapIdleOperation idle(session.get());
        QSignalSpy idling(&idle, &ImapIdleOperation::idling);
        QSignalSpy finished(&idle, &ImapOperation::finished);
        idle.start();
        QVERIFY(idling.wait(15000));
        inject(m_grace, QStringLiteral("idle"));
        QTRY_VERIFY_WITH_TIMEOUT(!exists.isEmpty(), 30000);
        QVERIFY(exists.last().at(0).toULongLong() > existing);
        idle.stop();
        QVERIFY(finished.wait(15000) || !finished.isEmpty());
        VERIFY_OK(idle.result());
    }
};

QTEST_GUILESS_MAIN(ImapDovecotTest)
#include "tst_imap_dovecot.moc"
