// The IMAP folder watcher without a real server: its reconnect schedule (pure), and its behaviour
// against scripted servers on 127.0.0.1 for what Dovecot will not do (no IDLE, a refused login)
// and for IDLE's wake-up, step by step.
#include "ReplaySupport.h"
#include "ScriptServer.h"
#include "store/Database.h"
#include "store/StoreReader.h"
#include "store/StoreWriter.h"
#include "sync/imap/ImapLocalActions.h"
#include "sync/imap/ImapFolderWatcher.h"
#include "sync/imap/ImapWatchBackoff.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Petrel;
using Core::ImapFolderWatcher;
using State = Core::ImapFolderWatcher::State;

namespace {

const QByteArray login = "S: * OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN] ready\n"
                         "C: <1> AUTHENTICATE PLAIN AGZyYW5rAHNlY3JldA==\n";

QByteArray selectInbox(const QByteArray &tag, int exists, int uidNext)
{
    return "C: <" + tag + "> SELECT INBOX\n"
           "S: * FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\n"
           "S: * " + QByteArray::number(exists) + " EXISTS\n"
           "S: * OK [UIDVALIDITY 7] UIDs valid\n"
           "S: * OK [UIDNEXT " + QByteArray::number(uidNext) + "] Predicted next UID\n"
           "S: <" + tag + "> OK [READ-WRITE] Select completed.\n";
}

QByteArray searchAll(const QByteArray &tag, const QByteArray &uids)
{
    return "C: <" + tag + "> UID SEARCH ALL\n"
           "S: * SEARCH" + (uids.isEmpty() ? QByteArray() : " " + uids) + "\n"
           "S: <" + tag + "> OK Search completed.\n";
}

// UID 5 arrives: headers only (the watcher is told not to keep full bodies).
QByteArray fetchUid5(const QByteArray &tag)
{
    const QByteArray header = "Subject: arrived\r\nMessage-ID: <arrived-5@petrel.test>\r\n";
    return "C: <" + tag + "> UID FETCH 5 (UID FLAGS INTERNALDATE RFC822.SIZE BODYSTRUCTURE BODY.PEEK[HEADER.FIELDS (DATE SUBJECT FROM SENDER REPLY-TO TO CC BCC MESSAGE-ID IN-REPLY-TO REFERENCES)])\n"
           "S: * 1 FETCH (UID 5 FLAGS () INTERNALDATE \"21-Nov-2026 10:00:00 +0000\" RFC822.SIZE 120 ENVELOPE "
           "(\"Sat, 21 Nov 2026 10:00:00 +0000\" \"arrived\" ((\"Ann\" NIL \"ann\" \"petrel.test\")) "
           "((\"Ann\" NIL \"ann\" \"petrel.test\")) ((\"Ann\" NIL \"ann\" \"petrel.test\")) "
           "((\"Frank\" NIL \"frank\" \"petrel.test\")) NIL NIL NIL \"<arrived-5@petrel.test>\") "
           "BODYSTRUCTURE (\"TEXT\" \"PLAIN\" (\"CHARSET\" \"us-ascii\") NIL NIL \"7BIT\" 10 1) BODY[HEADER] {"
           + QByteArray::number(header.size()) + "}\n"
           "S: Subject: arrived\n"
           "S: Message-ID: <arrived-5@petrel.test>\n"
           "S: )\n"
           "S: <" + tag + "> OK Fetch completed.\n";
}

QByteArray logout(const QByteArray &tag)
{
    return "C: <" + tag + "> LOGOUT\n"
           "S: * BYE Logging out\n"
           "S: <" + tag + "> OK Logout completed.\n"
           "CLOSE\n";
}

// A store with one IMAP account whose INBOX is already cached (so no LIST is needed).
struct Fixture
{
    QTemporaryDir dir;
    std::unique_ptr<Store::StoreWriter> writer;
    qint64 accountId = 0;

    Fixture()
    {
        writer = std::make_unique<Store::StoreWriter>(dir.filePath(QStringLiteral("store.db")));
        Store::AccountRow row;
        row.name = QStringLiteral("scripted");
        row.protocol = Store::AccountProtocol::Imap;
        row.address = QStringLiteral("frank@petrel.test");
        accountId = writer->addAccount(row);
        writer->ensureFolder(accountId, QStringLiteral("INBOX"), Store::FolderRole::Inbox, QStringLiteral("Inbox"));
    }

