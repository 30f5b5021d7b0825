// The IMAP sync engine against the fixture's second, "poor" Dovecot: no CONDSTORE, QRESYNC, MOVE,
// UIDPLUS, LITERAL+ or IDLE. Flags are refetched, expunges found by UID comparison, moves done as
// COPY + STORE \Deleted + EXPUNGE. The test also stops that server to check that actions taken
// offline stay queued and are replayed once it is back. User tom only (the poor server is his).
#include "ImapSyncHarness.h"

#include "store/StoreReader.h"
#include "store/StoreWriter.h"
#include "sync/imap/ImapLocalActions.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Petrel;
using namespace Petrel::Test;

class TestImapSyncPoor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void firstSyncWithoutExtensions();
    void serverFlagChangesAndExpungesWithoutCondStore();
    void localActionsReachThePoorServer();
    void appendCopyAndFoldersWithoutLiteralPlusOrUidPlus();
    void actionsWhileTheServerIsStoppedAreReplayedLater();
    void sparseUidsAreListedByMessageCount();

private:
    QList<quint32> serverUids(const QString &mailbox) const { return m_harness->onServer(mailbox).keys(); }
    QString act(const std::function<QString(Core::ImapLocalActions &)> &action);

    TestServers m_servers;
    TestUser m_user;
    QTemporaryDir m_dir;
    std::unique_ptr<ImapSyncHarness> m_harness;
    bool m_stopped = false;
};

void TestImapSyncPoor::initTestCase()
{
    m_servers = TestServers::load();
    QVERIFY2(m_servers.isValid(), qPrintable(m_servers.errorString()));
    m_user = m_servers.user(QStringLiteral("tom"));
    QVERIFY(m_user.isValid());
    QVERIFY(m_dir.isValid());
    m_harness = std::make_unique<ImapSyncHarness>(m_servers, m_user, m_dir.filePath(QStringLiteral("store.db")));
    m_harness->setPort(m_servers.poorImapTlsPort());
    QString error;
    QVERIFY2(m_harness->resetMailboxes(&error), qPrintable(error));
    QVERIFY2(m_harness->seed(60, QString(), &error), qPrintable(error));
    QVERIFY2(m_harness->seed(8, QStringLiteral("Projects"), &error), qPrintable(error));
}

void TestImapSyncPoor::cleanupTestCase()
{
    // Whatever happened, leave the poor server running for a rerun of this test.
    QString error;
    if (m_stopped && !m_servers.startPoorServer(&error))
        qWarning("could not restart the poor Dovecot: %s", qPrintable(error));
}

QString TestImapSyncPoor::act(const std::function<QString(Core::ImapLocalActions &)> &action)
{
    Store::StoreReader reader(m_harness->databasePath());
    Core::ImapLocalActions actions(m_harness->writer(), reader);
    return action(actions);
}

void TestImapSyncPoor::firstSyncWithoutExtensions()
{
    const Core::ImapSyncResult r = m_harness->sync();
    QVERIFY2(r.isOk(), qPrintable(r.message));
    QCOMPARE(r.newMessages, 68);
    for (const QString &mailbox : {QStringLiteral("INBOX"), QStringLiteral("Projects")}) {
        const QString why = m_harness->differences(mailbox);
        QVERIFY2(why.isEmpty(), qPrintable(why));
    }
    // Without CONDSTORE the server reports no HIGHESTMODSEQ, so none is kept: the next pass must
    // refetch flags rather than ask for changes since a mod-sequence.
    Store::StoreReader reader(m_harness->databasePath());
    for (const Store::FolderRow &f : reader.folders(m_harness->accountId()))
        QCOMPARE(f.highestModSeq, qint64(0));
}

