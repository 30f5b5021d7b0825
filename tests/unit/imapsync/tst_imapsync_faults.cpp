// ImapSyncEngine and a real store against scripted IMAP servers (faults/*.txt, one case per file)
// that do what Dovecot will not: NO, BAD and BYE at every stage, connections dropped inside a
// literal, oversized literals and lines, garbage, silence, UIDVALIDITY and UID surprises. Each
// pass ends in exactly one finished() with an error in the server's words (or the documented
// recovery), and the cache afterwards is exactly what it was, plus what was legitimately committed.
#include "ReplaySupport.h"
#include "ScriptServer.h"
#include "TempProfile.h"
#include "store/Database.h"
#include "store/Statement.h"
#include "store/StoreReader.h"
#include "store/StoreWriter.h"
#include "sync/imap/ImapLocalActions.h"
#include "sync/imap/ImapSyncEngine.h"

#include <QFile>
#include <QMap>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QtTest>

#include <memory>

// For helpers that verify: stop the test function once one of them failed.
#define RETURN_IF_FAILED()                                                                                             \
    do {                                                                                                               \
        if (QTest::currentTestFailed())                                                                                \
            return;                                                                                                    \
    } while (false)

using namespace Petrel;
using Core::ImapSyncResult;

namespace {

// Reads faults/<name>; a line "#include <part>" is replaced by faults/<part>, so the cases share
// the passes' healthy stretches. Empty (and *error set) when a file is missing.
QByteArray loadScript(const QString &name, QString *error, int depth = 0)
{
    QFile file(qEnvironmentVariable("PETREL_TEST_DATA") + QStringLiteral("/faults/") + name);
    if (depth > 4 || !file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read script %1").arg(name);
        return {};
    }
    QByteArray out;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (line.startsWith("#include ")) {
            const QByteArray part = loadScript(QString::fromUtf8(line.mid(9).trimmed()), error, depth + 1);
            if (!error->isEmpty())
                return {};
            out += part;
        } else {
            out += line + '\n';
        }
    }
    return out;
}

struct Pass
{
    ImapSyncResult result;
    int finishedCount = 0;
    QString scriptError; // the client sent what the script did not expect
    bool scriptDone = false;
};

// "Archive:1,2 INBOX:1,3": each folder's cached UIDs ("NULL" for a local copy without one).
QString uidsByFolder(const QStringList &snapshot)
{
    QMap<QString, QStringList> uids;
    static const QRegularExpression folder(QStringLiteral("^folder (\\S+) "));
    static const QRegularExpression message(QStringLiteral("^message (\\S+) uid=(\\S+) "));
    for (const QString &line : snapshot) {
        if (const QRegularExpressionMatch m = folder.match(line); m.hasMatch())
            uids[m.captured(1)];
        if (const QRegularExpressionMatch m = message.match(line); m.hasMatch())
            uids[m.captured(1)] << m.captured(2);
    }
    QStringList out;
    for (auto it = uids.cbegin(); it != uids.cend(); ++it)
        out << it.key() + QLatin1Char(':') + it->join(QLatin1Char(','));
    return out.join(QLatin1Char(' '));
}

QString describe(const ImapSyncResult &r)
{
    return QStringLiteral("error %1: %2 (server: %3; warnings: %4)")
        .arg(int(r.error))
        .arg(r.message, r.serverText, r.warnings.join(QStringLiteral(" | ")));
}

} // namespace

