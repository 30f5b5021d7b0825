// POP3 download through FaultProxy (tests/support) in front of the fixture's real Dovecot (user
// eve only), for each retention mode: cut at offsets spread over every phase (greeting, CAPA,
// STLS, TLS handshake, USER/PASS, UIDL/LIST, RETR, DELE, QUIT) in both directions; after the
// fault and a rerun every message is in exactly one place and the server keeps exactly what the
// retention says. A stall and a trickle end in a clean timeout; a full disk in a clear error
// with nothing deleted on the server.
#include "FaultCut.h"
#include "FaultProxy.h"
#include "Pop3SyncHarness.h"
#include "TinyDisk.h"

#include "store/Statement.h"
#include "store/StoreWriter.h"

#include <QEventLoop>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Petrel;
using namespace Petrel::Test;
using Direction = FaultProxy::Direction;
using Mode = Core::Pop3Retention::Mode;

using Cut = FaultCut;

namespace {

const QDateTime kStart = QDateTime(QDate(2026, 5, 4), QTime(8, 0), Qt::UTC);

} // namespace

class TestFaultsPop3 : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void leaveOnServer();
    void deleteAfterDownload();
    void deleteAfterDays();
    void deleteOnLocalDelete();
    void stallAndTrickleEndInATimeout();
    void fullDiskDeletesNothing();

private:
    // Empties eve's INBOX and saves count messages of about size bytes into it with doveadm;
    // returns their Message-IDs (empty on failure, reported).
    QSet<QByteArray> freshMaildrop(int count, int size = 3000);
    // One check through port by STLS, so that the plaintext phases are there to cut too.
    Core::Pop3FetchResult fetchVia(Pop3SyncHarness &h, quint16 port, const Core::Pop3Retention &retention,
                                   const QDateTime &now, int idleMs = 20000, int connectMs = 20000);
    // "" when the archive holds exactly `archive` (once each) and the server exactly `server`,
    // with the same bytes on both sides.
    static QString exactly(const Pop3SyncHarness &h, const QSet<QByteArray> &archive, const QSet<QByteArray> &server);
    // "" when every one of ids is archived once or still on the server (the state after a fault).
    static QString nothingLost(const Pop3SyncHarness &h, const QSet<QByteArray> &ids);
    QList<Cut> cuts() const;
    // Cut, rerun, check, over cuts(); phases: one list of (retention, now) per session to cut.
    void runCuts(const Core::Pop3Retention &retention, const char *name);

    TestServers m_servers;
    TestUser m_eve;
    QTemporaryDir m_dir;
    int m_round = 0;
    qint64 m_down = 0;
    qint64 m_up = 0;
};

void TestFaultsPop3::initTestCase()
{
    m_servers = TestServers::load();
    QVERIFY2(m_servers.isValid(), qPrintable(m_servers.errorString()));
    m_eve = m_servers.user(QStringLiteral("eve"));
    QVERIFY(m_eve.isValid());
    QVERIFY(m_dir.isValid());

    // A clean check through the proxy: how many bytes each direction carries.
    const auto ids = freshMaildrop(10);
    QCOMPARE(ids.size(), 10);
    FaultProxy proxy(m_servers.pop3StlsPort());
    QVERIFY(proxy.start());
    Pop3SyncHarness h(m_servers, m_eve, m_dir.filePath(QStringLiteral("measure.db")));
    const auto r = fetchVia(h, proxy.port(), {}, kStart);
    QVERIFY2(r.isOk(), qPrintable(r.message));
    QCOMPARE(r.downloaded, 10);
    m_down = proxy.lastServerBytes();
    m_up = proxy.lastClientBytes();
    qInfo("a check of 10 messages carries %lld bytes down, %lld up", m_down, m_up);
    QVERIFY(m_down > 30000);
}

QSet<QByteArray> TestFaultsPop3::freshMaildrop(int count, int size)
{
    QString error;
    if (!expungeAll(m_servers, m_eve, &error)) {
        qWarning("expunge: %s", qPrintable(error));
        return {};
    }
    const QByteArray tag = "fault-" + QByteArray::number(++m_round) + '-' +
                           QByteArray::number(QDateTime::currentMSecsSinceEpoch());
    QSet<QByteArray> ids;
    for (int i = 0; i < count; ++i) {
        const QByteArray id = '<' + tag + '-' + QByteArray::number(i) + "@petrel.test>";
        QByteArray raw = "From: Sender <sender@petrel.test>\nTo: " + m_eve.login.toUtf8() +
                         "\nSubject: fault " + QByteArray::number(i) + "\nMessage-ID: " + id +
                         "\nDate: Mon, 4 May 2026 08:00:00 +0000\n\n";
        while (raw.size() < size)
            raw += "The quick brown fox jumps over the lazy dog, line " + QByteArray::number(raw.size()) + ".\n";
        QStringList command = m_servers.doveadmCommand();
        QProcess save;
        save.start(command.takeFirst(), command << QStringLiteral("save") << QStringLiteral("-u") << m_eve.login
                                                << QStringLiteral("-m") << QStringLiteral("INBOX"));
        save.write(raw);
        save.closeWriteChannel();
        if (!save.waitForFinished(30000) || save.exitCode() != 0) {
            qWarning("doveadm save: %s", save.readAllStandardError().constData());
            return {};
        }
        ids.insert(id);
    }
    return ids;
}