void TestImapSyncPoor::serverFlagChangesAndExpungesWithoutCondStore()
{
    QString error;
    const ImapSyncSnapshot before = m_harness->onServer(QStringLiteral("INBOX"));
    const QList<quint32> uids = before.keys();
    QVERIFY(uids.size() >= 20);
    // Seeded messages carry random flags: flag seven that are not flagged yet (among the first ten).
    QStringList toFlag;
    for (int i = 0; i < 10 && toFlag.size() < 7; ++i) {
        if (!before.value(uids.at(i)).flags.contains(QStringLiteral("\\Flagged")))
            toFlag << QString::number(uids.at(i));
    }
    QVERIFY(!toFlag.isEmpty());
    QVERIFY2(m_harness->doveadm({QStringLiteral("flags"), QStringLiteral("add")},
                                {QStringLiteral("\\Flagged"), QStringLiteral("mailbox"), QStringLiteral("INBOX"),
                                 QStringLiteral("uid"), toFlag.join(QLatin1Char(','))},
                                &error),
             qPrintable(error));
    QVERIFY2(m_harness->doveadm({QStringLiteral("expunge")},
                                {QStringLiteral("mailbox"), QStringLiteral("INBOX"), QStringLiteral("uid"),
                                 QStringLiteral("%1:%2").arg(uids.at(10)).arg(uids.at(12))},
                                &error),
             qPrintable(error));
    const Core::ImapSyncResult r = m_harness->sync();
    QVERIFY2(r.isOk(), qPrintable(r.message));
    QCOMPARE(r.flagChanges, int(toFlag.size()));
    QCOMPARE(r.expunged, 3);
    QCOMPARE(r.newMessages, 0);
    const QString why = m_harness->differences(QStringLiteral("INBOX"));
    QVERIFY2(why.isEmpty(), qPrintable(why));
}

void TestImapSyncPoor::localActionsReachThePoorServer()
{
    const QList<quint32> inbox = serverUids(QStringLiteral("INBOX"));
    const int projectsBefore = m_servers.messageCount(m_user.login, QStringLiteral("Projects"));
    const int trashBefore = m_servers.messageCount(m_user.login, QStringLiteral("Trash"));
    const quint32 flagged = inbox.at(20), moved = inbox.at(21), deleted = inbox.at(22);
    QCOMPARE(act([&](Core::ImapLocalActions &a) {
                 return a.setFlags(m_harness->localId(QStringLiteral("INBOX"), flagged), Store::MessageFlag::Flagged,
                                   Store::MessageFlag::Seen);
             }),
             QString());
    QCOMPARE(act([&](Core::ImapLocalActions &a) {
                 return a.move(m_harness->localId(QStringLiteral("INBOX"), moved), QStringLiteral("Projects"));
             }),
             QString());
    QCOMPARE(act([&](Core::ImapLocalActions &a) { return a.remove(m_harness->localId(QStringLiteral("INBOX"), deleted)); }),
             QString());

    const Core::ImapSyncResult r = m_harness->sync();
    QVERIFY2(r.isOk(), qPrintable(r.message));
    QVERIFY2(r.warnings.isEmpty(), qPrintable(r.warnings.join(QLatin1Char('\n'))));
    QCOMPARE(r.replayed, 3);
    QCOMPARE(m_harness->pendingOperations(), 0);
    const ImapSyncSnapshot server = m_harness->onServer(QStringLiteral("INBOX"));
    QVERIFY(server.value(flagged).flags.contains(QStringLiteral("\\Flagged")));
    QVERIFY(!server.value(flagged).flags.contains(QStringLiteral("\\Seen")));
    QVERIFY(!server.contains(moved));   // COPY + STORE \Deleted + EXPUNGE, as there is no MOVE
    QVERIFY(!server.contains(deleted)); // to Trash the same way
    QCOMPARE(m_servers.messageCount(m_user.login, QStringLiteral("Projects")), projectsBefore + 1);
    QCOMPARE(m_servers.messageCount(m_user.login, QStringLiteral("Trash")), trashBefore + 1);
    for (const QString &mailbox : {QStringLiteral("INBOX"), QStringLiteral("Projects"), QStringLiteral("Trash")}) {
        const QString why = m_harness->differences(mailbox);
        QVERIFY2(why.isEmpty(), qPrintable(why));
    }

    // Deleting in Trash removes for good: STORE \Deleted and a plain EXPUNGE (no UIDPLUS).
    const quint32 inTrash = serverUids(QStringLiteral("Trash")).constFirst();
    QCOMPARE(act([&](Core::ImapLocalActions &a) { return a.remove(m_harness->localId(QStringLiteral("Trash"), inTrash)); }),
             QString());
    const Core::ImapSyncResult again = m_harness->sync();
    QVERIFY2(again.isOk(), qPrintable(again.message));
    QVERIFY2(again.warnings.isEmpty(), qPrintable(again.warnings.join(QLatin1Char('\n'))));
    QCOMPARE(m_servers.messageCount(m_user.login, QStringLiteral("Trash")), trashBefore);
}

