// petrel-cli killed with SIGKILL at many points of an IMAP sync (user dan), a POP3 download that
// deletes after download (user eve) and an outbox pass (dan sends to eve): after each kill the
// profile database passes PRAGMA integrity_check, and after a rerun the cache equals the server
// (IMAP), every message is in exactly one place (POP3), and each outbox message was delivered
// at most once and none is lost: a message killed between its body and the server's answer
// stays "unknown" and is not sent again without the user.
#include "CliRunner.h"
#include "ImapSyncHarness.h"
#include "Pop3SyncHarness.h"

#include "store/Database.h"
#include "store/Statement.h"
#include "store/StorePaths.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace Petrel;
using namespace Petrel::Test;

namespace {

// When to kill: after delayMs, counted from the moment the stderr of the --verbose run shows
// phase (or from the start when phase is empty).
struct KillPoint
{
    QByteArray phase;
    int delayMs = 0;
};

QString describe(const KillPoint &k)
{
    return k.phase.isEmpty() ? QStringLiteral("%1 ms after the start").arg(k.delayMs)
                             : QStringLiteral("%1 ms after '%2'").arg(k.delayMs).arg(QString::fromLatin1(k.phase));
}

bool copyTree(const QString &from, const QString &to)
{
    QDir().mkpath(to);
    QDirIterator it(from, QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString target = to + QLatin1Char('/') + QDir(from).relativeFilePath(path);
        if (it.fileInfo().isDir()) {
            QDir().mkpath(target);
        } else if (!QFile::copy(path, target)) {
            return false;
        }
    }
    return true;
}

QString integrity(const QString &profileDir)
{
    auto db = Store::Database::open(Store::defaultDatabasePath(profileDir), Store::Database::Role::Reader);
    Store::Statement check(*db, "PRAGMA integrity_check");
    return check.step() ? check.columnText(0) : QStringLiteral("no answer");
}

} // namespace

class TestFaultsKill : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void imapSyncKilled();
    void pop3DownloadKilled();
    void outboxSendKilled();

private:
    // Starts petrel-cli --verbose with args on profileDir and kills it (SIGKILL) at point; false
    // when it had already finished by then.
    bool runAndKill(const QString &profileDir, const QStringList &args, const KillPoint &point);
    void addAccount(const QString &profileDir, const TestUser &user, const QString &protocol, quint16 port);
    int deliveries(const QString &messageId) const;
    bool waitForEmptyMailQueue() const;

    TestServers m_servers;
    TestUser m_dan, m_eve;
    QTemporaryDir m_dir;
};

void TestFaultsKill::initTestCase()
{
    m_servers = TestServers::load();
    QVERIFY2(m_servers.isValid(), qPrintable(m_servers.errorString()));
    m_dan = m_servers.user(QStringLiteral("dan"));
    m_eve = m_servers.user(QStringLiteral("eve"));
    QVERIFY(m_dan.isValid() && m_eve.isValid());
    QVERIFY(m_dir.isValid());
}

bool TestFaultsKill::runAndKill(const QString &profileDir, const QStringList &args, const KillPoint &point)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::SeparateChannels);
    process.start(QStringLiteral(PETREL_CLI_FOR_TEST),
                  QStringList{QStringLiteral("--profile"), profileDir, QStringLiteral("--verbose")} + args);
    if (!process.waitForStarted(30000))
        return false;
    QByteArray err;
    if (!point.phase.isEmpty()) {
        while (!err.contains(point.phase) && process.state() == QProcess::Running) {
            process.waitForReadyRead(50);
            err += process.readAllStandardError();
        }
    }
    const bool finishedEarly = process.waitForFinished(point.delayMs);
    process.kill(); // SIGKILL
    process.waitForFinished(30000);
    return !finishedEarly;
}

