// IMAP sync and offline replay through FaultProxy (tests/support) in front of the fixture's real
// Dovecot (user dan only): cut at offsets spread over every phase (greeting, CAPABILITY,
// STARTTLS, TLS handshake, LOGIN, LIST/SELECT/FETCH, the replayed commands), in both
// directions; after the fault and a rerun the cache equals the server. A stall and a trickle end
// in a clean timeout error; a full disk ends in a clear store error.
#include "FaultCut.h"
#include "FaultProxy.h"
#include "ImapSyncHarness.h"
#include "TinyDisk.h"

#include "store/Database.h"
#include "store/MessageFlag.h"
#include "store/Statement.h"
#include "store/StoreReader.h"
#include "store/StoreWriter.h"
#include "sync/imap/ImapLocalActions.h"
#include "sync/imap/ImapSyncEngine.h"

#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace Petrel;
using namespace Petrel::Test;
using Direction = FaultProxy::Direction;

namespace {
const QStringList kFolders = {QStringLiteral("INBOX"), QStringLiteral("Reports"), QStringLiteral("Archive"),
                              QStringLiteral("Trash")};

using Cut = FaultCut;
} // namespace

class TestFaultsImap : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void syncCutAtEveryPhase();
    void replayCutAtEveryPhase();
    void stallAndTrickleEndInATimeout();
    void fullDiskIsAClearError();

private:
    QString dbPath(const QString &name) const { return m_dir.filePath(name + QStringLiteral(".db")); }
    // One pass through port (STARTTLS, so that the plaintext phases are there to cut too).
    Core::ImapSyncResult syncVia(ImapSyncHarness &h, quint16 port, int idleMs = 20000, int connectMs = 20000);
    // "" when every folder's cache equals the server, else the first difference.
    QString cacheVersusServer(const ImapSyncHarness &h) const;
    // Message-IDs on the server over all folders, with repeats.
    QStringList serverMessageIds(const ImapSyncHarness &h) const;
    static QString integrity(const QString &path);

    TestServers m_servers;
    TestUser m_dan;
    QTemporaryDir m_dir;
};

void TestFaultsImap::initTestCase()
{
    m_servers = TestServers::load();
    QVERIFY2(m_servers.isValid(), qPrintable(m_servers.errorString()));
    m_dan = m_servers.user(QStringLiteral("dan"));
    QVERIFY(m_dan.isValid());
    QVERIFY(m_dir.isValid());
}

Core::ImapSyncResult TestFaultsImap::syncVia(ImapSyncHarness &h, quint16 port, int idleMs, int connectMs)
{
    // The whole pass is bounded too: a hang shows as "did not finish in time".
    return h.sync(60000, [&](Core::ImapSyncEngine &engine) {
        Net::ConnectionSettings s = m_servers.connectionSettings(port, Net::Security::StartTls);
        s.idleTimeoutMs = idleMs;
        s.connectTimeoutMs = connectMs;
        engine.setConnectionSettings(s);
    });
}

QString TestFaultsImap::cacheVersusServer(const ImapSyncHarness &h) const
{
    for (const QString &folder : kFolders) {
        if (h.onServer(folder).isEmpty()) {
            if (!h.stored(folder).isEmpty())
                return folder + QStringLiteral(": the server is empty, the cache is not");
            continue;
        }
        const QString d = h.differences(folder);
        if (!d.isEmpty())
            return folder + QStringLiteral(": ") + d;
    }
    return {};
}

QStringList TestFaultsImap::serverMessageIds(const ImapSyncHarness &h) const
{
    QStringList ids;
    for (const QString &folder : kFolders) {
        const ImapSyncSnapshot s = h.onServer(folder);
        for (const ImapSyncSnapshotEntry &e : s)
            ids << e.messageId;
    }
    ids.sort();
    return ids;
}

QString TestFaultsImap::integrity(const QString &path)
{
    auto db = Store::Database::open(path, Store::Database::Role::Reader);
    Store::Statement check(*db, "PRAGMA integrity_check");
    return check.step() ? check.columnText(0) : QStringLiteral("no answer");
}

