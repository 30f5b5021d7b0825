// petrel-cli sync / folders / list for an IMAP account, end to end: real Dovecot (user ivan only),
// password in the fixture's keychain.
#include "CliRunner.h"
#include "ImapSyncHarness.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Petrel;
using namespace Petrel::Test;

class TestImapSyncCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void syncFoldersListShow();
};

void TestImapSyncCli::syncFoldersListShow()
{
    const TestServers servers = TestServers::load();
    QVERIFY2(servers.isValid(), qPrintable(servers.errorString()));
    const TestUser user = servers.user(QStringLiteral("ivan"));
    QVERIFY(user.isValid());
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QString error;
    {
        // Server-side setup only; its scratch store is not the CLI's profile.
        ImapSyncHarness server(servers, user, dir.filePath(QStringLiteral("scratch.db")));
        QVERIFY2(server.resetMailboxes(&error), qPrintable(error));
        QVERIFY2(server.seed(30, QString(), &error), qPrintable(error));
        QVERIFY2(server.seed(5, QStringLiteral("Projects"), &error), qPrintable(error));
    }

    CliRunner cli(dir.filePath(QStringLiteral("profile")));
    CliRun r = cli.run({QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("work"), QStringLiteral("--address"),
                        user.login, QStringLiteral("--host"), servers.host(), QStringLiteral("--port"),
                        QString::number(servers.imapTlsPort()), QStringLiteral("--protocol"), QStringLiteral("imap"),
                        QStringLiteral("--security"), QStringLiteral("tls"), QStringLiteral("--ca-file"), servers.caFile(),
                        QStringLiteral("--password-stdin")},
                       user.password.toUtf8() + '\n');
    QVERIFY2(r.exitCode == 0, r.err.constData());

    r = cli.run({QStringLiteral("sync"), QStringLiteral("work")}, {}, 240000);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.out.contains("35 new messages (30 with body)"), r.out.constData());
    QVERIFY2(r.err.contains("sync: folder"), r.err.constData()); // progress on stderr

    r = cli.run({QStringLiteral("folders"), QStringLiteral("work"), QStringLiteral("--json")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QHash<QString, QJsonObject> folders;
    for (const QJsonValue &v : QJsonDocument::fromJson(r.out).array())
        folders.insert(v.toObject().value(QStringLiteral("path")).toString(), v.toObject());
    QCOMPARE(folders.value(QStringLiteral("INBOX")).value(QStringLiteral("role")).toString(), QStringLiteral("inbox"));
    QCOMPARE(folders.value(QStringLiteral("INBOX")).value(QStringLiteral("total")).toInt(), 30);
    QCOMPARE(folders.value(QStringLiteral("Projects")).value(QStringLiteral("total")).toInt(), 5);
    QCOMPARE(folders.value(QStringLiteral("Trash")).value(QStringLiteral("role")).toString(), QStringLiteral("trash"));

    r = cli.run({QStringLiteral("list"), QStringLiteral("work"), QStringLiteral("INBOX"), QStringLiteral("--json"),
                 QStringLiteral("--limit"), QStringLiteral("10")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonArray page = QJsonDocument::fromJson(r.out).array();
    QCOMPARE(page.size(), 10);
    for (qsizetype i = 1; i < page.size(); ++i) // newest first
        QVERIFY(page.at(i - 1).toObject().value(QStringLiteral("date")).toString() >=
                page.at(i).toObject().value(QStringLiteral("date")).toString());
    const QJsonObject first = page.first().toObject();
    QVERIFY(first.value(QStringLiteral("hasBody")).toBool());
    QVERIFY(!first.value(QStringLiteral("subject")).toString().isEmpty());

    // Inbox bodies came with the sync, so show works offline.
    r = cli.run({QStringLiteral("show"), QString::number(first.value(QStringLiteral("id")).toInteger()),
                 QStringLiteral("--raw")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(r.out.contains("Message-ID:") || r.out.contains("Message-Id:"));

    r = cli.run({QStringLiteral("list"), QStringLiteral("work"), QStringLiteral("Projects")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out.count('\n'), 5);

    // A second pass finds nothing new; sync with no names syncs every account.
    r = cli.run({QStringLiteral("sync")}, {}, 240000);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.out.contains(" 0 new messages"), r.out.constData());

    // Failures are clear and non-zero.
    r = cli.run({QStringLiteral("sync"), QStringLiteral("nosuch")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.err.contains("no account named 'nosuch'"));
    r = cli.run({QStringLiteral("list"), QStringLiteral("work"), QStringLiteral("Nowhere")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.err.contains("no folder 'Nowhere'"));
    r = cli.run({QStringLiteral("list"), QStringLiteral("work"), QStringLiteral("INBOX"), QStringLiteral("--limit"),
                 QStringLiteral("0")});
    QCOMPARE(r.exitCode, 2);

    // A refused login fails the sync with the server's words, non-zero.
    r = cli.run({QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("wrong"), QStringLiteral("--address"),
                 user.login, QStringLiteral("--host"), servers.host(), QStringLiteral("--port"),
                 QString::number(servers.imapTlsPort()), QStringLiteral("--protocol"), QStringLiteral("imap"),
                 QStringLiteral("--security"), QStringLiteral("tls"), QStringLiteral("--ca-file"), servers.caFile(),
                 QStringLiteral("--password-stdin")},
                QByteArrayLiteral("not-the-password\n"));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    r = cli.run({QStringLiteral("sync"), QStringLiteral("wrong")}, {}, 120000);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("IMAP account 'wrong'") && r.err.contains("Logging in"), r.err.constData());
}

QTEST_GUILESS_MAIN(TestImapSyncCli)
#include "tst_imapsync_cli.moc"
