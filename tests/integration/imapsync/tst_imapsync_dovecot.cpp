// The IMAP sync engine against the fixture's real Dovecot (user heidi only: tests run in parallel).
#include "ImapSyncHarness.h"

#include "store/Database.h"
#include "store/Statement.h"
#include "store/StoreWriter.h"


#include <QTemporaryDir>
#include <QTest>

using namespace Petrel;
using namespace Petrel::Test;

class TestImapSyncDovecot : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void firstSyncStoresEveryEnvelopeAndFlag();
    void resyncWithoutChangesChangesNothing();
    void aMessageOnlyTheCacheLostComesBack();
    void serverFlagChangesReachTheCache();
    void serverExpungeRemovesFromTheCache();
    void uidValidityChangeDiscardsAndRefetches();
    void vanishedFolderLeavesTheCache();

private:
    void expectInSync(const QString &mailbox);

    TestServers m_servers;
    TestUser m_user;
    QTemporaryDir m_dir;
    std::unique_ptr<ImapSyncHarness> m_harness;
};

void TestImapSyncDovecot::initTestCase()
{
    m_servers = TestServers::load();
    QVERIFY2(m_servers.isValid(), qPrintable(m_servers.errorString()));
    m_user = m_servers.user(QStringLiteral("heidi"));
    QVERIFY(m_user.isValid());
    QVERIFY(m_dir.isValid());
    m_harness = std::make_unique<ImapSyncHarness>(m_servers, m_user, m_dir.filePath(QStringLiteral("store.db")));
    QString error;
    QVERIFY2(m_harness->resetMailboxes(&error), qPrintable(error));
    QVERIFY2(m_harness->seed(200, QString(), &error), qPrintable(error));
    QVERIFY2(m_harness->seed(15, QStringLiteral("Projects"), &error), qPrintable(error));
}

void TestImapSyncDovecot::expectInSync(const QString &mailbox)
{
    const QString why = m_harness->differences(mailbox);
    QVERIFY2(why.isEmpty(), qPrintable(why));
}

void TestImapSyncDovecot::firstSyncStoresEveryEnvelopeAndFlag()
{
    const Core::ImapSyncResult r = m_harness->sync();
    QVERIFY2(r.isOk(), qPrintable(r.message));
    QCOMPARE(r.newMessages, 215);
    QCOMPARE(r.withBody, 200); // Inbox bodies are on by default; other folders get headers only
    // The fixture's Dovecot makes the special-use folders itself; their roles come from LIST.
    const QStringList folders = {QStringLiteral("Archive:archive"), QStringLiteral("Drafts:drafts"),
                                 QStringLiteral("INBOX:inbox"),     QStringLiteral("Junk:junk"),
                                 QStringLiteral("Projects:none"),   QStringLiteral("Sent:sent"),
                                 QStringLiteral("Trash:trash")};
    QCOMPARE(m_harness->storedFolders(), folders);
    QCOMPARE(r.folders, 7);
    QCOMPARE(r.foldersAdded, 7);
    expectInSync(QStringLiteral("INBOX"));
    expectInSync(QStringLiteral("Projects"));
    QCOMPARE(m_harness->storedBodies(QStringLiteral("INBOX")), 200);
    QCOMPARE(m_harness->storedBodies(QStringLiteral("Projects")), 0);
}

void TestImapSyncDovecot::resyncWithoutChangesChangesNothing()
{
    const ImapSyncSnapshot before = m_harness->stored(QStringLiteral("INBOX"));
    const Core::ImapSyncResult r = m_harness->sync();
    QVERIFY2(r.isOk(), qPrintable(r.message));
    QCOMPARE(r.newMessages, 0);
    QCOMPARE(r.flagChanges, 0);
    QCOMPARE(r.expunged, 0);
    QCOMPARE(r.foldersAdded, 0);
    QCOMPARE(r.foldersRemoved, 0);
    QCOMPARE(r.foldersDiscarded, 0);
    QCOMPARE(m_harness->stored(QStringLiteral("INBOX")), before);
}

void TestImapSyncDovecot::aMessageOnlyTheCacheLostComesBack()
{
    // Nothing changed on the server (QRESYNC reports nothing, UIDNEXT is the same), but the cache
    // lacks a message: the counts differ, so the pass must not take its no-change shortcut.
    const QList<quint32> uids = m_harness->stored(QStringLiteral("INBOX")).keys();
    QVERIFY(uids.size() >= 10);
    const quint32 lost = uids.at(5);
    {
        Store::Statement s(m_harness->writer().database(),
                           "DELETE FROM messages WHERE uid = ?1 AND folder_id ="
                           " (SELECT id FROM folders WHERE account_id = ?2 AND path = 'INBOX')");
        s.bindInt64(1, lost).bindInt64(2, m_harness->accountId());
        s.step();
    }
    QVERIFY(!m_harness->stored(QStringLiteral("INBOX")).contains(lost));
    const Core::ImapSyncResult r = m_harness->sync();
    QVERIFY2(r.isOk(), qPrintable(r.message));
    QCOMPARE(r.newMessages, 1);
    QVERIFY(m_harness->stored(QStringLiteral("INBOX")).contains(lost));
    expectInSync(QStringLiteral("INBOX"));
}