Core::Pop3FetchResult TestFaultsPop3::fetchVia(Pop3SyncHarness &h, quint16 port, const Core::Pop3Retention &retention,
                                               const QDateTime &now, int idleMs, int connectMs)
{
    Net::ConnectionSettings s = m_servers.connectionSettings(port, Net::Security::StartTls);
    s.idleTimeoutMs = idleMs;
    s.connectTimeoutMs = connectMs;
    Core::Pop3Fetcher fetcher(h.writer(), h.accountId());
    fetcher.setConnectionSettings(s);
    fetcher.setCredentials({m_eve.login, m_eve.password, Pop3::Pop3Credentials::Method::Automatic});
    fetcher.setRetention(retention);
    fetcher.setClock([now] { return now; });
    fetcher.setBatchLimits(8 * 1024 * 1024, 4); // several commits per check: cuts between them too
    Core::Pop3FetchResult result;
    result.error = Core::Pop3FetchResult::Error::Cancelled;
    result.message = QStringLiteral("the check did not finish in time");
    QEventLoop loop;
    QObject::connect(&fetcher, &Core::Pop3Fetcher::finished, &loop, [&](const Core::Pop3FetchResult &r) {
        result = r;
        loop.quit();
    });
    QTimer::singleShot(60000, &loop, &QEventLoop::quit); // a hang shows as "did not finish"
    fetcher.start();
    loop.exec();
    return result;
}

QString TestFaultsPop3::exactly(const Pop3SyncHarness &h, const QSet<QByteArray> &archive, const QSet<QByteArray> &server)
{
    const auto archived = h.archived();
    const auto onServer = h.onServer();
    for (const QByteArray &key : archived.uniqueKeys()) {
        if (archived.count(key) != 1)
            return QStringLiteral("archived %1 times: %2").arg(archived.count(key)).arg(QString::fromLatin1(key));
        if (!archive.contains(key))
            return QStringLiteral("archived but should not be: ") + QString::fromLatin1(key);
    }
    for (const QByteArray &key : onServer.uniqueKeys()) {
        if (!server.contains(key))
            return QStringLiteral("on the server but should not be: ") + QString::fromLatin1(key);
    }
    for (const QByteArray &id : archive) {
        if (!archived.contains(id))
            return QStringLiteral("not archived: ") + QString::fromLatin1(id);
    }
    for (const QByteArray &id : server) {
        if (onServer.count(id) != 1)
            return QStringLiteral("%1 times on the server: %2").arg(onServer.count(id)).arg(QString::fromLatin1(id));
        if (archived.contains(id) && Pop3SyncHarness::toLf(archived.value(id)) != onServer.value(id))
            return QStringLiteral("archived bytes differ: ") + QString::fromLatin1(id);
    }
    return {};
}

QString TestFaultsPop3::nothingLost(const Pop3SyncHarness &h, const QSet<QByteArray> &ids)
{
    const auto archived = h.archived();
    const auto onServer = h.onServer();
    for (const QByteArray &key : archived.uniqueKeys()) {
        if (archived.count(key) != 1)
            return QStringLiteral("archived twice: ") + QString::fromLatin1(key);
    }
    for (const QByteArray &id : ids) {
        if (!archived.contains(id) && !onServer.contains(id))
            return QStringLiteral("lost: ") + QString::fromLatin1(id);
    }
    return {};
}

QList<Cut> TestFaultsPop3::cuts() const
{
    // Plaintext greeting, CAPA and STLS are the first ~150 bytes each way; then the TLS
    // handshake (a few kB down), USER/PASS, UIDL, LIST, the RETRs (most of the bytes down), and
    // the DELEs and QUIT at the very end of what the client sends.
    return {
        {Direction::ServerToClient, 0},
        {Direction::ServerToClient, 20},
        {Direction::ServerToClient, 120},
        {Direction::ServerToClient, 1500},
        {Direction::ServerToClient, m_down * 2 / 10},
        {Direction::ServerToClient, m_down * 5 / 10},
        {Direction::ServerToClient, m_down * 8 / 10},
        {Direction::ServerToClient, m_down - 20},
        {Direction::ClientToServer, 4},
        {Direction::ClientToServer, 30},
        {Direction::ClientToServer, 300},
        {Direction::ClientToServer, m_up * 6 / 10},
        {Direction::ClientToServer, m_up - 30},
        {Direction::ClientToServer, m_up + 40},
    };
}