void TestFaultsKill::addAccount(const QString &profileDir, const TestUser &user, const QString &protocol, quint16 port)
{
    CliRunner cli(profileDir);
    const CliRun r = cli.run({QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("work"),
                              QStringLiteral("--address"), user.login, QStringLiteral("--host"), m_servers.host(),
                              QStringLiteral("--port"), QString::number(port), QStringLiteral("--protocol"), protocol,
                              QStringLiteral("--security"), QStringLiteral("tls"), QStringLiteral("--smtp-host"),
                              m_servers.host(), QStringLiteral("--smtp-port"),
                              QString::number(m_servers.submissionPort()), QStringLiteral("--smtp-security"),
                              QStringLiteral("starttls"), QStringLiteral("--ca-file"), m_servers.caFile(),
                              QStringLiteral("--password-stdin")},
                             user.password.toUtf8() + '\n');
    QVERIFY2(r.exitCode == 0, r.err.constData());
}

int TestFaultsKill::deliveries(const QString &messageId) const
{
    return m_servers.matchCount(m_eve.login, QStringLiteral("INBOX"),
                                {QStringLiteral("HEADER"), QStringLiteral("Message-ID"), messageId});
}

bool TestFaultsKill::waitForEmptyMailQueue() const
{
    return m_servers.waitForEmptyMailQueue(30000);
}

void TestFaultsKill::imapSyncKilled()
{
    QString error;
    {
        ImapSyncHarness server(m_servers, m_dan, m_dir.filePath(QStringLiteral("imap-seed.db")));
        QVERIFY2(server.resetMailboxes(&error), qPrintable(error));
        QVERIFY2(server.seed(160, QString(), &error, 16384), qPrintable(error));
        QVERIFY2(server.seed(5, QStringLiteral("Reports"), &error, 16384), qPrintable(error));
    }
    const QString templateDir = m_dir.filePath(QStringLiteral("imap-template"));
    addAccount(templateDir, m_dan, QStringLiteral("imap"), m_servers.imapTlsPort());
    if (QTest::currentTestFailed())
        return;

    // From start-up (store, keychain, connecting) through LOGIN, LIST and the FETCHes.
    const QList<KillPoint> points = {
        {{}, 30},           {{}, 120},           {{}, 250},           {"sync: folder", 0},
        {"sync: folder", 15}, {"sync: folder", 30}, {"sync: folder", 50}, {"sync: folder", 75},
        {"sync: folder", 100}, {"sync: folder", 130}, {"sync: folder", 170}, {"sync: folder", 220},
    };
    int killed = 0;
    int round = 0;
    for (const KillPoint &point : points) {
        const QString profileDir = m_dir.filePath(QStringLiteral("imap-%1").arg(round++));
        QVERIFY(copyTree(templateDir, profileDir));
        const bool wasKilled = runAndKill(profileDir, {QStringLiteral("sync"), QStringLiteral("work")}, point);
        killed += wasKilled ? 1 : 0;
        qInfo("%s: %s", qPrintable(describe(point)), wasKilled ? "killed" : "had finished");
        QCOMPARE(integrity(profileDir), QStringLiteral("ok"));
        const CliRun rerun = CliRunner(profileDir).run({QStringLiteral("sync"), QStringLiteral("work")}, {}, 120000);
        QVERIFY2(rerun.exitCode == 0, qPrintable(describe(point) + QStringLiteral(": rerun: ") + QString::fromUtf8(rerun.err)));
        ImapSyncHarness h(m_servers, m_dan, Store::defaultDatabasePath(profileDir), QStringLiteral("work"));
        QVERIFY(h.accountId() > 0);
        QCOMPARE(h.differences(QStringLiteral("INBOX")), QString());
        QCOMPARE(h.differences(QStringLiteral("Reports")), QString());
    }
    qInfo("%d of %lld runs killed before they finished", killed, qlonglong(points.size()));
    // The kills must really interrupt runs (how many depends on the machine's speed).
    QVERIFY2(killed >= 4, qPrintable(QStringLiteral("only %1 runs were killed before they finished").arg(killed)));
}

