// A profile whose disk turned read-only (the kernel does that to a failing disk; root cannot
// write either): petrel-cli's POP3 check with delete-after-download ends with a clear error that
// names the cause, and deletes nothing from the server. Once the disk is writable again, the
// next check archives every message once and only then deletes them (user eve).
#include "CliRunner.h"
#include "Pop3SyncHarness.h"
#include "TinyDisk.h"

#include "store/StorePaths.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Petrel;
using namespace Petrel::Test;

class TestFaultsReadOnly : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readOnlyProfileDeletesNothing()
    {
        TestServers servers = TestServers::load();
        QVERIFY2(servers.isValid(), qPrintable(servers.errorString()));
        const TestUser eve = servers.user(QStringLiteral("eve"));
        QVERIFY(eve.isValid());
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        TinyDisk disk(dir.filePath(QStringLiteral("disk")), 32768);
        QVERIFY2(disk.isMounted(), qPrintable(disk.errorString()));
        const QString profile = disk.path() + QStringLiteral("/profile");

        CliRunner cli(profile);
        CliRun r = cli.run({QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("work"),
                            QStringLiteral("--address"), eve.login, QStringLiteral("--host"), servers.host(),
                            QStringLiteral("--port"), QString::number(servers.pop3TlsPort()), QStringLiteral("--protocol"),
                            QStringLiteral("pop3"), QStringLiteral("--security"), QStringLiteral("tls"),
                            QStringLiteral("--ca-file"), servers.caFile(), QStringLiteral("--password-stdin")},
                           eve.password.toUtf8() + '\n');
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = cli.run({QStringLiteral("account"), QStringLiteral("set"), QStringLiteral("work"),
                     QStringLiteral("pop3.retention=delete-after-download")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QString error;
        QVERIFY2(expungeAll(servers, eve, &error), qPrintable(error));
        r = cli.run({QStringLiteral("sync"), QStringLiteral("work")}, {}, 120000); // folders set up
        QVERIFY2(r.exitCode == 0, r.err.constData());

        const QByteArray tag = "readonly-" + QByteArray::number(QDateTime::currentMSecsSinceEpoch());
        QVERIFY2(injectNumbered(servers, eve, tag, 12, &error), qPrintable(error));
        QSet<QByteArray> ids;
        for (int i = 0; i < 12; ++i)
            ids.insert('<' + tag + '-' + QByteArray::number(i) + "@petrel.test>");

        QVERIFY2(disk.setReadOnly(true), qPrintable(disk.errorString()));
        r = cli.run({QStringLiteral("sync"), QStringLiteral("work")}, {}, 120000);
        qInfo("on a read-only disk: exit %d: %s", r.exitCode, r.err.constData());
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains("cannot be written (a read-only disk"), r.err.constData());
        {
            Pop3SyncHarness onServer(servers, eve, dir.filePath(QStringLiteral("observer.db")));
            const auto present = onServer.onServer();
            QCOMPARE(QSet<QByteArray>(present.keyBegin(), present.keyEnd()), ids); // nothing deleted
        }

        QVERIFY2(disk.setReadOnly(false), qPrintable(disk.errorString()));
        r = cli.run({QStringLiteral("sync"), QStringLiteral("work")}, {}, 120000);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        Pop3SyncHarness h(servers, eve, Store::defaultDatabasePath(profile), QStringLiteral("work"));
        QCOMPARE(h.integrityCheck(), QStringLiteral("ok"));
        const auto archived = h.archived();
        for (const QByteArray &id : std::as_const(ids))
            QVERIFY2(archived.count(id) == 1, id.constData());
        QVERIFY(h.onServer().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestFaultsReadOnly)
#include "tst_faults_readonly.moc"