void TestImapSyncPoor::appendCopyAndFoldersWithoutLiteralPlusOrUidPlus()
{
    // A folder name outside ASCII (modified UTF-7 on the wire), an APPEND whose message goes as a
    // synchronising literal (no LITERAL+) and gets no APPENDUID (no UIDPLUS), and a COPY without
    // COPYUID: the folder syncs bring the server's copies, never a second one.
    const QString folder = QStringLiteral("Projekte/Übersicht");
    QCOMPARE(act([&](Core::ImapLocalActions &a) { return a.createFolder(m_harness->accountId(), QStringLiteral("Projekte")); }),
             QString());
    QCOMPARE(act([&](Core::ImapLocalActions &a) { return a.createFolder(m_harness->accountId(), folder); }), QString());
    const QByteArray raw = "From: Tom <tom@petrel.test>\r\nTo: tom@petrel.test\r\nSubject: appended without LITERAL+\r\n"
                           "Message-ID: <poor-append@petrel.test>\r\nDate: Sun, 22 Nov 2026 08:00:00 +0000\r\n\r\n"
                           "Hello from a client that must wait for the server's go-ahead.\r\n";
    QCOMPARE(act([&](Core::ImapLocalActions &a) {
                 return a.append(m_harness->accountId(), folder, raw, Store::MessageFlag::Seen);
             }),
             QString());
    const quint32 copied = serverUids(QStringLiteral("INBOX")).at(25);
    QCOMPARE(act([&](Core::ImapLocalActions &a) { return a.copy(m_harness->localId(QStringLiteral("INBOX"), copied), folder); }),
             QString());

    const Core::ImapSyncResult r = m_harness->sync();
    QVERIFY2(r.isOk(), qPrintable(r.message));
    QVERIFY2(r.warnings.isEmpty(), qPrintable(r.warnings.join(QLatin1Char('\n'))));
    QCOMPARE(m_harness->pendingOperations(), 0);
    QCOMPARE(m_servers.messageCount(m_user.login, folder), 2);
    const ImapSyncSnapshot server = m_harness->onServer(folder);
    QStringList ids;
    for (const ImapSyncSnapshotEntry &e : server)
        ids << e.messageId;
    QVERIFY2(ids.contains(QStringLiteral("poor-append@petrel.test")), qPrintable(ids.join(QLatin1Char(' '))));
    const QString why = m_harness->differences(folder);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    QVERIFY(m_harness->storedFolders().contains(folder + QStringLiteral(":none")));
}