void TestFaultsKill::pop3DownloadKilled()
{
    const QString profileDir = m_dir.filePath(QStringLiteral("pop3"));
    addAccount(profileDir, m_eve, QStringLiteral("pop3"), m_servers.pop3TlsPort());
    if (QTest::currentTestFailed())
        return;
    const CliRun set = CliRunner(profileDir).run(
        {QStringLiteral("account"), QStringLiteral("set"), QStringLiteral("work"),
         QStringLiteral("pop3.retention=delete-after-download")});
    QVERIFY2(set.exitCode == 0, set.err.constData());

    const QList<KillPoint> points = {
        {{}, 30},         {{}, 150},         {"logged in", 0},  {"on server", 0}, {"on server", 10},
        {"on server", 20}, {"on server", 35}, {"on server", 50}, {"on server", 70}, {"on server", 100},
    };
    // Enough messages that the kills after "on server" land while it downloads, even on a fast
    // machine (a whole run took about 50 ms with 25).
    constexpr int PerRound = 100;
    QSet<QByteArray> all;
    int killed = 0;
    int round = 0;
    for (const KillPoint &point : points) {
        QString error;
        QVERIFY2(expungeAll(m_servers, m_eve, &error), qPrintable(error));
        const QByteArray tag = "kill-" + QByteArray::number(round++) + '-' +
                               QByteArray::number(QDateTime::currentMSecsSinceEpoch());
        // Many small messages: committed in batches, deleted in a run of DELEs.
        QVERIFY2(injectNumbered(m_servers, m_eve, tag, PerRound, &error), qPrintable(error));
        QSet<QByteArray> ids;
        for (int i = 0; i < PerRound; ++i)
            ids.insert('<' + tag + '-' + QByteArray::number(i) + "@petrel.test>");
        all += ids;

        const bool wasKilled = runAndKill(profileDir, {QStringLiteral("sync"), QStringLiteral("work")}, point);
        killed += wasKilled ? 1 : 0;
        qInfo("%s: %s", qPrintable(describe(point)), wasKilled ? "killed" : "had finished");
        QCOMPARE(integrity(profileDir), QStringLiteral("ok"));
        {
            // After the kill: every message archived once or still on the server.
            Pop3SyncHarness h(m_servers, m_eve, Store::defaultDatabasePath(profileDir), QStringLiteral("work"));
            const auto archived = h.archived();
            const auto onServer = h.onServer();
            for (const QByteArray &id : ids) {
                QVERIFY2(archived.count(id) <= 1, id.constData());
                QVERIFY2(archived.contains(id) || onServer.contains(id), QByteArray(id + " lost").constData());
            }
        }
        const CliRun rerun = CliRunner(profileDir).run({QStringLiteral("sync"), QStringLiteral("work")}, {}, 120000);
        QVERIFY2(rerun.exitCode == 0, qPrintable(describe(point) + QStringLiteral(": rerun: ") + QString::fromUtf8(rerun.err)));
        Pop3SyncHarness h(m_servers, m_eve, Store::defaultDatabasePath(profileDir), QStringLiteral("work"));
        const auto archived = h.archived();
        for (const QByteArray &id : std::as_const(all))
            QVERIFY2(archived.count(id) == 1, qPrintable(describe(point) + QStringLiteral(": %1 archived %2 times")
                                                                               .arg(QString::fromLatin1(id))
                                                                               .arg(archived.count(id))));
        QCOMPARE(archived.size(), all.size());
        QCOMPARE(h.onServer().size(), 0);
    }
    qInfo("%d of %lld runs killed before they finished", killed, qlonglong(points.size()));
    // The kills must really interrupt runs (how many depends on the machine's speed).
    QVERIFY2(killed >= 4, qPrintable(QStringLiteral("only %1 runs were killed before they finished").arg(killed)));
}