    void configure(ImapFolderWatcher &w, quint16 port)
    {
        w.setConnectionSettings(ReplaySupport::settings(port, Net::Security::None));
        w.setCredentials({QStringLiteral("frank"), QStringLiteral("secret")});
        w.setOfflinePolicy({Core::ImapOfflinePolicy::Mode::None, 0});
    }
};

QList<qint64> newIds(const QSignalSpy &changed)
{
    QList<qint64> ids;
    for (const QList<QVariant> &args : changed)
        ids += args.at(0).value<Core::ImapFolderChange>().newMessageIds;
    return ids;
}

} // namespace

class TestImapSyncWatchReplay : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void backoffDoublesToTheCap();
    void backoffJitterStaysInBounds();
    void backoffAfterARefusedLoginIsLong();
    void pollsWhenTheServerLacksIdle();
    void idleWakesUpAndCatchesUp();
    void refusedLoginIsReportedAndWaitsLong();
    void localChangesAreSentWithoutWaitingForAReconnect();
};

void TestImapSyncWatchReplay::backoffDoublesToTheCap()
{
    const Core::ImapWatchBackoff b; // 2 s doubling to 5 min
    const QList<int> expected = {2000, 4000, 8000, 16000, 32000, 64000, 128000, 256000, 300000, 300000};
    for (int failures = 1; failures <= expected.size(); ++failures)
        QCOMPARE(b.delayMs(failures, false, 0.5), expected.at(failures - 1)); // 0.5: no jitter
    QCOMPARE(b.delayMs(1000000, false, 0.5), 300000); // no overflow, however long the outage
    QCOMPARE(b.delayMs(0, false, 0.5), 2000);         // nonsense in, the first delay out
    QCOMPARE(b.delayMs(-5, false, 0.5), 2000);

    Core::ImapWatchBackoff fast;
    fast.initialMs = 100;
    fast.maxMs = 350;
    fast.jitter = 0;
    QCOMPARE(fast.delayMs(1, false, 0.9), 100);
    QCOMPARE(fast.delayMs(2, false, 0.9), 200);
    QCOMPARE(fast.delayMs(3, false, 0.9), 350);
}

void TestImapSyncWatchReplay::backoffJitterStaysInBounds()
{
    const Core::ImapWatchBackoff b;
    QCOMPARE(b.delayMs(3, false, 0.0), 6400);  // 8 s - 20 %
    QCOMPARE(b.delayMs(3, false, 1.0), 9600);  // 8 s + 20 %
    QCOMPARE(b.delayMs(20, false, 1.0), 300000); // jitter never lifts a delay over the cap
    QCOMPARE(b.delayMs(20, false, 0.0), 240000);
    QCOMPARE(b.delayMs(3, false, 7.0), 9600); // a random number out of range is clamped
    QCOMPARE(b.delayMs(3, false, -1.0), 6400);
    QVERIFY(b.delayMs(3, false, 0.3) != b.delayMs(3, false, 0.7)); // clients cut off together spread out
}

void TestImapSyncWatchReplay::backoffAfterARefusedLoginIsLong()
{
    const Core::ImapWatchBackoff b;
    QCOMPARE(b.delayMs(1, true, 0.5), 30 * 60 * 1000);
    QVERIFY(b.delayMs(1, true, 0.0) >= 24 * 60 * 1000);
    QVERIFY(b.delayMs(1, true, 0.0) > b.delayMs(50, false, 1.0)); // longer than any network retry
}

