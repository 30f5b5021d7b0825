// The outbox state machine in SQLite: queued -> sending -> unknown -> sent, retries, failures,
// the user's retry and removal, and what a restart after a crash finds.
#include "StoreTestData.h"

#include "store/OutboxStore.h"
#include "store/StoreError.h"
#include "store/StoreReader.h"
#include "store/StoreWriter.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Petrel::Store;

class TestStoreOutbox : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void enqueueKeepsEnvelopeAndBytes();
    void claimTakesTheOldestDueOnly();
    void sendingToSent();
    void retryLaterAndFailure();
    void crashBeforeTheBodyRequeues();
    void crashAfterTheBodyStartedStaysUnknown();
    void userRetryAndRemove();
    void settleAndClaimIsOneStepOfAPass();
    void preparedBodyIsNeverResentAfterACrash();
    void inSentFolderFindsTheCopy();
    void badInputIsRefused();

private:
    qint64 queue(const QString &id, qint64 account = 0);

    QTemporaryDir m_dir;
    std::unique_ptr<StoreWriter> m_writer;
    std::unique_ptr<OutboxStore> m_outbox;
    qint64 m_account = 0;
    qint64 m_other = 0;
    const QDateTime m_now = QDateTime::fromMSecsSinceEpoch(1800000000000LL, Qt::UTC);
};

void TestStoreOutbox::init()
{
    QVERIFY(m_dir.isValid());
    m_writer = std::make_unique<StoreWriter>(m_dir.filePath(QStringLiteral("outbox-%1.db").arg(QLatin1String(QTest::currentTestFunction()))));
    AccountRow a;
    a.name = QStringLiteral("Work");
    a.protocol = AccountProtocol::Imap;
    m_account = m_writer->addAccount(a);
    a.name = QStringLiteral("Home");
    m_other = m_writer->addAccount(a);
    m_outbox = std::make_unique<OutboxStore>(m_writer->database());
}

void TestStoreOutbox::cleanup()
{
    m_outbox.reset();
    m_writer.reset();
}

qint64 TestStoreOutbox::queue(const QString &id, qint64 account)
{
    return m_outbox->enqueue(account ? account : m_account, id, QStringLiteral("me@example.org"),
                             {QStringLiteral("to@example.org"), QStringLiteral("bcc@example.net")},
                             "Message-ID: <" + id.toUtf8() + ">\r\nSubject: hi\r\n\r\nbody\r\n");
}

void TestStoreOutbox::enqueueKeepsEnvelopeAndBytes()
{
    const qint64 id = queue(QStringLiteral("one@example.org"));
    const QList<OutboxRow> rows = m_outbox->list(m_account);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows[0].id, id);
    QCOMPARE(rows[0].state, OutboxState::Queued);
    QCOMPARE(rows[0].messageIdHeader, QStringLiteral("one@example.org"));
    QCOMPARE(rows[0].sender, QStringLiteral("me@example.org"));
    QCOMPARE(rows[0].recipients, (QStringList{QStringLiteral("to@example.org"), QStringLiteral("bcc@example.net")}));
    QCOMPARE(rows[0].attempts, 0);
    QVERIFY(!rows[0].sentAt.isValid());
    QVERIFY(m_outbox->raw(id).contains("Subject: hi"));
    QVERIFY(m_outbox->list(m_other).isEmpty());
}

void TestStoreOutbox::claimTakesTheOldestDueOnly()
{
    const qint64 first = queue(QStringLiteral("a@x"));
    const qint64 second = queue(QStringLiteral("b@x"));
    queue(QStringLiteral("c@x"), m_other);
    m_outbox->markRetry(first, QStringLiteral("451 later"), m_now.addSecs(60)); // not due yet
    const std::optional<OutboxRow> claimed = m_outbox->claimNext(m_account, m_now);
    QVERIFY(claimed);
    QCOMPARE(claimed->id, second);
    QCOMPARE(claimed->state, OutboxState::Sending);
    QCOMPARE(claimed->attempts, 1);
    QVERIFY(!m_outbox->claimNext(m_account, m_now)); // first is not due, second is taken
    const std::optional<OutboxRow> later = m_outbox->claimNext(m_account, m_now.addSecs(61));
    QVERIFY(later);
    QCOMPARE(later->id, first);
    QCOMPARE(later->lastError, QStringLiteral("451 later"));
}

void TestStoreOutbox::sendingToSent()
{
    const qint64 id = queue(QStringLiteral("s@x"));
    QVERIFY(m_outbox->claimNext(m_account, m_now));
    m_outbox->markBodyStarting(id);
    QCOMPARE(m_outbox->list(m_account)[0].state, OutboxState::Unknown);
    m_outbox->markSent(id, m_now);
    QCOMPARE(m_outbox->list(m_account)[0].state, OutboxState::Sent);
    QCOMPARE(m_outbox->list(m_account)[0].sentAt, m_now);
    QVERIFY(!m_outbox->retry(id)); // a sent message is not sent again
    m_outbox->removeSent(id);
    QVERIFY(m_outbox->list(m_account).isEmpty());
}