void TestFaultsKill::outboxSendKilled()
{
    const QString profileDir = m_dir.filePath(QStringLiteral("outbox"));
    // A POP3 account: the Sent copies stay local, so nothing but SMTP reaches the servers.
    addAccount(profileDir, m_dan, QStringLiteral("pop3"), m_servers.pop3TlsPort());
    if (QTest::currentTestFailed())
        return;
    CliRunner cli(profileDir);
    QFile payload(m_dir.filePath(QStringLiteral("payload.bin")));
    QVERIFY(payload.open(QIODevice::WriteOnly));
    payload.write(QByteArray(1024 * 1024, 'p')); // about 1.4 MB encoded: kills land inside DATA
    payload.close();
    const QString tag = QString::number(QDateTime::currentMSecsSinceEpoch());
    static const QRegularExpression queued(QStringLiteral("queued message \\d+ <([^>]+)>"));
    QSet<QString> ids;
    const auto queueOne = [&](int i) {
        const CliRun r = cli.run({QStringLiteral("send"), QStringLiteral("--account"), QStringLiteral("work"),
                                  QStringLiteral("--to"), m_eve.login, QStringLiteral("--subject"),
                                  QStringLiteral("kill %1 %2").arg(i).arg(tag), QStringLiteral("--body"),
                                  QStringLiteral("x"), QStringLiteral("--attach"), payload.fileName(),
                                  QStringLiteral("--queue-only")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QRegularExpressionMatch m = queued.match(QString::fromUtf8(r.err));
        QVERIFY2(m.hasMatch(), r.err.constData());
        ids.insert(m.captured(1));
    };

    const QList<KillPoint> points = {
        {{}, 40},  {{}, 150}, {{}, 300},  {{}, 450},  {{}, 600},  {{}, 750},
        {{}, 900}, {{}, 1050}, {{}, 1200}, {{}, 1350}, {{}, 1600},
    };
    int round = 0;
    for (const KillPoint &point : points) {
        queueOne(round++);
        if (QTest::currentTestFailed())
            return;
        const bool wasKilled = runAndKill(profileDir, {QStringLiteral("outbox"), QStringLiteral("send")}, point);
        qInfo("%s: %s", qPrintable(describe(point)), wasKilled ? "killed" : "had finished");
        QCOMPARE(integrity(profileDir), QStringLiteral("ok"));
    }

    // The outbox before the resuming pass: what is "unknown" must stay so, and unsent.
    QHash<QString, QString> before;
    for (const QJsonValue &v : QJsonDocument::fromJson(cli.run({QStringLiteral("outbox"), QStringLiteral("--json")}).out).array())
        before.insert(v.toObject().value(QStringLiteral("messageId")).toString(),
                      v.toObject().value(QStringLiteral("state")).toString());
    QVERIFY(waitForEmptyMailQueue());
    QHash<QString, int> deliveredBefore;
    for (const QString &id : std::as_const(ids))
        deliveredBefore.insert(id, deliveries(id));

    const CliRun resume = cli.run({QStringLiteral("outbox"), QStringLiteral("send")}, {}, 240000);
    QVERIFY2(resume.exitCode == 0, QByteArray(resume.err + '\n' + resume.out).constData());
    QVERIFY(waitForEmptyMailQueue());
    QHash<QString, QString> left;
    for (const QJsonValue &v : QJsonDocument::fromJson(cli.run({QStringLiteral("outbox"), QStringLiteral("--json")}).out).array())
        left.insert(v.toObject().value(QStringLiteral("messageId")).toString(),
                    v.toObject().value(QStringLiteral("state")).toString());

    int delivered = 0, unknown = 0;
    for (const QString &id : std::as_const(ids)) {
        const int n = deliveries(id);
        QVERIFY2(n <= 1, qPrintable(id + QStringLiteral(" delivered %1 times").arg(n)));
        if (before.value(id) == QLatin1String("unknown")) {
            // Maybe delivered: the resuming pass did not send it again.
            ++unknown;
            QCOMPARE(left.value(id), QStringLiteral("unknown"));
            QCOMPARE(n, deliveredBefore.value(id));
            continue;
        }
        // Not started, or interrupted before its body: the resuming pass delivered it, once.
        QVERIFY2(!left.contains(id), qPrintable(id + QStringLiteral(" still ") + left.value(id)));
        QVERIFY2(m_servers.waitForMessage(m_eve.login, QStringLiteral("INBOX"),
                                          {QStringLiteral("HEADER"), QStringLiteral("Message-ID"), id}, 60000),
                 qPrintable(id + QStringLiteral(" lost")));
        QCOMPARE(deliveries(id), 1);
        ++delivered;
    }
    qInfo("%d delivered, %d left unknown of %lld", delivered, unknown, qlonglong(ids.size()));
    for (auto it = left.cbegin(); it != left.cend(); ++it)
        QVERIFY2(it.value() == QLatin1String("unknown"), qPrintable(it.key() + QLatin1Char(' ') + it.value()));
    QVERIFY(delivered > 0);
}

QTEST_GUILESS_MAIN(TestFaultsKill)
#include "tst_faults_kill.moc"