void TestFaultsImap::syncCutAtEveryPhase()
{
    QString error;
    ImapSyncHarness server(m_servers, m_dan, dbPath(QStringLiteral("seed")));
    QVERIFY2(server.resetMailboxes(&error), qPrintable(error));
    QVERIFY2(server.seed(24, QString(), &error, 16384), qPrintable(error));
    QVERIFY2(server.seed(6, QStringLiteral("Reports"), &error, 16384), qPrintable(error));

    FaultProxy proxy(m_servers.imapStartTlsPort());
    QVERIFY(proxy.start());
    // A clean first sync through the proxy: how many bytes each direction carries.
    qint64 down = 0, up = 0;
    {
        ImapSyncHarness h(m_servers, m_dan, dbPath(QStringLiteral("measure")));
        const auto r = syncVia(h, proxy.port());
        QVERIFY2(r.isOk(), qPrintable(r.message));
        QCOMPARE(cacheVersusServer(h), QString());
        down = proxy.lastServerBytes();
        up = proxy.lastClientBytes();
        QCOMPARE(proxy.connectionCount(), 1);
    }
    qInfo("a first sync carries %lld bytes down, %lld up", down, up);
    QVERIFY(down > 20000);

    // Plaintext greeting/CAPABILITY/STARTTLS are the first ~200 bytes each way; the TLS handshake
    // follows (a few kB down), then LOGIN, LIST, SELECT and the FETCHes.
    const QList<Cut> cuts = {
        {Direction::ServerToClient, 0},           {Direction::ServerToClient, 30},
        {Direction::ServerToClient, 150},         {Direction::ServerToClient, 600},
        {Direction::ServerToClient, 2500},        {Direction::ServerToClient, down / 10},
        {Direction::ServerToClient, down * 3 / 10}, {Direction::ServerToClient, down * 6 / 10},
        {Direction::ServerToClient, down * 9 / 10}, {Direction::ServerToClient, down - 40},
        {Direction::ClientToServer, 5},           {Direction::ClientToServer, 40},
        {Direction::ClientToServer, 250},         {Direction::ClientToServer, up / 2},
        {Direction::ClientToServer, up * 9 / 10},
    };
    int index = 0;
    int failedByCut = 0;
    for (const Cut &cut : cuts) {
        const QString name = QStringLiteral("cut-%1").arg(index++);
        ImapSyncHarness h(m_servers, m_dan, dbPath(name));
        proxy.clearFaults();
        proxy.setFault(cut.direction, FaultProxy::cutAfter(cut.at));
        const auto faulty = syncVia(h, proxy.port());
        qInfo("%s: %s; %s", qPrintable(describe(cut)), proxy.wasCut() ? "cut" : "not cut",
              faulty.isOk() ? "ok" : qPrintable(faulty.message));
        if (proxy.wasCut()) {
            QVERIFY2(!faulty.isOk(), qPrintable(describe(cut) + QStringLiteral(": a cut pass must fail")));
            QVERIFY(!faulty.message.isEmpty());
            QVERIFY2(!faulty.message.contains(QLatin1String("did not finish")), qPrintable(faulty.message));
            ++failedByCut;
        }
        QCOMPARE(integrity(h.databasePath()), QStringLiteral("ok"));
        const auto rerun = syncVia(h, m_servers.imapStartTlsPort());
        QVERIFY2(rerun.isOk(), qPrintable(describe(cut) + QStringLiteral(": rerun: ") + rerun.message));
        QCOMPARE(cacheVersusServer(h), QString());
    }
    QVERIFY(failedByCut >= cuts.size() - 2);
}

