// A 10,000-message folder (user uma): the first sync stores every message, a resync with no
// changes changes nothing, and both sides agree message by message.
#include "ImapSyncHarness.h"

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
    const Core::ImapSyncResult r = m_harness->sync();
    QVERIFY2(r.isOk(), qPrintable(r.message));
    QCOMPARE(r.newMessages, Count);
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
