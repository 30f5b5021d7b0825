// The POP3 archive against the fixture's real Dovecot, as kim: 1,000 messages including one of
// 20 MB land in the archive once each, byte for byte the server's; a rerun downloads nothing;
// and `petrel-cli sync` killed with SIGKILL at several points, then rerun, still archives every
// message exactly once with a database that passes integrity_check.
#include "CliRunner.h"
#include "Pop3SyncHarness.h"
#include "TestServers.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>

using namespace Petrel;
using Petrel::Test::Pop3SyncHarness;

namespace {

QList<QByteArray> sortedValues(const QMultiHash<QByteArray, QByteArray> &hash, bool toLf)
{
    QList<QByteArray> out;
    for (auto it = hash.begin(); it != hash.end(); ++it)
        out << (toLf ? Pop3SyncHarness::toLf(it.value()) : it.value());
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

class Pop3SyncBulkTest : public QObject
{
    Q_OBJECT

private:
    Test::TestServers m_servers;
    Test::TestUser m_user;
    QTemporaryDir m_dir;

    bool seed(int count, QString *error)
    {
        QProcess seed;
        seed.start(QStringLiteral("python3"),
                   {qEnvironmentVariable("PETREL_SEED"), QStringLiteral("--servers"),
                    qEnvironmentVariable("PETREL_TEST_SERVERS"), QStringLiteral("--user"), m_user.localPart(),
                    QStringLiteral("--count"), QString::number(count), QStringLiteral("--seed"),
                    QString::number(QRandomGenerator::global()->bounded(1, 1 << 30))});
        if (!seed.waitForFinished(240000) || seed.exitCode() != 0) {
            *error = QString::fromUtf8(seed.readAllStandardError());
            return false;
        }
        return true;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_servers = Test::TestServers::load();
        QVERIFY2(m_servers.isValid(), qPrintable(m_servers.errorString()));
        m_user = m_servers.user(QStringLiteral("kim"));
        QVERIFY(m_user.isValid());
    }

    void thousandMessagesOnceEach()
    {
        QString error;
        QVERIFY2(Test::expungeAll(m_servers, m_user, &error), qPrintable(error));
        QVERIFY2(seed(999, &error), qPrintable(error));
        // One of 20 MB, through the MTA like real mail.
        QByteArray big = "From: big@petrel.test\nTo: " + m_user.login.toUtf8() +
                         "\nSubject: twenty megabytes\nMessage-ID: <big-20mb@petrel.test>\n"
                         "Date: Sun, 22 Nov 2026 03:00:00 +0000\nMIME-Version: 1.0\n"
                         "Content-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\n";
        QByteArray chunk;
        for (int i = 0; i < 57; ++i)
            chunk += char('a' + i % 26);
        const QByteArray line = chunk.toBase64() + '\n';
        while (big.size() < 20 * 1024 * 1024)
            big += line;
        QVERIFY2(m_servers.injectMessage(QStringLiteral("big@petrel.test"), {m_user.login}, big, &error),
                 qPrintable(error));
        QElapsedTimer timer;
        timer.start();
        while (Test::serverCount(m_servers, m_user) < 1000 && timer.elapsed() < 120000)
            QTest::qWait(250);
        QCOMPARE(Test::serverCount(m_servers, m_user), 1000);

        Pop3SyncHarness harness(m_servers, m_user, m_dir.filePath(QStringLiteral("bulk.sqlite")));
        const Core::Pop3FetchResult first = harness.fetch({});
        QVERIFY2(first.isOk(), qPrintable(first.message));
        QCOMPARE(first.onServer, 1000);
        QCOMPARE(first.downloaded, 1000);
        QCOMPARE(first.skipped, 0);
        QCOMPARE(first.deletedOnServer, 0);

        // Every message once, byte for byte the server's (the maildir keeps LF line ends).
        const auto archived = harness.archived();
        const auto server = harness.onServer();
        QCOMPARE(archived.size(), 1000);
        QCOMPARE(server.size(), 1000);
        QVERIFY(sortedValues(archived, true) == sortedValues(server, false));
        const QByteArray bigArchived = archived.value("<big-20mb@petrel.test>");
        QVERIFY(bigArchived.size() > 20 * 1024 * 1024);

        const Core::Pop3FetchResult again = harness.fetch({});
        QVERIFY2(again.isOk(), qPrintable(again.message));
        QCOMPARE(again.downloaded, 0);
        QCOMPARE(again.alreadyArchived, 1000);
        QCOMPARE(harness.archived().size(), 1000);
        QCOMPARE(harness.integrityCheck(), QStringLiteral("ok"));
    }

    void cliKilledThenRerun()
    {
        QString error;
        QVERIFY2(Test::expungeAll(m_servers, m_user, &error), qPrintable(error));
        QVERIFY2(seed(400, &error), qPrintable(error));
        QCOMPARE(Test::serverCount(m_servers, m_user), 400);

        const QString profile = m_dir.filePath(QStringLiteral("cli-profile"));
        Test::CliRunner cli(profile);
        const Test::CliRun add = cli.run({QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("kim"),
                                          QStringLiteral("--protocol"), QStringLiteral("pop3"),
                                          QStringLiteral("--address"), m_user.login, QStringLiteral("--host"),
                                          m_servers.host(), QStringLiteral("--port"),
                                          QString::number(m_servers.pop3TlsPort()), QStringLiteral("--ca-file"),
                                          m_servers.caFile(), QStringLiteral("--password-stdin")},
                                         m_user.password.toUtf8() + '\n');
        QVERIFY2(add.exitCode == 0, add.err.constData());
        // The retention that deletes: a kill must still never lose a message.
        const Test::CliRun set = cli.run({QStringLiteral("account"), QStringLiteral("set"), QStringLiteral("kim"),
                                          QStringLiteral("pop3.retention=delete-after-download")});
        QVERIFY2(set.exitCode == 0, set.err.constData());

        const QMultiHash<QByteArray, QByteArray> original = [&] {
            Pop3SyncHarness probe(m_servers, m_user, m_dir.filePath(QStringLiteral("probe.sqlite")));
            return probe.onServer();
        }();
        QCOMPARE(original.size(), 400);

        // Kill after k progress lines: before any commit, between batches, near the end.
        const QString database = profile + QStringLiteral("/petrel.sqlite");
        int killedRunning = 0;
        // 0: kill at the line that reports the last download, as the final commit and DELEs run.
        for (const int lines : {1, 40, 150, 260, 0}) {
            QProcess sync;
            sync.setProgram(QStringLiteral(PETREL_CLI_FOR_TEST));
            sync.setArguments({QStringLiteral("--profile"), profile, QStringLiteral("sync"), QStringLiteral("kim")});
            sync.setReadChannel(QProcess::StandardError);
            sync.start();
            QVERIFY(sync.waitForStarted());
            int seen = 0;
            QElapsedTimer timer;
            timer.start();
            bool lastSeen = false;
            static const QRegularExpression progress(QStringLiteral("^sync: (\\d+) of (\\d+) "));
            while ((lines ? seen < lines : !lastSeen) && sync.state() == QProcess::Running
                   && timer.elapsed() < 120000) {
                if (!sync.canReadLine() && !sync.waitForReadyRead(200))
                    continue;
                while ((lines ? seen < lines : !lastSeen) && sync.canReadLine()) {
                    const auto match = progress.match(QString::fromUtf8(sync.readLine()));
                    if (!match.hasMatch())
                        continue;
                    ++seen;
                    lastSeen = match.captured(1) == match.captured(2) && match.captured(2) != QLatin1String("0");
                }
            }
            const bool running = sync.state() == QProcess::Running;
            sync.kill(); // SIGKILL
            sync.waitForFinished(10000);
            if (running && sync.exitStatus() == QProcess::CrashExit)
                ++killedRunning;

            // Between runs: nothing lost, nothing twice.
            Pop3SyncHarness view(m_servers, m_user, database, QStringLiteral("kim"));
            const auto archived = view.archived();
            const auto server = view.onServer();
            QCOMPARE(view.integrityCheck(), QStringLiteral("ok"));
            QCOMPARE(QSet<QByteArray>(archived.keyBegin(), archived.keyEnd()).size(), archived.size());
            for (auto it = original.begin(); it != original.end(); ++it)
                QVERIFY2(archived.contains(it.key()) || server.contains(it.key()), it.key().constData());
            qInfo("killed after %d progress lines%s: %d archived, %d on the server", seen,
                  lines ? "" : " (the last download)", int(archived.size()), int(server.size()));
        }
        QVERIFY2(killedRunning >= 3, "the kills must hit a running download");
        const Test::CliRun rerun = cli.run({QStringLiteral("sync"), QStringLiteral("kim")}, {}, 240000);
        QVERIFY2(rerun.exitCode == 0, rerun.err.constData());
        QVERIFY2(rerun.out.startsWith("synced kim: "), rerun.out.constData());

        Pop3SyncHarness view(m_servers, m_user, database, QStringLiteral("kim"));
        const auto archived = view.archived();
        QCOMPARE(archived.size(), 400);
        QVERIFY(sortedValues(archived, true) == sortedValues(original, false));
        QCOMPARE(Test::serverCount(m_servers, m_user), 0);
        QCOMPARE(view.integrityCheck(), QStringLiteral("ok"));

        // An account whose password is not in the keychain fails clearly, before any connection.
        const Test::CliRun noPasswordAdd =
            cli.run({QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("nopassword"),
                     QStringLiteral("--protocol"), QStringLiteral("pop3"), QStringLiteral("--address"), m_user.login,
                     QStringLiteral("--host"), m_servers.host()});
        QVERIFY2(noPasswordAdd.exitCode == 0, noPasswordAdd.err.constData());
        const Test::CliRun noPasswordSync = cli.run({QStringLiteral("sync"), QStringLiteral("nopassword")});
        QCOMPARE(noPasswordSync.exitCode, 1);
        QVERIFY2(noPasswordSync.err.contains("no password for 'nopassword' in the system keychain"),
                 noPasswordSync.err.constData());

        // Bad settings are refused with the reason, and change nothing.
        const Test::CliRun imapAdd = cli.run({QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("imap"),
                                              QStringLiteral("--address"), m_user.login, QStringLiteral("--host"),
                                              m_servers.host()});
        QVERIFY2(imapAdd.exitCode == 0, imapAdd.err.constData());
        const Test::CliRun badDays = cli.run({QStringLiteral("account"), QStringLiteral("set"), QStringLiteral("kim"),
                                              QStringLiteral("pop3.retention=delete-after-days:0")});
        QCOMPARE(badDays.exitCode, 2);
        QVERIFY2(badDays.err.contains("from 1 to"), badDays.err.constData());
        const Test::CliRun onImap = cli.run({QStringLiteral("account"), QStringLiteral("set"), QStringLiteral("imap"),
                                             QStringLiteral("pop3.retention=leave")});
        QCOMPARE(onImap.exitCode, 2);
        QVERIFY2(onImap.err.contains("POP3 accounts only"), onImap.err.constData());
        const Test::CliRun interval = cli.run({QStringLiteral("account"), QStringLiteral("set"), QStringLiteral("kim"),
                                               QStringLiteral("check-interval=15")});
        QVERIFY2(interval.exitCode == 0, interval.err.constData());
        QVERIFY2(interval.out.contains("pop3.retention=delete-after-download, check-interval=15"),
                 interval.out.constData());
    }
};

QTEST_GUILESS_MAIN(Pop3SyncBulkTest)
#include "tst_pop3sync_bulk.moc"