void TestImapSyncPoor::actionsWhileTheServerIsStoppedAreReplayedLater()
{
    const QList<quint32> inbox = serverUids(QStringLiteral("INBOX"));
    const quint32 read = inbox.at(30), archived = inbox.at(31);
    const int archiveBefore = m_servers.messageCount(m_user.login, QStringLiteral("Archive"));

    QString error;
    QVERIFY2(m_servers.stopPoorServer(&error), qPrintable(error));
    m_stopped = true;

    // Offline: the cache changes at once, the changes wait in the queue.
    const qint64 readId = m_harness->localId(QStringLiteral("INBOX"), read);
    QCOMPARE(act([&](Core::ImapLocalActions &a) { return a.setFlags(readId, Store::MessageFlag::Seen | Store::MessageFlag::Answered, {}); }),
             QString());
    QCOMPARE(act([&](Core::ImapLocalActions &a) {
                 return a.move(m_harness->localId(QStringLiteral("INBOX"), archived), QStringLiteral("Archive"));
             }),
             QString());
    QVERIFY(m_harness->stored(QStringLiteral("INBOX")).value(read).flags.contains(QStringLiteral("\\Answered")));
    QVERIFY(!m_harness->stored(QStringLiteral("INBOX")).contains(archived));
    QCOMPARE(m_harness->pendingOperations(), 2);

    const Core::ImapSyncResult offline = m_harness->sync();
    QVERIFY(!offline.isOk());
    QCOMPARE(offline.error, Core::ImapSyncResult::Error::Server);
    QVERIFY2(offline.message.contains(QStringLiteral("refused"), Qt::CaseInsensitive),
             qPrintable(offline.message)); // connection refused, said so
    QCOMPARE(m_harness->pendingOperations(), 2);
    QVERIFY(m_harness->stored(QStringLiteral("INBOX")).value(read).flags.contains(QStringLiteral("\\Answered")));

    // The server comes back: the queue goes out in order and the cache matches the server.
    QVERIFY2(m_servers.startPoorServer(&error), qPrintable(error));
    m_stopped = false;
    const Core::ImapSyncResult back = m_harness->sync();
    QVERIFY2(back.isOk(), qPrintable(back.message));
    QCOMPARE(back.replayed, 2);
    QCOMPARE(m_harness->pendingOperations(), 0);
    const ImapSyncSnapshot server = m_harness->onServer(QStringLiteral("INBOX"));
    QVERIFY(server.value(read).flags.contains(QStringLiteral("\\Answered")));
    QVERIFY(server.value(read).flags.contains(QStringLiteral("\\Seen")));
    QVERIFY(!server.contains(archived));
    QCOMPARE(m_servers.messageCount(m_user.login, QStringLiteral("Archive")), archiveBefore + 1);
    for (const QString &mailbox : {QStringLiteral("INBOX"), QStringLiteral("Archive")}) {
        const QString why = m_harness->differences(mailbox);
        QVERIFY2(why.isEmpty(), qPrintable(why));
    }
}

// Without ESEARCH, a folder whose UIDs lie past one 50,000-UID window is listed by windows that
// follow its message count, not its UIDNEXT: these five messages take one plain UID SEARCH (the
// windows of a larger folder: tst_imap_search_windows). Listing and expunges stay exact.
void TestImapSyncPoor::sparseUidsAreListedByMessageCount()
{
    const QString folder = QStringLiteral("Windowed");
    QString error;
    QVERIFY2(m_harness->seed(3, folder, &error), qPrintable(error));
    QVERIFY2(m_harness->doveadm({QStringLiteral("mailbox"), QStringLiteral("update")},
                                {QStringLiteral("--min-next-uid"), QStringLiteral("150000"), folder}, &error),
             qPrintable(error));
    QVERIFY2(m_harness->seed(2, folder, &error), qPrintable(error));
    const QList<quint32> uids = serverUids(folder);
    QCOMPARE(uids.size(), 5);
    QCOMPARE(uids.last(), 150001u);

    Core::ImapSyncResult r = m_harness->sync();
    QVERIFY2(r.isOk(), qPrintable(r.message));
    QString why = m_harness->differences(folder);
    QVERIFY2(why.isEmpty(), qPrintable(why));

    // The highest UID goes: the listing must not keep it.
    QVERIFY2(m_harness->doveadm({QStringLiteral("expunge")},
                                {QStringLiteral("mailbox"), folder, QStringLiteral("uid"), QStringLiteral("150001")},
                                &error),
             qPrintable(error));
    r = m_harness->sync();
    QVERIFY2(r.isOk(), qPrintable(r.message));
    QCOMPARE(r.expunged, 1);
    why = m_harness->differences(folder);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    QCOMPARE(m_harness->stored(folder).keys(), uids.mid(0, 4));
}

QTEST_GUILESS_MAIN(TestImapSyncPoor)
#include "tst_imapsync_poor.moc"
