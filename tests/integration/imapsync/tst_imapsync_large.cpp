// A 10,000-message folder (user uma): the first sync stores every message, the newest 500 before
// any other (fetched by sequence number before the folder's UIDs are listed), a resync with no
// changes changes nothing, and both sides agree message by message.
#include "ImapSyncHarness.h"

#include "store/Database.h"
#include "store/Statement.h"
#include "sync/imap/ImapFolderSync.h"
#include "sync/imap/ImapSyncEngine.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Petrel;
using namespace Petrel::Test;

class TestImapSyncLarge : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void firstSyncStoresTenThousand();
    void resyncWithoutChangesChangesNothing();

private:
    static constexpr int Count = 10000;
    TestServers m_servers;
    TestUser m_user;
    QTemporaryDir m_dir;
    std::unique_ptr<ImapSyncHarness> m_harness;
};

void TestImapSyncLarge::initTestCase()
{
    m_servers = TestServers::load();
    QVERIFY2(m_servers.isValid(), qPrintable(m_servers.errorString()));
    m_user = m_servers.user(QStringLiteral("uma"));
    QVERIFY(m_user.isValid());
    QVERIFY(m_dir.isValid());
    m_harness = std::make_unique<ImapSyncHarness>(m_servers, m_user, m_dir.filePath(QStringLiteral("store.db")));
    QString error;
    QVERIFY2(m_harness->resetMailboxes(&error), qPrintable(error));
    QVERIFY2(m_harness->seed(Count, QString(), &error, 16384), qPrintable(error));
    QCOMPARE(m_servers.messageCount(m_user.login, QStringLiteral("INBOX")), Count);
}

void TestImapSyncLarge::firstSyncStoresTenThousand()
{
    // What the cache's Inbox holds when the sync first reports stored messages.
    int firstFetched = -1;
    int firstToFetch = -1;
    qint64 firstNewestRows = -1;
    const Core::ImapSyncResult r = m_harness->sync(300000, [&](Core::ImapSyncEngine &engine) {
        QObject::connect(&engine, &Core::ImapSyncEngine::progressed, [&](const Core::ImapSyncProgress &p) {
            if (firstFetched >= 0 || p.folder != QLatin1String("INBOX") || p.fetched == 0)
                return;
            firstFetched = p.fetched;
            firstToFetch = p.toFetch;
            auto db = Store::Database::open(m_harness->databasePath(), Store::Database::Role::Reader);
            // A fresh folder's UIDs are 1..Count; the writer thread may be a batch further by now.
            Store::Statement s(*db, "SELECT count(*) FROM messages m JOIN folders f ON f.id = m.folder_id"
                                    " WHERE f.account_id = ?1 AND f.path = 'INBOX' AND m.uid > ?2");
            s.bindInt64(1, m_harness->accountId()).bindInt64(2, Count - Core::ImapFolderSync::NewestBeforeListing);
            if (s.step())
                firstNewestRows = s.columnInt64(0);
        });
    });
    QVERIFY2(r.isOk(), qPrintable(r.message));
    QCOMPARE(r.newMessages, Count);
    constexpr int Newest = Core::ImapFolderSync::NewestBeforeListing;
    QCOMPARE(firstFetched, Newest);
    QCOMPARE(firstToFetch, Count); // the folder's size from SELECT: the UIDs were not listed yet
    QCOMPARE(firstNewestRows, qint64(Newest));
    const QString why = m_harness->differences(QStringLiteral("INBOX"));
    QVERIFY2(why.isEmpty(), qPrintable(why));
}

void TestImapSyncLarge::resyncWithoutChangesChangesNothing()
{
    const ImapSyncSnapshot before = m_harness->stored(QStringLiteral("INBOX"));
    const Core::ImapSyncResult r = m_harness->sync();
    QVERIFY2(r.isOk(), qPrintable(r.message));
    QCOMPARE(r.newMessages, 0);
    QCOMPARE(r.flagChanges, 0);
    QCOMPARE(r.expunged, 0);
    QCOMPARE(r.foldersDiscarded, 0);
    QCOMPARE(m_harness->stored(QStringLiteral("INBOX")), before);
}

QTEST_GUILESS_MAIN(TestImapSyncLarge)
#include "tst_imapsync_large.moc"