void TestFaultsImap::replayCutAtEveryPhase()
{
    QString error;
    ImapSyncHarness h(m_servers, m_dan, dbPath(QStringLiteral("replay")));
    QVERIFY2(h.resetMailboxes(&error), qPrintable(error));
    QVERIFY2(h.doveadm({QStringLiteral("mailbox"), QStringLiteral("create")}, {QStringLiteral("Archive")}, &error),
             qPrintable(error));
    QVERIFY2(h.doveadm({QStringLiteral("mailbox"), QStringLiteral("create")}, {QStringLiteral("Trash")}, &error),
             qPrintable(error));
    QVERIFY2(h.seed(48, QString(), &error, 16384), qPrintable(error));
    auto r = syncVia(h, m_servers.imapStartTlsPort());
    QVERIFY2(r.isOk(), qPrintable(r.message));
    QCOMPARE(cacheVersusServer(h), QString());
    const QStringList original = serverMessageIds(h);
    QCOMPARE(original.size(), 48);

    // Queues a flag change, a move and a delete on messages not touched before (seeded messages
    // may be flagged already: the flag goes to one that is not).
    QSet<quint32> touched;
    const auto queueActions = [&] {
        QList<quint32> plain;
        const ImapSyncSnapshot inbox = h.stored(QStringLiteral("INBOX"));
        for (auto it = inbox.cbegin(); it != inbox.cend(); ++it) {
            if (touched.contains(it.key()))
                continue;
            if (it.value().flags.contains(QStringLiteral("\\Flagged")))
                plain.append(it.key());
            else
                plain.prepend(it.key());
        }
        QVERIFY(plain.size() >= 3);
        touched.insert(plain[0]);
        Store::StoreWriter writer(h.databasePath());
        Store::StoreReader reader(h.databasePath());
        Core::ImapLocalActions a(writer, reader);
        QCOMPARE(a.setFlags(h.localId(QStringLiteral("INBOX"), plain[0]), Store::MessageFlag::Flagged, {}), QString());
        QCOMPARE(a.move(h.localId(QStringLiteral("INBOX"), plain[1]), QStringLiteral("Archive")), QString());
        QCOMPARE(a.remove(h.localId(QStringLiteral("INBOX"), plain[2])), QString());
        QCOMPARE(h.pendingOperations(), 3);
    };

    FaultProxy proxy(m_servers.imapStartTlsPort());
    QVERIFY(proxy.start());
    // One clean replay through the proxy measures a replaying pass.
    queueActions();
    if (QTest::currentTestFailed())
        return;
    r = syncVia(h, proxy.port());
    QVERIFY2(r.isOk(), qPrintable(r.message));
    QCOMPARE(r.replayed, 3);
    QCOMPARE(h.pendingOperations(), 0);
    QCOMPARE(cacheVersusServer(h), QString());
    const qint64 down = proxy.lastServerBytes(), up = proxy.lastClientBytes();
    qInfo("a replaying pass carries %lld bytes down, %lld up", down, up);

    // The replayed commands follow LOGIN: about the middle of the pass's bytes up, a third down.
    // The first cuts fall in the TLS handshake and LOGIN, the last in the folder syncs after.
    const QList<Cut> cuts = {
        {Direction::ClientToServer, up * 30 / 100}, {Direction::ClientToServer, up * 46 / 100},
        {Direction::ClientToServer, up * 49 / 100}, {Direction::ClientToServer, up * 52 / 100},
        {Direction::ClientToServer, up * 55 / 100}, {Direction::ClientToServer, up * 58 / 100},
        {Direction::ClientToServer, up * 80 / 100}, {Direction::ServerToClient, down * 32 / 100},
        {Direction::ServerToClient, down * 36 / 100}, {Direction::ServerToClient, down * 40 / 100},
        {Direction::ServerToClient, down * 44 / 100}, {Direction::ServerToClient, down * 48 / 100},
        {Direction::ServerToClient, down * 80 / 100},
    };
    int midReplay = 0;
    for (const Cut &cut : cuts) {
        queueActions();
        if (QTest::currentTestFailed())
            return;
        proxy.clearFaults();
        proxy.setFault(cut.direction, FaultProxy::cutAfter(cut.at));
        const auto faulty = syncVia(h, proxy.port());
        qInfo("%s: %s; %s; %d pending", qPrintable(describe(cut)), proxy.wasCut() ? "cut" : "not cut",
              faulty.isOk() ? "ok" : qPrintable(faulty.message), h.pendingOperations());
        if (h.pendingOperations() > 0 && h.pendingOperations() < 3)
            ++midReplay;
        if (proxy.wasCut())
            QVERIFY2(!faulty.isOk(), qPrintable(describe(cut) + QStringLiteral(": a cut pass must fail")));
        QCOMPARE(integrity(h.databasePath()), QStringLiteral("ok"));
        const auto rerun = syncVia(h, m_servers.imapStartTlsPort());
        QVERIFY2(rerun.isOk(), qPrintable(describe(cut) + QStringLiteral(": rerun: ") + rerun.message));
        for (const QString &w : rerun.warnings)
            qInfo("rerun warning: %s", qPrintable(w));
        QCOMPARE(h.pendingOperations(), 0);
        QCOMPARE(cacheVersusServer(h), QString());
        // Nothing lost, nothing duplicated: every message is still on the server exactly once.
        QCOMPARE(serverMessageIds(h), original);
    }
    QCOMPARE(h.onServer(QStringLiteral("Archive")).size(), cuts.size() + 1);
    QCOMPARE(h.onServer(QStringLiteral("Trash")).size(), cuts.size() + 1);
    qInfo("%d of %lld cuts fell in the middle of the replay", midReplay, qlonglong(cuts.size()));
}

