// OutboxSender against scripted SMTP servers and a real store: what each server answer does to the
// outbox rows (sent, queued again with backoff, failed with the server's words, unknown), one
// session for several messages, a refused login, the Sent filer, and crash leftovers.
#include "SmtpReplay.h"
#include "TestCertificates.h"

#include "send/OutboxRetryPolicy.h"
#include "send/OutboxSender.h"
#include "store/AccountRow.h"
#include "store/OutboxStore.h"
#include "store/StoreWriter.h"

#include <QTemporaryDir>

using namespace Petrel;
using namespace SmtpReplay;
using Petrel::Net::Security;
using Store::OutboxState;
using Core::OutboxRunResult;

namespace {

const QByteArray ready = greeting + ehloTls + authPlain;
const QByteArray mail = "C: MAIL FROM:<mia@petrel.test> SIZE=22\n";
const QByteArray toNed = mail + "C: RCPT TO:<ned@petrel.test>\nC: DATA\n";
const QByteArray envelopeOk = "S: 250 ok\nS: 250 ok\nS: 354 go\n";
const QByteArray queuedAs = "S: 250 2.0.0 Ok: queued as 1\n";
const QByteArray accepted = envelopeOk + body + queuedAs;

} // namespace

class TestSendOutboxReplay : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void nothingDueMeansNoConnection();
    void everyDueMessageOnOneSession();
    void temporaryRefusalQueuesAgainWithBackoff();
    void permanentRefusalFailsWithTheServersWords();
    void connectionLostAfterTheBodyIsUnknown();
    void withoutSentCopiesDeliveredRowsLeave();
    void nextMessageRemovedDuringThePassIsNotSent();
    void loginRefusedKeepsTheMessageQueued();
    void leftoversOfACrash();
    void retryPolicy();

private:
    qint64 queue(const QString &id);
    OutboxRunResult run(const QByteArray &script, ScriptServer &server);
    OutboxState stateOf(qint64 id);

    TestCertificates m_certificates;
    QTemporaryDir m_dir;
    std::unique_ptr<Store::StoreWriter> m_writer;
    std::unique_ptr<Store::OutboxStore> m_outbox;
    qint64 m_account = 0;
    QList<QByteArray> m_filed;
    bool m_fileCopies = true;         // false: no Sent copies (the server files them)
    Core::OutboxSender::SentFiler m_filer; // empty: the copies go to m_filed
    const QDateTime m_now = QDateTime::fromMSecsSinceEpoch(1800000000000LL, Qt::UTC);
};

void TestSendOutboxReplay::initTestCase()
{
    const QString error = m_certificates.generate();
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(m_dir.isValid());
}

void TestSendOutboxReplay::init()
{
    m_writer = std::make_unique<Store::StoreWriter>(
        m_dir.filePath(QStringLiteral("%1.db").arg(QLatin1String(QTest::currentTestFunction()))));
    Store::AccountRow a;
    a.name = QStringLiteral("mia");
    a.protocol = Store::AccountProtocol::Imap;
    m_account = m_writer->addAccount(a);
    m_outbox = std::make_unique<Store::OutboxStore>(m_writer->database());
    m_filed.clear();
    m_fileCopies = true;
    m_filer = {};
}

void TestSendOutboxReplay::cleanup()
{
    m_outbox.reset();
    m_writer.reset();
}

qint64 TestSendOutboxReplay::queue(const QString &id)
{
    // 22 bytes, the body lines of SmtpReplay::body.
    return m_outbox->enqueue(m_account, id, QStringLiteral("mia@petrel.test"), {QStringLiteral("ned@petrel.test")},
                             "Subject: hi\r\n\r\nHello\r\n");
}