void TestFaultsPop3::runCuts(const Core::Pop3Retention &retention, const char *name)
{
    FaultProxy proxy(m_servers.pop3StlsPort());
    QVERIFY(proxy.start());
    const bool byAge = retention.mode == Mode::DeleteAfterDays;
    const bool byLocalDelete = retention.mode == Mode::DeleteOnLocalDelete;
    // The modes that delete later cut two sessions per round: every other offset keeps the
    // test short and still covers each phase of both sessions.
    QList<Cut> chosen;
    for (qsizetype i = 0; i < cuts().size(); ++i) {
        if (!(byAge || byLocalDelete) || i % 2 == 1)
            chosen << cuts().at(i);
    }
    int index = 0;
    int cutCount = 0;
    for (const Cut &cut : std::as_const(chosen)) {
        const QSet<QByteArray> ids = freshMaildrop(10);
        QCOMPARE(ids.size(), 10);
        Pop3SyncHarness h(m_servers, m_eve, m_dir.filePath(QStringLiteral("%1-%2.db").arg(QLatin1String(name)).arg(index++)));
        // The cut session, then a rerun: for the modes that delete later, twice (the download,
        // then the deleting check).
        const auto faultThenRerun = [&](const QDateTime &now, const QSet<QByteArray> &wanted) {
            proxy.clearFaults();
            proxy.setFault(cut.direction, FaultProxy::cutAfter(cut.at));
            const auto faulty = fetchVia(h, proxy.port(), retention, now);
            qInfo("%s %s: %s; %s; %d archived, %lld on the server", name, qPrintable(describe(cut)),
                  proxy.wasCut() ? "cut" : "not cut", faulty.isOk() ? "ok" : qPrintable(faulty.message),
                  int(h.archived().size()), qlonglong(h.onServer().size()));
            // Only the QUIT exchange (the command's last TLS record up, or its reply down) may go
            // missing unnoticed, and only when nothing hung on it (no deletion claimed).
            const bool inQuit = cut.direction == Direction::ServerToClient ? cut.at > m_down - 64 : cut.at > m_up - 64;
            if (proxy.wasCut() && !(inQuit && faulty.isOk() && faulty.deletedOnServer == 0)) {
                ++cutCount;
                QVERIFY2(!faulty.isOk(), qPrintable(describe(cut) + QStringLiteral(": a cut check must fail")));
                QCOMPARE(faulty.error, Core::Pop3FetchResult::Error::Server);
            }
            QCOMPARE(nothingLost(h, wanted), QString());
            QCOMPARE(h.integrityCheck(), QStringLiteral("ok"));
            const auto rerun = fetchVia(h, m_servers.pop3StlsPort(), retention, now);
            QVERIFY2(rerun.isOk(), qPrintable(describe(cut) + QStringLiteral(": rerun: ") + rerun.message));
        };

        faultThenRerun(kStart, ids);
        if (QTest::currentTestFailed())
            return;
        if (retention.mode == Mode::DeleteAfterDownload) {
            QCOMPARE(exactly(h, ids, {}), QString());
            continue;
        }
        QCOMPARE(exactly(h, ids, ids), QString());
        if (retention.mode == Mode::Leave)
            continue;

        QSet<QByteArray> kept = ids;
        QDateTime later = kStart;
        if (byAge) {
            later = kStart.addDays(retention.days + 1);
        } else if (byLocalDelete) {
            // The user deletes three messages here.
            QList<qint64> victims;
            Store::Statement s(h.writer().database(),
                               "SELECT m.id, r.raw FROM messages m JOIN folders f ON f.id = m.folder_id"
                               " JOIN message_raw r ON r.message_id = m.id WHERE f.account_id = ?1 ORDER BY m.id LIMIT 3");
            s.bindInt64(1, h.accountId());
            while (s.step()) {
                victims << s.columnInt64(0);
                kept.remove(Pop3SyncHarness::messageId(s.columnBlob(1)));
            }
            QCOMPARE(h.writer().deleteMessages(victims), 3);
        }
        faultThenRerun(later, kept);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(exactly(h, byAge ? ids : kept, byAge ? QSet<QByteArray>() : kept), QString());
    }
    // Every cut counts but the QUIT exchange (command and reply, which may end well) and the
    // offset past the end of a session (never reached).
    QVERIFY(cutCount >= chosen.size() - 3);
}