void TestImapSyncWatchReplay::pollsWhenTheServerLacksIdle()
{
    // No IDLE in CAPABILITY: after the catch-up the watcher waits, then catches up again. The
    // script has no IDLE in it, so sending one fails the run.
    ScriptServer server(FakeServer::Mode::Plain);
    server.setTagPlaceholders(true);
    server.setScript(login + "S: <1> OK [CAPABILITY IMAP4rev1 UIDPLUS] Logged in\n" + selectInbox("2", 0, 5)
                     + searchAll("3", {}) + selectInbox("4", 1, 6) + searchAll("5", "5") + fetchUid5("6")
                     + logout("7"));
    QVERIFY(server.start());
    Fixture f;
    ImapFolderWatcher watcher(*f.writer, f.accountId, QStringLiteral("INBOX"));
    f.configure(watcher, server.port());
    watcher.setPollIntervalMs(300);
    QSignalSpy changed(&watcher, &ImapFolderWatcher::changed);
    QList<State> states;
    connect(&watcher, &ImapFolderWatcher::stateChanged, this, [&](State s, const QString &) { states.append(s); });
    watcher.start();

    QTRY_VERIFY2_WITH_TIMEOUT(changed.size() == 1, qPrintable(server.describe()), 15000);
    const auto change = changed.at(0).at(0).value<Core::ImapFolderChange>();
    QVERIFY(!change.initial); // the first catch-up found nothing; this came by polling
    QCOMPARE(change.folder, QStringLiteral("INBOX"));
    QCOMPARE(change.newMessageIds.size(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(watcher.state(), State::Polling, 15000);
    QVERIFY(!states.contains(State::Idling));
    QCOMPARE(states.count(State::Polling), 2);

    Store::StoreReader reader(f.writer->database().path());
    const auto message = reader.message(change.newMessageIds.first());
    QVERIFY(message);
    QCOMPARE(message->subject, QStringLiteral("arrived"));
    QCOMPARE(message->uid, 5);

    QSignalSpy stopped(&watcher, &ImapFolderWatcher::stopped);
    watcher.stop();
    QVERIFY(stopped.wait(15000));
    QCOMPARE(watcher.state(), State::Stopped);
    VERIFY_SCRIPT(server);
}

void TestImapSyncWatchReplay::idleWakesUpAndCatchesUp()
{
    // IDLE; an EXISTS and a FETCH arrive together: one DONE, one catch-up, IDLE again; stop()
    // ends the second IDLE with DONE and logs out.
    ScriptServer server(FakeServer::Mode::Plain);
    server.setTagPlaceholders(true);
    server.setScript(login + "S: <1> OK [CAPABILITY IMAP4rev1 IDLE UIDPLUS] Logged in\n" + selectInbox("2", 0, 5)
                     + searchAll("3", {})
                     + "C: <4> IDLE\n"
                       "S: + idling\n"
                       "S: * 1 EXISTS\n"
                       "S: * 1 FETCH (FLAGS (\\Seen))\n"
                       "C: DONE\n"
                       "S: <4> OK Idle completed.\n"
                     + selectInbox("5", 1, 6) + searchAll("6", "5") + fetchUid5("7")
                     + "C: <8> IDLE\n"
                       "S: + idling\n"
                       "C: DONE\n"
                       "S: <8> OK Idle completed.\n"
                     + logout("9"));
    QVERIFY(server.start());
    Fixture f;
    ImapFolderWatcher watcher(*f.writer, f.accountId, QStringLiteral("INBOX"));
    f.configure(watcher, server.port());
    QSignalSpy changed(&watcher, &ImapFolderWatcher::changed);
    QList<State> states;
    connect(&watcher, &ImapFolderWatcher::stateChanged, this, [&](State s, const QString &) { states.append(s); });
    watcher.start();

    QTRY_VERIFY2_WITH_TIMEOUT(changed.size() == 1, qPrintable(server.describe()), 15000);
    QCOMPARE(newIds(changed).size(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(states.count(State::Idling), 2, 15000);
    QVERIFY(!states.contains(State::Polling));

    QSignalSpy stopped(&watcher, &ImapFolderWatcher::stopped);
    watcher.stop();
    QVERIFY(stopped.wait(15000));
    VERIFY_SCRIPT(server);
}

void TestImapSyncWatchReplay::refusedLoginIsReportedAndWaitsLong()
{
    ScriptServer server(FakeServer::Mode::Plain);
    server.setTagPlaceholders(true);
    server.setScript(login + "S: <1> NO [AUTHENTICATIONFAILED] Authentication failed, said the server.\n");
    QVERIFY(server.start());
    Fixture f;
    ImapFolderWatcher watcher(*f.writer, f.accountId, QStringLiteral("INBOX"));
    f.configure(watcher, server.port());
    QSignalSpy stateChanged(&watcher, &ImapFolderWatcher::stateChanged);
    watcher.start();

    QTRY_COMPARE_WITH_TIMEOUT(watcher.state(), State::Offline, 15000);
    QVERIFY2(watcher.lastError().contains(QLatin1String("Authentication failed, said the server.")),
             qPrintable(watcher.lastError()));
    QCOMPARE(stateChanged.last().at(1).toString(), watcher.lastError());
    QCOMPARE(watcher.failures(), 1);
    QVERIFY2(watcher.retryDelayMs() >= Core::ImapWatchBackoff().authFailureMs * 8 / 10,
             qPrintable(QString::number(watcher.retryDelayMs())));

    QSignalSpy stopped(&watcher, &ImapFolderWatcher::stopped);
    watcher.stop(); // while waiting to retry: at once, nothing more sent
    QVERIFY(stopped.wait(5000));
    QCOMPARE(watcher.state(), State::Stopped);
    VERIFY_SCRIPT(server);
}

void TestImapSyncWatchReplay::localChangesAreSentWithoutWaitingForAReconnect()
{
    // Idling with UID 5 cached; the user flags it: IDLE ends, the STORE goes out on the same
    // session, the folder is caught up and IDLE resumes.
    ScriptServer server(FakeServer::Mode::Plain);
    server.setTagPlaceholders(true);
    server.setScript(login + "S: <1> OK [CAPABILITY IMAP4rev1 IDLE UIDPLUS] Logged in\n" + selectInbox("2", 1, 6)
                     + searchAll("3", "5") + fetchUid5("4")
                     + "C: <5> IDLE\n"
                       "S: + idling\n"
                       "C: DONE\n"
                       "S: <5> OK Idle completed.\n"
                       "C: <6> UID STORE 5 +FLAGS.SILENT (\\Flagged)\n"
                       "S: <6> OK Store completed.\n"
                     + selectInbox("7", 1, 6)
                     + "C: <8> UID FETCH 1:* (UID FLAGS)\n"
                       "S: * 1 FETCH (UID 5 FLAGS (\\Flagged))\n"
                       "S: <8> OK Fetch completed.\n"
                     + searchAll("9", "5")
                     + "C: <10> IDLE\n"
                       "S: + idling\n"
                       "C: DONE\n"
                       "S: <10> OK Idle completed.\n"
                     + logout("11"));
    QVERIFY(server.start());
    Fixture f;
    ImapFolderWatcher watcher(*f.writer, f.accountId, QStringLiteral("INBOX"));
    f.configure(watcher, server.port());
    QSignalSpy changed(&watcher, &ImapFolderWatcher::changed);
    QList<State> states;
    connect(&watcher, &ImapFolderWatcher::stateChanged, this, [&](State s, const QString &) { states.append(s); });
    watcher.start();
    QTRY_VERIFY2_WITH_TIMEOUT(watcher.state() == State::Idling, qPrintable(server.describe()), 15000);
    QCOMPARE(changed.size(), 1);
    const auto first = changed.at(0).at(0).value<Core::ImapFolderChange>();
    QVERIFY(first.initial);
    QCOMPARE(first.newMessageIds.size(), 1);

    Store::StoreReader reader(f.writer->database().path());
    Core::ImapLocalActions actions(*f.writer, reader);
    QCOMPARE(actions.setFlags(first.newMessageIds.first(), Store::MessageFlag::Flagged, {}), QString());
    QCOMPARE(reader.pendingOperations(f.accountId).size(), 1);
    watcher.replayLocalChanges();

    QTRY_VERIFY2_WITH_TIMEOUT(states.count(State::Idling) == 2, qPrintable(server.describe()), 15000);
    QVERIFY(reader.pendingOperations(f.accountId).isEmpty());
    QVERIFY(reader.message(first.newMessageIds.first())->flags.testFlag(Store::MessageFlag::Flagged));

    QSignalSpy stopped(&watcher, &ImapFolderWatcher::stopped);
    watcher.stop();
    QVERIFY(stopped.wait(15000));
    VERIFY_SCRIPT(server);
}

QTEST_GUILESS_MAIN(TestImapSyncWatchReplay)
#include "tst_imapsync_watch_replay.moc"