OutboxRunResult TestSendOutboxReplay::run(const QByteArray &script, ScriptServer &server)
{
    server.setIdentity(m_certificates.good().certificate, m_certificates.good().key);
    server.setScript(script);
    if (!server.start())
        qFatal("the script server did not start");
    Core::OutboxSender sender(*m_writer, m_account);
    sender.setConnectionSettings(settings(server.port(), Security::ImplicitTls, m_certificates.caFile()));
    sender.setCredentials(mia());
    sender.setClock([this] { return m_now; });
    if (m_fileCopies) {
        sender.setSentFiler(m_filer ? m_filer : [this](const Store::OutboxRow &, const QByteArray &raw) {
            m_filed.append(raw);
            return QString();
        });
    }
    std::optional<OutboxRunResult> result;
    int finishedCount = 0;
    connect(&sender, &Core::OutboxSender::finished, this, [&](const OutboxRunResult &r) {
        result = r;
        ++finishedCount;
    });
    sender.start();
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 20000)) {
        OutboxRunResult timedOut;
        timedOut.error = OutboxRunResult::Error::Cancelled;
        timedOut.message = QStringLiteral("the pass did not finish: ") + server.describe();
        return timedOut;
    }
    QTest::qWait(20);
    if (finishedCount != 1)
        qFatal("finished() came %d times", finishedCount);
    return *result;
}

OutboxState TestSendOutboxReplay::stateOf(qint64 id)
{
    for (const Store::OutboxRow &row : m_outbox->list(m_account)) {
        if (row.id == id)
            return row.state;
    }
    return OutboxState::Sent; // gone: sent and filed
}

void TestSendOutboxReplay::nothingDueMeansNoConnection()
{
    ScriptServer server(FakeServer::Mode::ImplicitTls);
    const OutboxRunResult r = run(QByteArray(), server);
    QVERIFY2(r.isOk(), qPrintable(r.message));
    QCOMPARE(r.sent, 0);
    QVERIFY(server.received().isEmpty());
}

void TestSendOutboxReplay::everyDueMessageOnOneSession()
{
    const qint64 first = queue(QStringLiteral("1@petrel.test"));
    const qint64 second = queue(QStringLiteral("2@petrel.test"));
    ScriptServer server(FakeServer::Mode::ImplicitTls);
    const OutboxRunResult r =
        // The second message's commands follow the first body's final "." (RFC 2920 pipelining).
        run(ready + toNed + envelopeOk + body + toNed + queuedAs + accepted + quit, server);
    QVERIFY2(r.isOk(), qPrintable(r.message));
    VERIFY_SCRIPT(server);
    QCOMPARE(r.sent, 2);
    QCOMPARE(m_filed.size(), 2);
    QCOMPARE(m_filed.first(), QByteArray("Subject: hi\r\n\r\nHello\r\n"));
    QVERIFY(m_outbox->list(m_account).isEmpty()); // filed in Sent: out of the outbox
    Q_UNUSED(first);
    Q_UNUSED(second);
}

void TestSendOutboxReplay::temporaryRefusalQueuesAgainWithBackoff()
{
    const qint64 id = queue(QStringLiteral("t@petrel.test"));
    ScriptServer server(FakeServer::Mode::ImplicitTls);
    const OutboxRunResult r = run(ready + toNed + "S: 250 ok\nS: 250 ok\nS: 451 4.3.0 Error: queue file write error\n" + quit,
                                  server);
    QVERIFY2(r.isOk(), qPrintable(r.message));
    QCOMPARE(r.retryLater, 1);
    const Store::OutboxRow row = m_outbox->list(m_account).constFirst();
    QCOMPARE(row.id, id);
    QCOMPARE(row.state, OutboxState::Queued);
    QCOMPARE(row.attempts, 1);
    QCOMPARE(row.nextAttemptAt, m_now.addSecs(Core::OutboxRetryPolicy::FirstDelaySeconds));
    QVERIFY2(row.lastError.contains(QStringLiteral("queue file write error")), qPrintable(row.lastError));
    QVERIFY(m_filed.isEmpty());
}