void TestStoreOutbox::retryLaterAndFailure()
{
    const qint64 id = queue(QStringLiteral("r@x"));
    QVERIFY(m_outbox->claimNext(m_account, m_now));
    m_outbox->markRetry(id, QStringLiteral("Connection refused"), m_now.addSecs(30));
    QCOMPARE(m_outbox->list(m_account)[0].state, OutboxState::Queued);
    QCOMPARE(m_outbox->list(m_account)[0].nextAttemptAt, m_now.addSecs(30));
    QVERIFY(m_outbox->claimNext(m_account, m_now.addSecs(30)));
    m_outbox->markFailed(id, QStringLiteral("550 5.1.1 no such user"));
    const OutboxRow row = m_outbox->list(m_account)[0];
    QCOMPARE(row.state, OutboxState::Failed);
    QCOMPARE(row.attempts, 2);
    QCOMPARE(row.lastError, QStringLiteral("550 5.1.1 no such user"));
    QVERIFY(!m_outbox->claimNext(m_account, m_now.addYears(1))); // failed is never claimed
    // Markers need the right state: a failed message cannot be "body starting".
    QVERIFY_THROWS_EXCEPTION(StoreError, m_outbox->markBodyStarting(id));
}

void TestStoreOutbox::crashBeforeTheBodyRequeues()
{
    const qint64 id = queue(QStringLiteral("c@x"));
    QVERIFY(m_outbox->claimNext(m_account, m_now));
    // The process dies here: a new writer on the same file finds "sending".
    const QString path = m_writer->database().path();
    m_outbox.reset();
    m_writer = std::make_unique<StoreWriter>(path);
    m_outbox = std::make_unique<OutboxStore>(m_writer->database());
    QCOMPARE(m_outbox->list(m_account)[0].state, OutboxState::Sending);
    QCOMPARE(m_outbox->recoverInterrupted(m_account), 1);
    QCOMPARE(m_outbox->recoverInterrupted(m_other), 0);
    const std::optional<OutboxRow> again = m_outbox->claimNext(m_account, m_now);
    QVERIFY(again);
    QCOMPARE(again->id, id);
    QCOMPARE(again->attempts, 2);
}

void TestStoreOutbox::crashAfterTheBodyStartedStaysUnknown()
{
    const qint64 id = queue(QStringLiteral("u@x"));
    QVERIFY(m_outbox->claimNext(m_account, m_now));
    m_outbox->markBodyStarting(id);
    const QString path = m_writer->database().path();
    m_outbox.reset();
    m_writer = std::make_unique<StoreWriter>(path);
    m_outbox = std::make_unique<OutboxStore>(m_writer->database());
    QCOMPARE(m_outbox->recoverInterrupted(m_account), 0);
    QCOMPARE(m_outbox->list(m_account)[0].state, OutboxState::Unknown);
    QVERIFY(!m_outbox->claimNext(m_account, m_now.addYears(1))); // never resent by itself
}

void TestStoreOutbox::userRetryAndRemove()
{
    const qint64 id = queue(QStringLiteral("x@x"));
    QVERIFY(m_outbox->claimNext(m_account, m_now));
    QVERIFY(!m_outbox->remove(id)); // being sent: not now
    m_outbox->markBodyStarting(id);
    m_outbox->markUnknown(id, QStringLiteral("connection lost after the final dot"));
    QVERIFY(m_outbox->retry(id)); // the user decides to send it again
    QCOMPARE(m_outbox->list(m_account)[0].state, OutboxState::Queued);
    QVERIFY(m_outbox->claimNext(m_account, m_now));
    m_outbox->markFailed(id, QStringLiteral("554 no"));
    QVERIFY(m_outbox->remove(id));
    QVERIFY(m_outbox->list(m_account).isEmpty());
    QVERIFY(!m_outbox->retry(id));
    QVERIFY(!m_outbox->remove(id));
}