void TestFaultsImap::stallAndTrickleEndInATimeout()
{
    QString error;
    ImapSyncHarness h(m_servers, m_dan, dbPath(QStringLiteral("slow")));
    QVERIFY2(h.resetMailboxes(&error), qPrintable(error));
    QVERIFY2(h.seed(5, QString(), &error, 16384), qPrintable(error));
    FaultProxy proxy(m_servers.imapStartTlsPort());
    QVERIFY(proxy.start());

    // Stalled after the plaintext greeting: the reply to CAPABILITY never comes.
    proxy.setFault(Direction::ServerToClient, FaultProxy::stallAfter(40));
    auto r = syncVia(h, proxy.port(), 1500, 1500);
    QVERIFY(proxy.wasStalled());
    QVERIFY(!r.isOk());
    QCOMPARE(r.serverError, Imap::ImapResult::Kind::Timeout);
    QVERIFY2(saysTimeout(r.message), qPrintable(r.message));

    // Stalled in the middle of the session (after the TLS handshake and LOGIN).
    proxy.setFault(Direction::ServerToClient, FaultProxy::stallAfter(9000));
    r = syncVia(h, proxy.port(), 1500, 1500);
    QVERIFY(proxy.wasStalled());
    QVERIFY(!r.isOk());
    QCOMPARE(r.serverError, Imap::ImapResult::Kind::Timeout);
    QVERIFY2(saysTimeout(r.message), qPrintable(r.message));

    // A trickle of 8 bytes per 100 ms: the TLS handshake cannot finish in its 1500 ms.
    proxy.setFault(Direction::ServerToClient, FaultProxy::trickle(8, 100));
    r = syncVia(h, proxy.port(), 1500, 1500);
    QVERIFY(!r.isOk());
    QVERIFY(proxy.trickleWrites() > 3);
    QCOMPARE(r.serverError, Imap::ImapResult::Kind::Timeout);
    QVERIFY2(saysTimeout(r.message), qPrintable(r.message));

    r = syncVia(h, m_servers.imapStartTlsPort());
    QVERIFY2(r.isOk(), qPrintable(r.message));
    QCOMPARE(cacheVersusServer(h), QString());
}

void TestFaultsImap::fullDiskIsAClearError()
{
    QString error;
    {
        ImapSyncHarness server(m_servers, m_dan, dbPath(QStringLiteral("seed-full")));
        QVERIFY2(server.resetMailboxes(&error), qPrintable(error));
        QVERIFY2(server.seed(40, QString(), &error, 30000), qPrintable(error));
    }
    TinyDisk disk(m_dir.filePath(QStringLiteral("tiny")), 4096);
    QVERIFY2(disk.isMounted(), qPrintable(disk.errorString()));
    const QString path = disk.path() + QStringLiteral("/petrel.db");
    {
        ImapSyncHarness h(m_servers, m_dan, path);
        QVERIFY(disk.fill());
        const auto r = syncVia(h, m_servers.imapStartTlsPort());
        qInfo("on a full disk: %s", qPrintable(r.message));
        QVERIFY(!r.isOk());
        QCOMPARE(r.error, Core::ImapSyncResult::Error::Store);
        QVERIFY2(r.message.contains(QLatin1String("full")), qPrintable(r.message));
        QCOMPARE(h.onServer(QStringLiteral("INBOX")).size(), 40); // the server untouched

        disk.release();
        QCOMPARE(integrity(path), QStringLiteral("ok"));
        const auto rerun = syncVia(h, m_servers.imapStartTlsPort());
        QVERIFY2(rerun.isOk(), qPrintable(rerun.message));
        QCOMPARE(h.differences(QStringLiteral("INBOX")), QString());
    }
}

QTEST_GUILESS_MAIN(TestFaultsImap)
#include "tst_faults_imap.moc"