void TestSendOutboxReplay::permanentRefusalFailsWithTheServersWords()
{
    const qint64 refused = queue(QStringLiteral("p@petrel.test"));
    const qint64 fine = queue(QStringLiteral("f@petrel.test"));
    ScriptServer server(FakeServer::Mode::ImplicitTls);
    const OutboxRunResult r =
        run(ready + toNed + envelopeOk + body + toNed + "S: 554 5.7.1 Message rejected as spam\n" + accepted + quit,
            server);
    QVERIFY2(r.isOk(), qPrintable(r.message));
    QCOMPARE(r.failed, 1);
    QCOMPARE(r.sent, 1);
    QCOMPARE(stateOf(refused), OutboxState::Failed);
    QVERIFY(m_outbox->list(m_account).constFirst().lastError.contains(QStringLiteral("rejected as spam")));
    QCOMPARE(stateOf(fine), OutboxState::Sent);
}

void TestSendOutboxReplay::connectionLostAfterTheBodyIsUnknown()
{
    const qint64 lost = queue(QStringLiteral("l@petrel.test"));
    const qint64 behind = queue(QStringLiteral("b@petrel.test"));
    ScriptServer server(FakeServer::Mode::ImplicitTls);
    const OutboxRunResult r = run(ready + toNed + envelopeOk + body + toNed + "CLOSE\n", server);
    QVERIFY(!r.isOk());
    QCOMPARE(r.error, OutboxRunResult::Error::Server);
    QCOMPARE(r.unknown, 1);
    QCOMPARE(stateOf(lost), OutboxState::Unknown);
    QCOMPARE(stateOf(behind), OutboxState::Queued); // never started: waits for the next pass
    QCOMPARE(m_outbox->list(m_account).constLast().attempts, 0);
    // The next pass does not send the unknown one again.
    ScriptServer again(FakeServer::Mode::ImplicitTls);
    const OutboxRunResult second = run(ready + toNed + accepted + quit, again);
    QVERIFY2(second.isOk(), qPrintable(second.message));
    QCOMPARE(second.sent, 1);
    QCOMPARE(stateOf(lost), OutboxState::Unknown);
    QCOMPARE(stateOf(behind), OutboxState::Sent);
}

void TestSendOutboxReplay::withoutSentCopiesDeliveredRowsLeave()
{
    // No Sent copy to file (the server files it): each row leaves with the commit that lets the
    // next body start; the connection lost after the second body leaves that one "unknown" and
    // the third, prepared meanwhile but never submitted, queued as before.
    const qint64 first = queue(QStringLiteral("1@petrel.test"));
    const qint64 second = queue(QStringLiteral("2@petrel.test"));
    const qint64 third = queue(QStringLiteral("3@petrel.test"));
    ScriptServer server(FakeServer::Mode::ImplicitTls);
    m_fileCopies = false;
    const OutboxRunResult r =
        run(ready + toNed + envelopeOk + body + toNed + queuedAs + envelopeOk + body + toNed + "CLOSE\n", server);
    QVERIFY(!r.isOk());
    QCOMPARE(r.sent, 1);
    QCOMPARE(r.unknown, 1);
    QVERIFY(m_filed.isEmpty());
    QCOMPARE(stateOf(first), OutboxState::Sent); // gone from the outbox
    QCOMPARE(stateOf(second), OutboxState::Unknown);
    QCOMPARE(stateOf(third), OutboxState::Queued);
    QCOMPARE(m_outbox->list(m_account).constLast().attempts, 0);
    QCOMPARE(m_outbox->list(m_account).size(), 2);
}

