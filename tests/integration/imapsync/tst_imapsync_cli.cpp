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
    void localActionsReachTheServer();

private:
    TestServers servers;
    TestUser user;
    QTemporaryDir dir;
};

void TestImapSyncCli::syncFoldersListShow()
{
    servers = TestServers::load();
    QVERIFY2(servers.isValid(), qPrintable(servers.errorString()));
    user = servers.user(QStringLiteral("ivan"));
    QVERIFY(user.isValid());
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

void TestImapSyncCli::localActionsReachTheServer()
{
    QVERIFY(user.isValid());
    CliRunner cli(dir.filePath(QStringLiteral("profile")));
    ImapSyncHarness server(servers, user, dir.filePath(QStringLiteral("scratch2.db")));
    CliRun r = cli.run({QStringLiteral("list"), QStringLiteral("work"), QStringLiteral("INBOX"), QStringLiteral("--json"),
                        QStringLiteral("--limit"), QStringLiteral("30")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QJsonArray page = QJsonDocument::fromJson(r.out).array();
    QCOMPARE(page.size(), 30);
    // The seed's flags are random: the message to flag must start unflagged, or the test proves nothing.
    for (qsizetype i = 0; i < page.size(); ++i) {
        if (!page.at(i).toObject().value(QStringLiteral("flags")).toArray().contains(QStringLiteral("flagged"))) {
            const QJsonValue unflagged = page.takeAt(i);
            page.prepend(unflagged);
            break;
        }
    }
    QVERIFY(!page.first().toObject().value(QStringLiteral("flags")).toArray().contains(QStringLiteral("flagged")));
    QStringList ids, messageIds;
    for (qsizetype i = 0; i < 3; ++i) {
        const QJsonValue v = page.at(i);
        ids << QString::number(v.toObject().value(QStringLiteral("id")).toInteger());
        r = cli.run({QStringLiteral("show"), ids.constLast(), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        messageIds << QJsonDocument::fromJson(r.out).object().value(QStringLiteral("messageId")).toString();
        QVERIFY(!messageIds.constLast().isEmpty());
    }
    auto serverEntry = [&](const QString &mailbox, const QString &messageId) -> std::optional<ImapSyncSnapshotEntry> {
        const ImapSyncSnapshot snapshot = server.onServer(mailbox);
        for (const ImapSyncSnapshotEntry &e : snapshot) {
            if (e.messageId == messageId)
                return e;
        }
        return std::nullopt;
    };

    // Offline: the cache changes at once, the server not yet.
    r = cli.run({QStringLiteral("flag"), ids[0], QStringLiteral("+flagged"), QStringLiteral("+seen")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    r = cli.run({QStringLiteral("show"), ids[0], QStringLiteral("--json")});
    const QJsonArray localFlags = QJsonDocument::fromJson(r.out).object().value(QStringLiteral("flags")).toArray();
    QVERIFY(localFlags.contains(QStringLiteral("flagged")));
    QVERIFY(!serverEntry(QStringLiteral("INBOX"), messageIds[0])->flags.contains(QStringLiteral("\\Flagged")));
    r = cli.run({QStringLiteral("move"), ids[1], QStringLiteral("Projects")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    r = cli.run({QStringLiteral("delete"), ids[2]});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(serverEntry(QStringLiteral("INBOX"), messageIds[2]).has_value());

    // Bad input is refused and changes nothing.
    QCOMPARE(cli.run({QStringLiteral("flag"), ids[0], QStringLiteral("seen")}).exitCode, 2);
    QCOMPARE(cli.run({QStringLiteral("flag"), ids[0], QStringLiteral("+bogus")}).exitCode, 2);
    QCOMPARE(cli.run({QStringLiteral("move"), ids[0], QStringLiteral("Nowhere")}).exitCode, 1);
    QCOMPARE(cli.run({QStringLiteral("delete"), QStringLiteral("999999")}).exitCode, 1);

    // The next sync replays them in order; then the server and the cache agree.
    r = cli.run({QStringLiteral("sync"), QStringLiteral("work")}, {}, 240000);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.out.contains("3 local changes sent"), r.out.constData());
    const auto flagged = serverEntry(QStringLiteral("INBOX"), messageIds[0]);
    QVERIFY(flagged);
    QVERIFY(flagged->flags.contains(QStringLiteral("\\Flagged")));
    QVERIFY(flagged->flags.contains(QStringLiteral("\\Seen")));
    QVERIFY(!serverEntry(QStringLiteral("INBOX"), messageIds[1]));
    QVERIFY(serverEntry(QStringLiteral("Projects"), messageIds[1]));
    QVERIFY(!serverEntry(QStringLiteral("INBOX"), messageIds[2]));
    QVERIFY(serverEntry(QStringLiteral("Trash"), messageIds[2]));

    r = cli.run({QStringLiteral("folders"), QStringLiteral("work"), QStringLiteral("--json")});
    QHash<QString, int> totals;
    for (const QJsonValue &v : QJsonDocument::fromJson(r.out).array())
        totals.insert(v.toObject().value(QStringLiteral("path")).toString(), v.toObject().value(QStringLiteral("total")).toInt());
    QCOMPARE(totals.value(QStringLiteral("INBOX")), 28);
    QCOMPARE(totals.value(QStringLiteral("Projects")), 6); // the moved one, once, under its new UID
    QCOMPARE(totals.value(QStringLiteral("Trash")), 1);

    // Nothing is left to replay: a second pass sends nothing.
    r = cli.run({QStringLiteral("sync"), QStringLiteral("work")}, {}, 240000);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.out.contains(" 0 local changes sent"), r.out.constData());
}

QTEST_GUILESS_MAIN(TestImapSyncCli)
#include "tst_imapsync_cli.moc"
