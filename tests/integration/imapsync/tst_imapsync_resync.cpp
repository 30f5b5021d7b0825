// The no-change resync shortcut (ImapFolderSync::unchangedSinceLastPass) against the fixture's
// real Dovecot (user ivo only: tests run in parallel). The shortcut counts the cache's UID rows
// from the folder's counter; these cases make that counter and the server agree while the cache
// does not, and expect the pass to notice.
#include "ImapSyncHarness.h"

#include "store/Database.h"
#include "store/ImapActionCache.h"
#include "store/Statement.h"
#include "store/StoreWriter.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Petrel;
using namespace Petrel::Test;

class TestImapSyncResync : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void aLocalOnlyMessageDoesNotHideALostOne();
    void aMessageTurnedLocalOnlyIsFetchedAgain();

private:
    qint64 inboxId() const;
    int localOnlyRows() const;
    // The cache's Inbox equals the server's, apart from the UID-less (local only) rows.
    void expectInboxInSync();

    TestServers m_servers;
    QTemporaryDir m_dir;
    std::unique_ptr<ImapSyncHarness> m_harness;
};

void TestImapSyncResync::initTestCase()
{
    m_servers = TestServers::load();
    QVERIFY2(m_servers.isValid(), qPrintable(m_servers.errorString()));
    const TestUser user = m_servers.user(QStringLiteral("ivo"));
    QVERIFY(user.isValid());
    QVERIFY(m_dir.isValid());
    m_harness = std::make_unique<ImapSyncHarness>(m_servers, user, m_dir.filePath(QStringLiteral("store.db")));
    QString error;
    QVERIFY2(m_harness->resetMailboxes(&error), qPrintable(error));
    QVERIFY2(m_harness->seed(40, QString(), &error), qPrintable(error));
    const Core::ImapSyncResult first = m_harness->sync();
    QVERIFY2(first.isOk(), qPrintable(first.message));
    QCOMPARE(first.newMessages, 40);
    expectInboxInSync();
}

qint64 TestImapSyncResync::inboxId() const
{
    auto db = Store::Database::open(m_harness->databasePath(), Store::Database::Role::Reader);
    Store::Statement s(*db, "SELECT id FROM folders WHERE account_id = ?1 AND path = 'INBOX'");
    s.bindInt64(1, m_harness->accountId());
    return s.step() ? s.columnInt64(0) : 0;
}

int TestImapSyncResync::localOnlyRows() const
{
    auto db = Store::Database::open(m_harness->databasePath(), Store::Database::Role::Reader);
    Store::Statement s(*db, "SELECT count(*) FROM messages WHERE folder_id = ?1 AND uid IS NULL");
    s.bindInt64(1, inboxId());
    return s.step() ? int(s.columnInt64(0)) : -1;
}

void TestImapSyncResync::expectInboxInSync()
{
    ImapSyncSnapshot stored = m_harness->stored(QStringLiteral("INBOX"));
    stored.remove(0); // UID-less rows
    const ImapSyncSnapshot server = m_harness->onServer(QStringLiteral("INBOX"));
    QVERIFY(!server.isEmpty());
    QCOMPARE(stored.keys(), server.keys());
    QCOMPARE(stored, server);
}

void TestImapSyncResync::aLocalOnlyMessageDoesNotHideALostOne()
{
    // The Inbox gains a UID-less row (as a message the server refused is kept) and loses a UID
    // row the server still has: its total count equals the server's EXISTS, nothing changed on
    // the server, yet the cache differs from it.
    const QList<quint32> uids = m_harness->stored(QStringLiteral("INBOX")).keys();
    QVERIFY(uids.size() >= 10);
    const quint32 lost = uids.at(7);
    Store::MessageRecord local;
    local.subject = QStringLiteral("kept here only");
    QCOMPARE(m_harness->writer()
                 .insertMessages(inboxId(), {local}, Store::DuplicatePolicy::SkipSameRemoteId)
                 .insertedIds.size(),
             1);
    {
        Store::Statement s(m_harness->writer().database(), "DELETE FROM messages WHERE folder_id = ?1 AND uid = ?2");
        s.bindInt64(1, inboxId()).bindInt64(2, lost);
        s.step();
    }
    QVERIFY(!m_harness->stored(QStringLiteral("INBOX")).contains(lost));

    const Core::ImapSyncResult r = m_harness->sync();
    QVERIFY2(r.isOk(), qPrintable(r.message));
    QCOMPARE(r.newMessages, 1);
    QCOMPARE(r.expunged, 0);
    QVERIFY(m_harness->stored(QStringLiteral("INBOX")).contains(lost));
    QCOMPARE(localOnlyRows(), 1); // the local message is left alone
    expectInboxInSync();
}

void TestImapSyncResync::aMessageTurnedLocalOnlyIsFetchedAgain()
{
    // A cached message loses its UID but stays in the Inbox (as when an upload is refused): the
    // folder's total is unchanged, its UID rows are one fewer, so the server's copy comes back.
    const QList<quint32> uids = m_harness->stored(QStringLiteral("INBOX")).keys();
    const quint32 uid = uids.at(3);
    const qint64 id = m_harness->localId(QStringLiteral("INBOX"), uid);
    QVERIFY(id > 0);
    const int localBefore = localOnlyRows();
    Store::ImapActionCache(m_harness->writer().database()).keepNotUploaded(id, inboxId());
    QVERIFY(!m_harness->stored(QStringLiteral("INBOX")).contains(uid));

    const Core::ImapSyncResult r = m_harness->sync();
    QVERIFY2(r.isOk(), qPrintable(r.message));
    QCOMPARE(r.newMessages, 1);
    QVERIFY(m_harness->stored(QStringLiteral("INBOX")).contains(uid));
    QCOMPARE(localOnlyRows(), localBefore + 1);
    expectInboxInSync();

    // And a pass after that finds nothing more to do.
    const Core::ImapSyncResult again = m_harness->sync();
    QVERIFY2(again.isOk(), qPrintable(again.message));
    QCOMPARE(again.newMessages, 0);
    QCOMPARE(again.expunged, 0);
    expectInboxInSync();
}

QTEST_GUILESS_MAIN(TestImapSyncResync)
#include "tst_imapsync_resync.moc"