void TestSendOutboxReplay::nextMessageRemovedDuringThePassIsNotSent()
{
    // The second message is made ready ("unknown") during the first body; the user removes it
    // before its body: the body must not leave (any byte of it would fail the script). A server
    // without PIPELINING, so the removal (from the filer of the first) surely comes first.
    queue(QStringLiteral("1@petrel.test"));
    const qint64 second = queue(QStringLiteral("2@petrel.test"));
    ScriptServer server(FakeServer::Mode::ImplicitTls);
    bool removed = false;
    m_filer = [&](const Store::OutboxRow &, const QByteArray &) {
        removed = m_outbox->remove(second);
        return QString();
    };
    const QByteArray oneByOne = "C: MAIL FROM:<mia@petrel.test> SIZE=22\nS: 250 ok\nC: RCPT TO:<ned@petrel.test>\n"
                                "S: 250 ok\nC: DATA\nS: 354 go\n";
    const OutboxRunResult r = run(greeting + ehlo +
                                      "S: 250-mx.example\nS: 250-SIZE 10240000\nS: 250 AUTH PLAIN LOGIN\n" +
                                      authPlain + oneByOne + body + queuedAs + "C: RSET\nS: 250 ok\n" + oneByOne,
                                  server);
    VERIFY_SCRIPT(server);
    QVERIFY(removed);
    QCOMPARE(r.sent, 1);
    QVERIFY2(r.warnings.join(QLatin1Char(' ')).contains(QStringLiteral("removed or queued again")),
             qPrintable(r.warnings.join(QLatin1Char(' '))));
    QCOMPARE(server.received().count("Hello"), 1);
    QVERIFY(m_outbox->list(m_account).isEmpty());
}

void TestSendOutboxReplay::loginRefusedKeepsTheMessageQueued()
{
    const qint64 id = queue(QStringLiteral("a@petrel.test"));
    ScriptServer server(FakeServer::Mode::ImplicitTls);
    const OutboxRunResult r =
        run(greeting + ehloTls + "C: AUTH PLAIN AG1pYQBwdw==\nS: 535 5.7.8 Error: authentication failed\n", server);
    QVERIFY(!r.isOk());
    QVERIFY2(r.message.contains(QStringLiteral("authentication failed")), qPrintable(r.message));
    QCOMPARE(stateOf(id), OutboxState::Queued);
    QVERIFY(!server.received().contains("MAIL FROM"));
}

void TestSendOutboxReplay::leftoversOfACrash()
{
    // "sending": the process died before the body; "unknown" twice: one whose copy is in Sent.
    const qint64 interrupted = queue(QStringLiteral("i@petrel.test"));
    const qint64 found = queue(QStringLiteral("found@petrel.test"));
    const qint64 unsure = queue(QStringLiteral("unsure@petrel.test"));
    for (int i = 0; i < 3; ++i)
        QVERIFY(m_outbox->claimNext(m_account, m_now));
    m_outbox->markBodyStarting(found);
    m_outbox->markBodyStarting(unsure);
    const qint64 sent = m_writer->ensureFolder(m_account, QStringLiteral("Sent"), Store::FolderRole::Sent);
    Store::MessageRecord copy;
    copy.messageId = QStringLiteral("found@petrel.test");
    copy.uid = 7;
    m_writer->insertMessages(sent, {copy}, Store::DuplicatePolicy::SkipSameRemoteId);

    ScriptServer server(FakeServer::Mode::ImplicitTls);
    const OutboxRunResult r = run(ready + toNed + accepted + quit, server);
    QVERIFY2(r.isOk(), qPrintable(r.message));
    QCOMPARE(r.resolvedFromSent, 1);
    QCOMPARE(r.sent, 1); // the interrupted one, sent now
    QCOMPARE(stateOf(interrupted), OutboxState::Sent);
    QCOMPARE(stateOf(found), OutboxState::Sent);
    QCOMPARE(stateOf(unsure), OutboxState::Unknown); // the user decides
    QCOMPARE(m_outbox->list(m_account).size(), 1);
}

void TestSendOutboxReplay::retryPolicy()
{
    using P = Core::OutboxRetryPolicy;
    QCOMPARE(P::delaySeconds(1), qint64(30));
    QCOMPARE(P::delaySeconds(2), qint64(60));
    QCOMPARE(P::delaySeconds(3), qint64(120));
    QCOMPARE(P::delaySeconds(8), qint64(3600));
    QCOMPARE(P::delaySeconds(1000000), qint64(3600));
    QCOMPARE(P::delaySeconds(0), qint64(30));
}

QTEST_GUILESS_MAIN(TestSendOutboxReplay)
#include "tst_send_outbox_replay.moc"