void TestImapSyncDovecot::serverFlagChangesReachTheCache()
{
    QString error;
    // UIDs do not restart when the fixture's mailbox is emptied: address messages by position.
    const QList<quint32> uids = m_harness->onServer(QStringLiteral("INBOX")).keys();
    QVERIFY(uids.size() >= 10);
    const QString firstTen = QStringLiteral("%1:%2").arg(uids.at(0)).arg(uids.at(9));
    QVERIFY2(m_harness->doveadm({QStringLiteral("flags"), QStringLiteral("add")},
                                {QStringLiteral("\\Flagged $Petrel"), QStringLiteral("mailbox"), QStringLiteral("INBOX"),
                                 QStringLiteral("uid"), firstTen},
                                &error),
             qPrintable(error));
    QVERIFY2(m_harness->doveadm({QStringLiteral("flags"), QStringLiteral("remove")},
                                {QStringLiteral("\\Seen"), QStringLiteral("mailbox"), QStringLiteral("Projects"),
                                 QStringLiteral("all")},
                                &error),
             qPrintable(error));
    const Core::ImapSyncResult r = m_harness->sync();
    QVERIFY2(r.isOk(), qPrintable(r.message));
    QVERIFY(r.flagChanges >= 10);
    QCOMPARE(r.newMessages, 0);
    expectInSync(QStringLiteral("INBOX"));
    expectInSync(QStringLiteral("Projects"));
    QVERIFY(m_harness->stored(QStringLiteral("INBOX")).value(uids.at(4)).flags.contains(QStringLiteral("$Petrel")));
}

void TestImapSyncDovecot::serverExpungeRemovesFromTheCache()
{
    QString error;
    const QList<quint32> uids = m_harness->onServer(QStringLiteral("INBOX")).keys();
    QVERIFY(uids.size() >= 25);
    QVERIFY2(m_harness->doveadm({QStringLiteral("expunge")},
                                {QStringLiteral("mailbox"), QStringLiteral("INBOX"), QStringLiteral("uid"),
                                 QStringLiteral("%1:%2").arg(uids.at(19)).arg(uids.at(23))},
                                &error),
             qPrintable(error));
    const Core::ImapSyncResult r = m_harness->sync();
    QVERIFY2(r.isOk(), qPrintable(r.message));
    QCOMPARE(r.expunged, 5);
    QVERIFY(!m_harness->stored(QStringLiteral("INBOX")).contains(uids.at(21)));
    expectInSync(QStringLiteral("INBOX"));
}

void TestImapSyncDovecot::uidValidityChangeDiscardsAndRefetches()
{
    QString error;
    const QString newValidity = QString::number(QDateTime::currentSecsSinceEpoch() % 100000000 + 7);
    QVERIFY2(m_harness->doveadm({QStringLiteral("mailbox"), QStringLiteral("update")},
                                {QStringLiteral("--uid-validity"), newValidity, QStringLiteral("Projects")}, &error),
             qPrintable(error));
    const Core::ImapSyncResult r = m_harness->sync();
    QVERIFY2(r.isOk(), qPrintable(r.message));
    QCOMPARE(r.foldersDiscarded, 1);
    QCOMPARE(r.newMessages, 15);
    expectInSync(QStringLiteral("Projects"));
}

void TestImapSyncDovecot::vanishedFolderLeavesTheCache()
{
    QString error;
    QVERIFY2(m_harness->doveadm({QStringLiteral("mailbox"), QStringLiteral("delete")},
                                {QStringLiteral("-r"), QStringLiteral("Projects")}, &error),
             qPrintable(error));
    const Core::ImapSyncResult r = m_harness->sync();
    QVERIFY2(r.isOk(), qPrintable(r.message));
    QCOMPARE(r.foldersRemoved, 1);
    QVERIFY(!m_harness->storedFolders().contains(QStringLiteral("Projects:none")));
    QCOMPARE(m_harness->storedFolders().size(), 6);
    QVERIFY(m_harness->stored(QStringLiteral("Projects")).isEmpty());
}

QTEST_GUILESS_MAIN(TestImapSyncDovecot)
#include "tst_imapsync_dovecot.moc"