class ImapSyncFaultsTest : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Test::TempProfile> m_profile;
    std::unique_ptr<Store::StoreWriter> m_writer;
    qint64 m_account = 0;

    QString databasePath() const { return m_profile->filePath(QStringLiteral("petrel.sqlite")); }

    // One pass against the script; junk, when given, is sent raw once the script is through.
    void runPass(const QByteArray &script, Pass *pass, int idleTimeoutMs = 10000, const QByteArray &junk = {})
    {
        ScriptServer server(FakeServer::Mode::Plain);
        server.setTagPlaceholders(true);
        server.setScript(script);
        if (!junk.isEmpty())
            server.append(ScriptServer::Step::Kind::Send, junk);
        QVERIFY(server.start());
        Core::ImapSyncEngine engine(*m_writer, m_account);
        Net::ConnectionSettings settings = ReplaySupport::settings(server.port(), Net::Security::None);
        settings.idleTimeoutMs = idleTimeoutMs;
        engine.setConnectionSettings(settings);
        engine.setCredentials({QStringLiteral("frank"), QStringLiteral("secret")});
        engine.setBatchSize(2);
        // The scripts fetch Inbox bodies with the envelopes (one FETCH per batch); the separate
        // bodies phase of the default path is covered by imapsync_bodies and imapsync_offline.
        engine.setBodiesWithEnvelope(true);
        QSignalSpy finished(&engine, &Core::ImapSyncEngine::finished);
        engine.start();
        // Generous: the slowest case waits for the (short) idle timeout or the LOGOUT grace period.
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 30000);
        QTest::qWait(50); // a second finished() would show here
        pass->finishedCount = int(finished.size());
        pass->result = finished.first().first().value<ImapSyncResult>();
        pass->scriptError = server.error();
        pass->scriptDone = server.isDone();
    }

    void runScript(const QString &name, Pass *pass, int idleTimeoutMs = 10000, const QByteArray &junk = {})
    {
        QString error;
        const QByteArray script = loadScript(name, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        runPass(script, pass, idleTimeoutMs, junk);
    }

    // A healthy pass to its end: Ok, and the script played out exactly.
    void runHealthy(const QString &name, Pass *pass)
    {
        runScript(name, pass);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(pass->finishedCount, 1);
        QVERIFY2(pass->scriptError.isEmpty(), qPrintable(pass->scriptError));
        QVERIFY2(pass->result.isOk(), qPrintable(describe(pass->result)));
        QVERIFY(pass->scriptDone);
    }

    // Everything of the account that a pass may touch, one line per row, in a stable order.
    QStringList snapshot()
    {
        QStringList out;
        auto db = Store::Database::open(databasePath(), Store::Database::Role::Reader);
        const QByteArray queries[] = {
            "SELECT 'folder ' || path || ' role=' || role || ' name=' || display_name || ' delim=' || delimiter"
            " || ' uidvalidity=' || uidvalidity || ' uidnext=' || uidnext || ' modseq=' || highestmodseq"
            " || ' unread=' || unread_count || ' total=' || total_count"
            " FROM folders WHERE account_id = ?1 ORDER BY path",
            "SELECT 'message ' || f.path || ' uid=' || quote(m.uid) || ' id=' || m.id || ' flags=' || m.flags"
            " || ' keywords=' || m.keywords || ' msgid=' || m.message_id || ' subject=' || m.subject"
            " || ' size=' || m.size || ' date=' || m.internal_date || ' has_body=' || m.has_body"
            " || ' raw=' || coalesce(length(r.raw), -1) || ' hash=' || m.content_hash"
            " FROM messages m JOIN folders f ON f.id = m.folder_id LEFT JOIN message_raw r ON r.message_id = m.id"
            " WHERE f.account_id = ?1 ORDER BY f.path, m.uid, m.id",
            "SELECT 'pending ' || id || ' ' || kind || ' ' || payload_json || ' attempts=' || attempts"
            " || ' error=' || last_error FROM pending_operations WHERE account_id = ?1 ORDER BY id",
        };
        for (const QByteArray &sql : queries) {
            Store::Statement s(*db, sql);
            s.bindInt64(1, m_account);
            while (s.step())
                out << s.columnText(0);
        }
        return out;
    }

    qint64 messageId(const QString &folder, qint64 uid)
    {
        auto db = Store::Database::open(databasePath(), Store::Database::Role::Reader);
        Store::Statement s(*db, "SELECT m.id FROM messages m JOIN folders f ON f.id = m.folder_id"
                                " WHERE f.account_id = ?1 AND f.path = ?2 AND m.uid = ?3");
        s.bindInt64(1, m_account).bindText(2, folder).bindInt64(3, uid);
        return s.step() ? s.columnInt64(0) : 0;
    }

    // Local changes waiting for the next pass: INBOX 1 read, INBOX 2 moved to Archive, INBOX 3
    // unflagged (in this order).
    void queueLocalChanges()
    {
        Store::StoreReader reader(databasePath());
        Core::ImapLocalActions actions(*m_writer, reader);
        QCOMPARE(actions.setFlags(messageId(QStringLiteral("INBOX"), 1), Store::MessageFlag::Seen, {}), QString());
        QCOMPARE(actions.move(messageId(QStringLiteral("INBOX"), 2), QStringLiteral("Archive")), QString());
        QCOMPARE(actions.setFlags(messageId(QStringLiteral("INBOX"), 3), {}, Store::MessageFlag::Flagged), QString());
    }

    // A fresh profile with the baseline, for a test that compares two runs of the same steps.
    void resetProfile()
    {
        cleanup();
        init();
    }

    // What the healthy resync (resync.txt) leaves; the profile is fresh again afterwards.
    QStringList healthyResyncSnapshot()
    {
        Pass healthy;
        runHealthy(QStringLiteral("resync.txt"), &healthy);
        if (QTest::currentTestFailed())
            return {};
        const QStringList expected = snapshot();
        resetProfile();
        return expected;
    }

    // The account with nothing cached yet.
    void openFreshAccount()
    {
        m_profile = std::make_unique<Test::TempProfile>();
        QVERIFY(m_profile->isValid());
        m_writer = std::make_unique<Store::StoreWriter>(databasePath());
        Store::AccountRow row;
        row.name = QStringLiteral("scripted");
        row.protocol = Store::AccountProtocol::Imap;
        row.address = QStringLiteral("frank@petrel.test");
        m_account = m_writer->addAccount(row);
    }

    // newest-first.txt played out in full on the current profile, and what it must leave.
    void expectNewestFirstPass()
    {
        Pass pass;
        runHealthy(QStringLiteral("newest-first.txt"), &pass);
        RETURN_IF_FAILED();
        QCOMPARE(pass.result.newMessages, 5); // INBOX 7, 8, 9, 10 and Archive 1, each once
        const QStringList s = snapshot();
        QCOMPARE(uidsByFolder(s), QStringLiteral("Archive:1 INBOX:7,8,9,10"));
        QCOMPARE(s.filter(QRegularExpression(QStringLiteral("^message INBOX uid=9 .* flags=4 .* msgid=nine@petrel.test "
                                                            ".* has_body=1 raw=63 "))).size(), 1);
        QCOMPARE(s.filter(QRegularExpression(QStringLiteral("^folder INBOX .* uidvalidity=300 uidnext=11 .* total=4"))).size(), 1);
    }

private Q_SLOTS:
    void init()
    {
        openFreshAccount();
        Pass baseline;
        runHealthy(QStringLiteral("baseline.txt"), &baseline);
    }

    void cleanup()
    {
        m_writer.reset();
        m_profile.reset();
    }

    void baselineFillsTheCache()
    {
        const QStringList s = snapshot();
        QCOMPARE(s.filter(QStringLiteral("folder ")).size(), 2);
        QCOMPARE(s.filter(QStringLiteral("message INBOX uid=")).size(), 3);
        QCOMPARE(s.filter(QStringLiteral("message Archive uid=1 ")).size(), 1);
        QVERIFY(s.filter(QStringLiteral("folder INBOX ")).first().contains(QLatin1String("uidvalidity=100 uidnext=4")));
        queueLocalChanges();
        QCOMPARE(snapshot().filter(QStringLiteral("pending ")).size(), 3);
    }

    // The controls: the later passes the fault scripts cut short, played out in full.
    void healthyResyncFetchesInBatches()
    {
        Pass pass;
        runHealthy(QStringLiteral("resync.txt"), &pass);
        RETURN_IF_FAILED();
        QCOMPARE(pass.result.newMessages, 4);
        const QStringList s = snapshot();
        QCOMPARE(s.filter(QStringLiteral("message INBOX uid=")).size(), 7);
        QVERIFY(s.filter(QStringLiteral("folder INBOX ")).first().contains(QLatin1String("uidvalidity=100 uidnext=8")));
    }

    void healthyReplaySendsTheQueueInOrder()
    {
        queueLocalChanges();
        Pass pass;
        runHealthy(QStringLiteral("replayed.txt"), &pass);
        RETURN_IF_FAILED();
        QCOMPARE(pass.result.replayed, 3);
        QCOMPARE(pass.result.warnings, QStringList());
        const QStringList s = snapshot();
        QCOMPARE(s.filter(QStringLiteral("pending ")), QStringList());
        QCOMPARE(s.filter(QStringLiteral("message ")).size(), 4);
        QCOMPARE(s.filter(QStringLiteral("message Archive uid=2 ")).size(), 1);
    }

    // Faults before the pass writes anything: one clear error, and the cache exactly as before
    // (queued local changes included: a pass that never reached the server keeps them all).
    void faultLeavesTheCacheUnchanged_data()
    {
        QTest::addColumn<QString>("script");
        QTest::addColumn<bool>("queued");   // local changes queued before the pass
        QTest::addColumn<QString>("words"); // in the result's message: the server's own where it spoke
        QTest::addColumn<QByteArray>("junk");
        QTest::addColumn<int>("idleTimeoutMs");
        auto row = [](const char *script, bool queued, const char *words, const QByteArray &junk = {},
                      int idleTimeoutMs = 10000) {
            QTest::newRow(script) << QString::fromLatin1(script) << queued << QString::fromUtf8(words) << junk
                                  << idleTimeoutMs;
        };
        row("greeting-untagged-first.txt", true, "did not greet like an IMAP server (got \"CAPABILITY");
        row("greeting-bye.txt", true, "Too many connections from your address");
        row("capability-no.txt", true, "Capability list unavailable right now");
        row("capability-bad.txt", true, "Command not understood here");
        row("capability-bye.txt", true, "Server shutting down for maintenance");
        row("login-no.txt", true, "Invalid credentials for frank");
        row("login-bad.txt", true, "Malformed LOGIN arguments");
        row("login-bye.txt", true, "Autologout after too many failures");
        row("enable-bye.txt", true, "Internal error while enabling extensions");
        row("replay-select-bye.txt", true, "Mailbox backend unavailable");
        row("replay-store-bye.txt", true, "Server restarting, try again soon");
        row("list-no.txt", false, "Folder list temporarily unavailable");
        row("list-bad.txt", false, "Invalid LIST arguments");
        row("list-bye.txt", false, "Server going down while listing");
        row("select-no.txt", false, "Mailbox is locked by another session");
        row("select-bad.txt", false, "Invalid mailbox name syntax");
        row("select-bye.txt", false, "Mailbox index corrupted, disconnecting");
        row("flags-no.txt", false, "Some messages could not be read");
        row("flags-bad.txt", false, "Unknown FETCH attribute");
        row("flags-bye.txt", false, "Out of memory reading flags");
        row("search-no.txt", false, "Search index broken");
        row("search-bad.txt", false, "Search criteria not understood");
        row("search-bye.txt", false, "Search took too long, disconnecting");
        row("fetch-no.txt", false, "Message storage temporarily unavailable");
        row("fetch-bad.txt", false, "Error in IMAP command FETCH");
        row("fetch-bye.txt", false, "Disk failure while fetching");
        row("bye-unsolicited.txt", false, "Administrator killed this session");
        row("literal-dropped.txt", false, "closed the connection");
        row("literal-too-large.txt", false, "literal of 100000000 bytes");
        row("garbage-text.txt", false, "HTTP/1.1 400 Bad Request");
        static const char binaryJunk[] = "\x00\x01\xff\xfe junk \x80\x81\r\n";
        row("garbage-binary.txt", false, " junk ", QByteArray(binaryJunk, sizeof(binaryJunk) - 1));
        row("line-too-long.txt", false, "a line longer than Petrel accepts", QByteArray(1536 * 1024, 'x'));
        row("silence.txt", false, "stopped answering", {}, 1000);
        row("greeting-silence.txt", true, "stopped answering", {}, 1000);
        row("login-silence.txt", true, "stopped answering", {}, 1000);
    }

    void faultLeavesTheCacheUnchanged()
    {
        QFETCH(QString, script);
        QFETCH(bool, queued);
        QFETCH(QString, words);
        QFETCH(QByteArray, junk);
        QFETCH(int, idleTimeoutMs);
        if (queued)
            queueLocalChanges();
        RETURN_IF_FAILED();
        const QStringList before = snapshot();
        Pass pass;
        runScript(script, &pass, idleTimeoutMs, junk);
        RETURN_IF_FAILED();
        qInfo("%s", qPrintable(describe(pass.result)));
        QCOMPARE(pass.finishedCount, 1);
        // The client stopped at the fault: nothing sent beyond the script (no LOGOUT, no next command).
        QVERIFY2(pass.scriptError.isEmpty(), qPrintable(pass.scriptError));
        QVERIFY2(pass.scriptDone, qPrintable(describe(pass.result))); // the pass got as far as the fault
        QCOMPARE(int(pass.result.error), int(ImapSyncResult::Error::Server));
        QVERIFY2(pass.result.message.contains(words), qPrintable(describe(pass.result)));
        for (QChar c : std::as_const(pass.result.message))
            QVERIFY2(c.isPrint(), qPrintable(describe(pass.result))); // no raw server bytes for the user
        QCOMPARE(snapshot(), before);
    }

    // A fault in the second FETCH batch: the first batch stays committed, whole; nothing of the
    // second is stored, even a message of it that arrived complete; the sync state stays where it
    // was, so the next pass fetches the rest.
    void faultInSecondBatchKeepsTheFirst_data()
    {
        QTest::addColumn<QString>("script");
        QTest::addColumn<QString>("words");
        QTest::newRow("refused") << QStringLiteral("fetch2-no.txt") << QStringLiteral("Second batch temporarily unavailable");
        QTest::newRow("dropped in a literal") << QStringLiteral("fetch2-literal-dropped.txt")
                                              << QStringLiteral("closed the connection unexpectedly");
    }

    void faultInSecondBatchKeepsTheFirst()
    {
        QFETCH(QString, script);
        QFETCH(QString, words);
        const QStringList before = snapshot();
        Pass pass;
        runScript(script, &pass);
        RETURN_IF_FAILED();
        QCOMPARE(pass.finishedCount, 1);
        QVERIFY2(pass.scriptError.isEmpty(), qPrintable(pass.scriptError));
        QVERIFY2(pass.scriptDone, qPrintable(describe(pass.result))); // the pass got as far as the fault
        QCOMPARE(int(pass.result.error), int(ImapSyncResult::Error::Server));
        QVERIFY2(pass.result.message.contains(words), qPrintable(describe(pass.result)));
        QCOMPARE(pass.result.newMessages, 2);

        const QStringList after = snapshot();
        QStringList added, removed;
        for (const QString &line : after) {
            if (!before.contains(line))
                added << line;
        }
        for (const QString &line : before) {
            if (!after.contains(line))
                removed << line;
        }
        // Only INBOX's counts changed on its folder row: the sync state is the old one.
        QCOMPARE(removed, before.filter(QStringLiteral("folder INBOX ")));
        QCOMPARE(added.size(), 3);
        QVERIFY2(added.at(0).startsWith(QLatin1String("folder INBOX ")) &&
                     added.at(0).contains(QLatin1String(" uidvalidity=100 uidnext=4 modseq=0 unread=4 total=5")),
                 qPrintable(added.at(0)));
        QVERIFY2(added.at(1).startsWith(QLatin1String("message INBOX uid=6 ")) &&
                     added.at(1).contains(QLatin1String(" msgid=six@petrel.test ")) &&
                     added.at(1).contains(QLatin1String(" raw=60 ")),
                 qPrintable(added.at(1)));
        QVERIFY2(added.at(2).startsWith(QLatin1String("message INBOX uid=7 ")) &&
                     added.at(2).contains(QLatin1String(" msgid=seven@petrel.test ")) &&
                     added.at(2).contains(QLatin1String(" raw=66 ")),
                 qPrintable(added.at(2)));
    }

    // The store refuses the second batch (on the writer thread that stores fetched batches): the
    // pass fails naming the store's words, only after every batch handed over was dealt with; the
    // first batch stays committed, nothing of the second or later is written, and the sync state
    // stays where it was, so the next pass fetches the rest.
    void storeFailureInSecondBatchKeepsTheFirst()
    {
        {
            Store::StoreWriter poison(databasePath());
            poison.database().exec("CREATE TRIGGER test_poison BEFORE INSERT ON messages"
                                   " WHEN new.message_id = 'five@petrel.test'"
                                   " BEGIN SELECT RAISE(ABORT, 'poisoned by the test'); END");
        }
        const QStringList before = snapshot();
        Pass pass;
        runScript(QStringLiteral("resync.txt"), &pass);
        RETURN_IF_FAILED();
        QCOMPARE(pass.finishedCount, 1);
        QCOMPARE(int(pass.result.error), int(ImapSyncResult::Error::Store));
        QVERIFY2(pass.result.message.contains(QLatin1String("Writing folder 'INBOX' to the cache failed")) &&
                     pass.result.message.contains(QLatin1String("poisoned by the test")),
                 qPrintable(describe(pass.result)));
        QCOMPARE(pass.result.newMessages, 2);
        const QStringList after = snapshot();
        QCOMPARE(after.filter(QStringLiteral("message INBOX uid=")).size(), 5); // 1, 2, 3 and 6, 7
        QCOMPARE(after.filter(QStringLiteral("message INBOX uid=6 ")).size(), 1);
        QCOMPARE(after.filter(QStringLiteral("message INBOX uid=7 ")).size(), 1);
        QVERIFY(after.filter(QStringLiteral("folder INBOX ")).first().contains(QLatin1String("uidvalidity=100 uidnext=4 ")));
        QCOMPARE(after.filter(QStringLiteral("message Archive ")), before.filter(QStringLiteral("message Archive ")));
    }

    // A replay cut short by the connection: what the server confirmed leaves the queue (a move's
    // local copy with it), everything after stays queued, in order, untouched.
    void replayCutMidwayKeepsTheRest_data()
    {
        QTest::addColumn<QString>("script");
        QTest::addColumn<int>("done"); // changes the server confirmed before the cut
        QTest::addColumn<QString>("words");
        QTest::addColumn<int>("idleTimeoutMs");
        QTest::newRow("BYE at the move") << QStringLiteral("replay-move-bye.txt") << 1
                                         << QStringLiteral("Server restarting, try again soon") << 10000;
        QTest::newRow("dropped at the move") << QStringLiteral("replay-move-dropped.txt") << 1
                                             << QStringLiteral("closed the connection unexpectedly") << 10000;
        QTest::newRow("silence at the third") << QStringLiteral("replay-store3-silence.txt") << 2
                                              << QStringLiteral("stopped answering") << 1000;
    }

    void replayCutMidwayKeepsTheRest()
    {
        QFETCH(QString, script);
        QFETCH(int, done);
        QFETCH(QString, words);
        QFETCH(int, idleTimeoutMs);
        queueLocalChanges();
        RETURN_IF_FAILED();
        const QStringList before = snapshot();
        Pass pass;
        runScript(script, &pass, idleTimeoutMs);
        RETURN_IF_FAILED();
        QCOMPARE(pass.finishedCount, 1);
        QVERIFY2(pass.scriptError.isEmpty(), qPrintable(pass.scriptError));
        QVERIFY2(pass.scriptDone, qPrintable(describe(pass.result))); // the pass got as far as the fault
        QCOMPARE(int(pass.result.error), int(ImapSyncResult::Error::Server));
        QVERIFY2(pass.result.message.contains(words), qPrintable(describe(pass.result)));
        QCOMPARE(pass.result.replayed, done);

        const QStringList after = snapshot();
        QCOMPARE(after.filter(QStringLiteral("pending ")), before.filter(QStringLiteral("pending ")).mid(done));
        QStringList expected = before;
        expected.erase(std::remove_if(expected.begin(), expected.end(),
                                      [](const QString &l) { return l.startsWith(QLatin1String("pending ")); }),
                       expected.end());
        if (done >= 2) {
            // The move went through: its local copy takes the UID the server's COPYUID gave it.
            const QStringList copy = before.filter(QStringLiteral("message Archive uid=NULL "));
            QCOMPARE(copy.size(), 1);
            const qsizetype at = expected.indexOf(copy.first());
            expected[at].replace(QLatin1String("uid=NULL "), QLatin1String("uid=2 "));
            std::sort(expected.begin(), expected.end());
        }
        QStringList afterRows = after;
        afterRows.erase(std::remove_if(afterRows.begin(), afterRows.end(),
                                       [](const QString &l) { return l.startsWith(QLatin1String("pending ")); }),
                        afterRows.end());
        std::sort(afterRows.begin(), afterRows.end());
        std::sort(expected.begin(), expected.end());
        QCOMPARE(afterRows, expected);
    }

    // A change the server refuses (NO or BAD) is dropped with a warning in its words and the rest
    // of the queue and the pass go on: the server wins, and the folder syncs show its state.
    void replayRefusalIsDroppedWithAWarning_data()
    {
        QTest::addColumn<QString>("script");
        QTest::addColumn<QString>("words");
        QTest::addColumn<QString>("uids");        // each folder's UIDs afterwards
        QTest::addColumn<QStringList>("matching"); // each matches exactly one row afterwards
        QTest::newRow("store NO") << QStringLiteral("replay-store-no.txt") << QStringLiteral("Message 1 is read-only")
                                  << QStringLiteral("Archive:1,2 INBOX:1,3")
                                  << QStringList{QStringLiteral("^message INBOX uid=1 .* flags=0 keywords= ")};
        QTest::newRow("store BAD") << QStringLiteral("replay-store-bad.txt") << QStringLiteral("Invalid flag list")
                                   << QStringLiteral("Archive:1,2 INBOX:1,3")
                                   << QStringList{QStringLiteral("^message INBOX uid=3 .* flags=4 keywords=\\$Work ")};
        QTest::newRow("move NO") << QStringLiteral("replay-move-no.txt") << QStringLiteral("Archive is over quota")
                                 << QStringLiteral("Archive:1 INBOX:1,2,3")
                                 << QStringList{QStringLiteral("^message INBOX uid=2 .* msgid=two@petrel.test .* raw=60 "),
                                                QStringLiteral("^folder Archive .* unread=1 total=1$")};
        QTest::newRow("move BAD") << QStringLiteral("replay-move-bad.txt") << QStringLiteral("Unknown command MOVE")
                                  << QStringLiteral("Archive:1 INBOX:1,2,3")
                                  << QStringList{QStringLiteral("^message INBOX uid=2 .* msgid=two@petrel.test .* raw=60 "),
                                                 QStringLiteral("^folder Archive .* unread=1 total=1$")};
    }

    void replayRefusalIsDroppedWithAWarning()
    {
        QFETCH(QString, script);
        QFETCH(QString, words);
        QFETCH(QString, uids);
        QFETCH(QStringList, matching);
        queueLocalChanges();
        RETURN_IF_FAILED();
        Pass pass;
        runHealthy(script, &pass);
        RETURN_IF_FAILED();
        QCOMPARE(pass.result.replayed, 2);
        QCOMPARE(pass.result.warnings.size(), 1);
        QVERIFY2(pass.result.warnings.first().contains(words), qPrintable(pass.result.warnings.first()));
        const QStringList after = snapshot();
        QCOMPARE(after.filter(QStringLiteral("pending ")), QStringList());
        QCOMPARE(uidsByFolder(after), uids);
        for (const QString &pattern : std::as_const(matching))
            QVERIFY2(after.filter(QRegularExpression(pattern)).size() == 1, qPrintable(pattern + QLatin1Char('\n') + after.join(QLatin1Char('\n'))));
    }

    // ENABLE refused is not fatal: the session goes on without the extension, the pass completes
    // and ends exactly where the healthy one does.
    void enableRefusalIsNotFatal_data()
    {
        QTest::addColumn<QString>("script");
        QTest::newRow("NO") << QStringLiteral("enable-no.txt");
        QTest::newRow("BAD") << QStringLiteral("enable-bad.txt");
    }

    void enableRefusalIsNotFatal()
    {
        QFETCH(QString, script);
        queueLocalChanges();
        RETURN_IF_FAILED();
        Pass healthy;
        runHealthy(QStringLiteral("replayed.txt"), &healthy);
        RETURN_IF_FAILED();
        const QStringList expected = snapshot();
        resetProfile();
        RETURN_IF_FAILED();
        queueLocalChanges();
        RETURN_IF_FAILED();
        Pass pass;
        runHealthy(script, &pass);
        RETURN_IF_FAILED();
        QCOMPARE(pass.result.replayed, 3);
        QCOMPARE(snapshot(), expected);
    }

    // The server renumbers INBOX (UIDVALIDITY 100 -> 101). Queued changes are replayed only under
    // the UIDVALIDITY they were made under (else their UIDs name other messages); INBOX's cache
    // is dropped and refetched under the new UIDs; Archive is untouched.
    void uidValidityChange_data()
    {
        QTest::addColumn<QString>("script");
        QTest::addColumn<int>("replayed");
        QTest::addColumn<QString>("uids");
        QTest::newRow("within the session") << QStringLiteral("uidvalidity-mid-session.txt") << 3
                                            << QStringLiteral("Archive:1,2 INBOX:1,2");
        QTest::newRow("before the replay") << QStringLiteral("uidvalidity-before-replay.txt") << 0
                                           << QStringLiteral("Archive:1 INBOX:1,2");
    }

    void uidValidityChange()
    {
        QFETCH(QString, script);
        QFETCH(int, replayed);
        QFETCH(QString, uids);
        queueLocalChanges();
        RETURN_IF_FAILED();
        const QStringList before = snapshot();
        Pass pass;
        runHealthy(script, &pass);
        RETURN_IF_FAILED();
        QCOMPARE(pass.result.replayed, replayed);
        QCOMPARE(pass.result.warnings.size(), 3 - replayed);
        for (const QString &w : std::as_const(pass.result.warnings))
            QVERIFY2(w.contains(QLatin1String("UIDVALIDITY")), qPrintable(w));
        QCOMPARE(pass.result.foldersDiscarded, 1);
        const QStringList after = snapshot();
        QCOMPARE(uidsByFolder(after), uids);
        QCOMPARE(after.filter(QStringLiteral("pending ")), QStringList());
        QCOMPARE(after.filter(QRegularExpression(QStringLiteral("^message INBOX uid=1 .* msgid=eins@petrel.test "))).size(), 1);
        QCOMPARE(after.filter(QRegularExpression(QStringLiteral("^message INBOX uid=2 .* msgid=zwei@petrel.test "))).size(), 1);
        QCOMPARE(after.filter(QRegularExpression(QStringLiteral("^folder INBOX .* uidvalidity=101 uidnext=3 "))).size(), 1);
        // Archive's own message, untouched.
        const QStringList archived = before.filter(QStringLiteral("message Archive uid=1 "));
        QCOMPARE(after.filter(QStringLiteral("message Archive uid=1 ")), archived);
    }

    // Odd but harmless UID reports (answers for UIDs never asked for; UIDs repeated or out of
    // order) change nothing: the pass ends exactly where the healthy one does.
    void oddUidsEndLikeTheHealthyPass_data()
    {
        QTest::addColumn<QString>("script");
        QTest::newRow("UIDs never asked for") << QStringLiteral("fetch-unasked-uids.txt");
        QTest::newRow("repeated and decreasing UIDs") << QStringLiteral("duplicate-uids.txt");
    }

    void oddUidsEndLikeTheHealthyPass()
    {
        QFETCH(QString, script);
        const QStringList expected = healthyResyncSnapshot();
        RETURN_IF_FAILED();
        Pass pass;
        runHealthy(script, &pass);
        RETURN_IF_FAILED();
        QCOMPARE(pass.result.newMessages, 4);
        QCOMPARE(snapshot(), expected);
    }

    // A server without ESEARCH whose UIDNEXT has run far ahead of its 7 messages lists them in one
    // plain search, not in UID windows up to UIDNEXT (the script expects it); the pass ends like
    // the healthy one but for the folder's UIDNEXT.
    void sparseListingEndsLikeTheHealthyPass()
    {
        const QStringList expected = healthyResyncSnapshot();
        RETURN_IF_FAILED();
        Pass pass;
        runHealthy(QStringLiteral("resync-sparse.txt"), &pass);
        RETURN_IF_FAILED();
        QCOMPARE(pass.result.newMessages, 4);
        QStringList after = snapshot();
        QCOMPARE(after.filter(QStringLiteral(" uidnext=100008 ")).size(), 1);
        after.replaceInStrings(QStringLiteral(" uidnext=100008 "), QStringLiteral(" uidnext=8 "));
        QCOMPARE(after, expected);
    }

    // A new account whose INBOX holds more than the newest fetched before listing: they come by
    // sequence number right after SELECT, an unsolicited FETCH without a UID among them is not
    // taken for one, and the UID listing's batches leave out what that FETCH brought (the script
    // expects only UID 10 asked for by UID).
    void newestFirstOnALargeNewFolder()
    {
        cleanup();
        openFreshAccount();
        RETURN_IF_FAILED();
        expectNewestFirstPass();
    }

    // That FETCH refused or cut: the pass ends in the server's words, none of its messages is
    // stored (they commit as one batch when it completes), and the next pass does it all.
    void newestFirstFaultStoresNothingOfIt_data()
    {
        QTest::addColumn<QString>("script");
        QTest::addColumn<QString>("words");
        QTest::newRow("NO") << QStringLiteral("newest-first-no.txt") << QStringLiteral("Index is being rebuilt");
        QTest::newRow("BYE inside") << QStringLiteral("newest-first-bye.txt") << QStringLiteral("Disk failure");
    }

    void newestFirstFaultStoresNothingOfIt()
    {
        QFETCH(QString, script);
        QFETCH(QString, words);
        cleanup();
        openFreshAccount();
        RETURN_IF_FAILED();
        Pass pass;
        runScript(script, &pass);
        RETURN_IF_FAILED();
        QCOMPARE(pass.finishedCount, 1);
        QVERIFY2(pass.scriptError.isEmpty(), qPrintable(pass.scriptError));
        QCOMPARE(int(pass.result.error), int(ImapSyncResult::Error::Server));
        QVERIFY2(pass.result.message.contains(words) || pass.result.serverText.contains(words),
                 qPrintable(describe(pass.result)));
        QCOMPARE(pass.result.newMessages, 0);
        QCOMPARE(snapshot().filter(QStringLiteral("message ")), QStringList());
        expectNewestFirstPass();
    }

    // Faults after a folder's sync completed, or once everything is done: the completed work
    // stays exactly as the healthy pass leaves it. A refused or unanswered LOGOUT fails nothing.
    void lateFaultKeepsTheCompletedWork_data()
    {
        QTest::addColumn<QString>("script");
        QTest::addColumn<QString>("words"); // empty: the pass is Ok
        QTest::addColumn<int>("idleTimeoutMs");
        QTest::newRow("second folder refused") << QStringLiteral("archive-select-no.txt")
                                               << QStringLiteral("Archive is being migrated") << 10000;
        QTest::newRow("LOGOUT refused") << QStringLiteral("logout-no.txt") << QString() << 10000;
        QTest::newRow("LOGOUT unanswered") << QStringLiteral("logout-silence.txt") << QString() << 1000;
    }

    void lateFaultKeepsTheCompletedWork()
    {
        QFETCH(QString, script);
        QFETCH(QString, words);
        QFETCH(int, idleTimeoutMs);
        const QStringList expected = healthyResyncSnapshot();
        RETURN_IF_FAILED();
        Pass pass;
        runScript(script, &pass, idleTimeoutMs);
        RETURN_IF_FAILED();
        QCOMPARE(pass.finishedCount, 1);
        QVERIFY2(pass.scriptError.isEmpty(), qPrintable(pass.scriptError));
        QVERIFY2(pass.scriptDone, qPrintable(describe(pass.result))); // the pass got as far as the fault
        if (words.isEmpty()) {
            QVERIFY2(pass.result.isOk(), qPrintable(describe(pass.result)));
        } else {
            QCOMPARE(int(pass.result.error), int(ImapSyncResult::Error::Server));
            QVERIFY2(pass.result.message.contains(words), qPrintable(describe(pass.result)));
        }
        QCOMPARE(pass.result.newMessages, 4);
        QCOMPARE(snapshot(), expected);
    }
};

QTEST_GUILESS_MAIN(ImapSyncFaultsTest)
#include "tst_imapsync_faults.moc"