void TestFaultsPop3::leaveOnServer()
{
    runCuts({Mode::Leave, 0}, "leave");
}

void TestFaultsPop3::deleteAfterDownload()
{
    runCuts({Mode::DeleteAfterDownload, 0}, "after-download");
}

void TestFaultsPop3::deleteAfterDays()
{
    runCuts({Mode::DeleteAfterDays, 2}, "after-days");
}

void TestFaultsPop3::deleteOnLocalDelete()
{
    runCuts({Mode::DeleteOnLocalDelete, 0}, "on-local-delete");
}

void TestFaultsPop3::stallAndTrickleEndInATimeout()
{
    const QSet<QByteArray> ids = freshMaildrop(10);
    QCOMPARE(ids.size(), 10);
    Pop3SyncHarness h(m_servers, m_eve, m_dir.filePath(QStringLiteral("slow.db")));
    FaultProxy proxy(m_servers.pop3StlsPort());
    QVERIFY(proxy.start());
    const Core::Pop3Retention deleting{Mode::DeleteAfterDownload, 0};

    // Stalled in the greeting, then in the middle of the RETRs: nothing was deleted.
    for (const qint64 at : {qint64(20), m_down / 2}) {
        proxy.setFault(Direction::ServerToClient, FaultProxy::stallAfter(at));
        const auto r = fetchVia(h, proxy.port(), deleting, kStart, 1500, 1500);
        QVERIFY(proxy.wasStalled());
        QVERIFY(!r.isOk());
        QVERIFY2(saysTimeout(r.message), qPrintable(r.message));
        QCOMPARE(h.onServer().size(), 10);
        QCOMPARE(nothingLost(h, ids), QString());
    }
    // A trickle of 8 bytes per 100 ms: the TLS handshake cannot finish in its 1500 ms.
    proxy.setFault(Direction::ServerToClient, FaultProxy::trickle(8, 100));
    auto r = fetchVia(h, proxy.port(), deleting, kStart, 1500, 1500);
    QVERIFY(!r.isOk());
    QVERIFY(proxy.trickleWrites() > 3);
    QVERIFY2(saysTimeout(r.message), qPrintable(r.message));

    r = fetchVia(h, m_servers.pop3StlsPort(), deleting, kStart);
    QVERIFY2(r.isOk(), qPrintable(r.message));
    QCOMPARE(exactly(h, ids, {}), QString());
}

void TestFaultsPop3::fullDiskDeletesNothing()
{
    // Room for the archive (about twice the messages: WAL and database) once the filler goes.
    TinyDisk disk(m_dir.filePath(QStringLiteral("tiny")), 16384);
    QVERIFY2(disk.isMounted(), qPrintable(disk.errorString()));
    Pop3SyncHarness h(m_servers, m_eve, disk.path() + QStringLiteral("/petrel.db"));
    const Core::Pop3Retention deleting{Mode::DeleteAfterDownload, 0};
    // A first check of an empty maildrop sets the local folders up, so that the full disk hits
    // the downloads' commit.
    QCOMPARE(freshMaildrop(0).size(), 0);
    auto r = fetchVia(h, m_servers.pop3StlsPort(), deleting, kStart);
    QVERIFY2(r.isOk(), qPrintable(r.message));
    const QSet<QByteArray> ids = freshMaildrop(8, 400 * 1024);
    QCOMPARE(ids.size(), 8);
    QVERIFY(disk.fill());
    r = fetchVia(h, m_servers.pop3StlsPort(), deleting, kStart);
    qInfo("on a full disk: %s", qPrintable(r.message));
    QVERIFY(!r.isOk());
    QCOMPARE(r.error, Core::Pop3FetchResult::Error::Store);
    QVERIFY2(r.message.contains(QLatin1String("full")), qPrintable(r.message));
    QVERIFY2(r.message.contains(QLatin1String("nothing was deleted")), qPrintable(r.message));
    QCOMPARE(r.deletedOnServer, 0);
    QCOMPARE(exactly(h, {}, ids), QString()); // nothing archived, nothing deleted

    disk.release();
    QCOMPARE(h.integrityCheck(), QStringLiteral("ok"));
    r = fetchVia(h, m_servers.pop3StlsPort(), deleting, kStart);
    QVERIFY2(r.isOk(), qPrintable(r.message));
    QCOMPARE(exactly(h, ids, {}), QString());
}

QTEST_GUILESS_MAIN(TestFaultsPop3)
#include "tst_faults_pop3.moc"