void TestStoreOutbox::settleAndClaimIsOneStepOfAPass()
{
    const qint64 first = queue(QStringLiteral("1@x"));
    const qint64 second = queue(QStringLiteral("2@x"));
    const qint64 third = queue(QStringLiteral("3@x"));
    const std::optional<OutboxRow> a = m_outbox->settleAndClaim(m_account, {}, m_now);
    QVERIFY(a);
    QCOMPARE(a->id, first);
    QCOMPARE(a->state, OutboxState::Sending);
    QVERIFY(!m_outbox->bodyMayStart(first)); // "sending": its body needs markBodyStarting first
    m_outbox->markBodyStarting(first);
    // The next due one is looked at without a change, then made ready during the first body.
    const std::optional<OutboxRow> b = m_outbox->nextDue(m_account, m_now);
    QVERIFY(b);
    QCOMPARE(b->id, second);
    QCOMPARE(b->state, OutboxState::Queued);
    QVERIFY(!m_outbox->bodyMayStart(second));
    QVERIFY(m_outbox->settleAndPrepare({}, second));
    QVERIFY(m_outbox->bodyMayStart(second));
    QCOMPARE(m_outbox->list(m_account)[1].state, OutboxState::Unknown);
    QCOMPARE(m_outbox->list(m_account)[1].attempts, 1);
    QVERIFY(!m_outbox->settleAndPrepare({}, second)); // not queued any more
    // The first was delivered: it leaves in the same commit that makes the third ready.
    QCOMPARE(m_outbox->nextDue(m_account, m_now)->id, third);
    QVERIFY(m_outbox->settleAndPrepare({first}, third));
    QCOMPARE(m_outbox->list(m_account).size(), 2);
    QCOMPARE(m_outbox->list(m_account)[0].id, second);
    // The pass ends before the third's body: back in the queue, its attempt not counted.
    const qint64 fourth = queue(QStringLiteral("4@x"));
    QCOMPARE(m_outbox->settleAndClaim(m_account, {}, m_now)->id, fourth);
    m_outbox->release(third);
    m_outbox->removeDelivered({second, fourth}); // several in one commit
    const QList<OutboxRow> left = m_outbox->list(m_account);
    QCOMPARE(left.size(), 1);
    QCOMPARE(left[0].id, third);
    QCOMPARE(left[0].state, OutboxState::Queued);
    QCOMPARE(left[0].attempts, 0);
    const std::optional<OutboxRow> again = m_outbox->claimNext(m_account, m_now);
    QVERIFY(again);
    QCOMPARE(again->id, third);
    QCOMPARE(again->attempts, 1);
}

void TestStoreOutbox::preparedBodyIsNeverResentAfterACrash()
{
    const qint64 id = queue(QStringLiteral("p@x"));
    QVERIFY(m_outbox->settleAndPrepare({}, id));
    // The user removes or re-queues it while the pass holds it: its body must not start then.
    QVERIFY(m_outbox->retry(id));
    QVERIFY(!m_outbox->bodyMayStart(id));
    QVERIFY(m_outbox->settleAndPrepare({}, id));
    // A crash (or kill) now: the body may have left, so it stays "unknown", never resent by itself.
    const QString path = m_writer->database().path();
    m_outbox.reset();
    m_writer = std::make_unique<StoreWriter>(path);
    m_outbox = std::make_unique<OutboxStore>(m_writer->database());
    QCOMPARE(m_outbox->recoverInterrupted(m_account), 0);
    QCOMPARE(m_outbox->list(m_account)[0].state, OutboxState::Unknown);
    QVERIFY(!m_outbox->claimNext(m_account, m_now.addYears(1)));
}

void TestStoreOutbox::inSentFolderFindsTheCopy()
{
    const qint64 sent = m_writer->ensureFolder(m_account, QStringLiteral("Sent"), FolderRole::Sent);
    const qint64 inbox = m_writer->ensureFolder(m_account, QStringLiteral("INBOX"), FolderRole::Inbox);
    MessageRecord r = StoreTestData::message(QStringLiteral("sent"), 1);
    r.messageId = QStringLiteral("copy@example.org");
    m_writer->insertMessages(sent, {r}, DuplicatePolicy::SkipSameRemoteId);
    MessageRecord elsewhere = StoreTestData::message(QStringLiteral("inbox"), 2);
    elsewhere.messageId = QStringLiteral("inbox@example.org");
    m_writer->insertMessages(inbox, {elsewhere}, DuplicatePolicy::SkipSameRemoteId);
    QVERIFY(m_outbox->inSentFolder(m_account, QStringLiteral("<copy@example.org>")));
    QVERIFY(m_outbox->inSentFolder(m_account, QStringLiteral("copy@example.org")));
    QVERIFY(!m_outbox->inSentFolder(m_account, QStringLiteral("inbox@example.org")));
    QVERIFY(!m_outbox->inSentFolder(m_other, QStringLiteral("copy@example.org")));
}

void TestStoreOutbox::badInputIsRefused()
{
    QVERIFY_THROWS_EXCEPTION(StoreError, m_outbox->enqueue(m_account, QStringLiteral("e@x"), QString(),
                                                           {QStringLiteral("a@b")}, QByteArray()));
    QVERIFY_THROWS_EXCEPTION(StoreError, m_outbox->enqueue(m_account, QStringLiteral("e@x"), QString(), {}, "x"));
    QVERIFY_THROWS_EXCEPTION(StoreError, m_outbox->enqueue(9999, QStringLiteral("e@x"), QString(),
                                                           {QStringLiteral("a@b")}, "x"));
    QVERIFY(m_outbox->list(m_account).isEmpty());
}

QTEST_GUILESS_MAIN(TestStoreOutbox)
#include "tst_store_outbox.moc"
