// A POP3 account end to end through petrel-cli against the real Dovecot (user xena only): its local
// folders and the actions on them, deletion on the server after a local delete, scheduled checks
// by 'watch', and switching to IMAP and back without losing or downloading anything twice.
#include "CliRunner.h"
#include "TestServers.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Petrel::Test;

class TestPop3SyncLocal : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void defaultFoldersExistBeforeTheFirstCheck();
    void downloadThenWorkInLocalFolders();
    void localDeleteRemovesFromTheServer();
    void watchChecksOnASchedule();
    void switchToImapKeepsTheArchive();
    void switchBackDownloadsNothingTwice();

private:
    CliRun cli(const QStringList &args, const QByteArray &input = {}, int timeoutMs = 120000) const
    {
        return m_cli->run(args, input, timeoutMs);
    }
    QHash<QString, QJsonObject> folders() const;
    QJsonArray list(const QString &folder) const;
    qint64 idBySubject(const QString &folder, const QString &subject) const;
    void inject(const QString &subject);

    TestServers m_servers;
    TestUser m_user;
    QTemporaryDir m_dir;
    std::unique_ptr<CliRunner> m_cli;
    int m_injected = 0;
};

void TestPop3SyncLocal::initTestCase()
{
    m_servers = TestServers::load();
    QVERIFY2(m_servers.isValid(), qPrintable(m_servers.errorString()));
    m_user = m_servers.user(QStringLiteral("xena"));
    QVERIFY(m_user.isValid());
    QVERIFY(m_dir.isValid());
    const auto wiped = m_servers.doveadm({QStringLiteral("expunge"), QStringLiteral("-u"), m_user.login,
                                          QStringLiteral("mailbox"), QStringLiteral("*"), QStringLiteral("all")});
    QVERIFY2(wiped.exitCode == 0, wiped.stdErr.constData());
    m_cli = std::make_unique<CliRunner>(m_dir.filePath(QStringLiteral("profile")));
    const CliRun r = cli({QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("home"), QStringLiteral("--address"),
                          m_user.login, QStringLiteral("--host"), m_servers.host(), QStringLiteral("--protocol"),
                          QStringLiteral("pop3"), QStringLiteral("--port"), QString::number(m_servers.pop3TlsPort()),
                          QStringLiteral("--security"), QStringLiteral("tls"), QStringLiteral("--ca-file"),
                          m_servers.caFile(), QStringLiteral("--password-stdin")},
                         m_user.password.toUtf8() + '\n');
    QVERIFY2(r.exitCode == 0, r.err.constData());
}

QHash<QString, QJsonObject> TestPop3SyncLocal::folders() const
{
    QHash<QString, QJsonObject> out;
    const CliRun r = cli({QStringLiteral("folders"), QStringLiteral("home"), QStringLiteral("--json")});
    for (const QJsonValue &v : QJsonDocument::fromJson(r.out).array())
        out.insert(v.toObject().value(QStringLiteral("path")).toString(), v.toObject());
    return out;
}

QJsonArray TestPop3SyncLocal::list(const QString &folder) const
{
    const CliRun r = cli({QStringLiteral("list"), QStringLiteral("home"), folder, QStringLiteral("--json")});
    return QJsonDocument::fromJson(r.out).array();
}

qint64 TestPop3SyncLocal::idBySubject(const QString &folder, const QString &subject) const
{
    for (const QJsonValue &v : list(folder)) {
        if (v.toObject().value(QStringLiteral("subject")).toString() == subject)
            return v.toObject().value(QStringLiteral("id")).toInteger();
    }
    return 0;
}

void TestPop3SyncLocal::inject(const QString &subject)
{
    ++m_injected;
    const QByteArray raw = "From: Sender <sender@petrel.test>\r\nTo: " + m_user.login.toUtf8() + "\r\nSubject: " +
                           subject.toUtf8() + "\r\nMessage-ID: <local-" + QByteArray::number(m_injected) +
                           "-" + QByteArray::number(QDateTime::currentMSecsSinceEpoch()) +
                           "@petrel.test>\r\nDate: Sun, 22 Nov 2026 07:00:00 +0000\r\n\r\nBody of " + subject.toUtf8() +
                           "\r\n";
    QString error;
    QVERIFY2(m_servers.injectMessage(QStringLiteral("sender@petrel.test"), {m_user.login}, raw, &error),
             qPrintable(error));
    QVERIFY(m_servers.waitForMessage(m_user.login, QStringLiteral("INBOX"),
                                     {QStringLiteral("HEADER"), QStringLiteral("Subject"), subject}, 30000));
}

void TestPop3SyncLocal::defaultFoldersExistBeforeTheFirstCheck()
{
    const QHash<QString, QJsonObject> f = folders();
    QCOMPARE(f.value(QStringLiteral("INBOX")).value(QStringLiteral("role")).toString(), QStringLiteral("inbox"));
    QCOMPARE(f.value(QStringLiteral("Sent")).value(QStringLiteral("role")).toString(), QStringLiteral("sent"));
    QCOMPARE(f.value(QStringLiteral("Drafts")).value(QStringLiteral("role")).toString(), QStringLiteral("drafts"));
    QCOMPARE(f.value(QStringLiteral("Trash")).value(QStringLiteral("role")).toString(), QStringLiteral("trash"));
    QCOMPARE(f.value(QStringLiteral("Archive")).value(QStringLiteral("role")).toString(), QStringLiteral("archive"));
    QCOMPARE(f.size(), 5);
}

void TestPop3SyncLocal::downloadThenWorkInLocalFolders()
{
    for (const char *s : {"alpha", "bravo", "charlie", "delta", "echo"})
        inject(QString::fromLatin1(s));
    CliRun r = cli({QStringLiteral("sync"), QStringLiteral("home")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.out.contains("5 downloaded"), r.out.constData());

    r = cli({QStringLiteral("folder"), QStringLiteral("create"), QStringLiteral("home"), QStringLiteral("Projects")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out.trimmed(), QByteArray("done")); // no server to follow
    const qint64 alpha = idBySubject(QStringLiteral("INBOX"), QStringLiteral("alpha"));
    const qint64 bravo = idBySubject(QStringLiteral("INBOX"), QStringLiteral("bravo"));
    const qint64 charlie = idBySubject(QStringLiteral("INBOX"), QStringLiteral("charlie"));
    QVERIFY(alpha && bravo && charlie);
    QCOMPARE(cli({QStringLiteral("move"), QString::number(alpha), QStringLiteral("Projects")}).exitCode, 0);
    QCOMPARE(cli({QStringLiteral("copy"), QString::number(bravo), QStringLiteral("Archive")}).exitCode, 0);
    QCOMPARE(cli({QStringLiteral("flag"), QString::number(charlie), QStringLiteral("+flagged"), QStringLiteral("+seen")})
                 .exitCode,
             0);
    r = cli({QStringLiteral("move"), QString::number(alpha), QStringLiteral("Nowhere")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("no folder 'Nowhere'"), r.err.constData());

    r = cli({QStringLiteral("folder"), QStringLiteral("rename"), QStringLiteral("home"), QStringLiteral("Projects"),
             QStringLiteral("Work")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QHash<QString, QJsonObject> f = folders();
    QVERIFY(!f.contains(QStringLiteral("Projects")));
    QCOMPARE(f.value(QStringLiteral("Work")).value(QStringLiteral("total")).toInt(), 1);
    QCOMPARE(f.value(QStringLiteral("INBOX")).value(QStringLiteral("total")).toInt(), 4);
    QCOMPARE(f.value(QStringLiteral("Archive")).value(QStringLiteral("total")).toInt(), 1);
    QCOMPARE(idBySubject(QStringLiteral("Work"), QStringLiteral("alpha")), alpha);
    const qint64 bravoCopy = idBySubject(QStringLiteral("Archive"), QStringLiteral("bravo"));
    QVERIFY(bravoCopy && bravoCopy != bravo);
    r = cli({QStringLiteral("show"), QString::number(bravoCopy)});
    QVERIFY2(r.exitCode == 0 && r.out.contains("Body of bravo"), r.out.constData());
    for (const QJsonValue &v : list(QStringLiteral("INBOX"))) {
        if (v.toObject().value(QStringLiteral("id")).toInteger() == charlie) {
            const QJsonArray flags = v.toObject().value(QStringLiteral("flags")).toArray();
            QVERIFY(flags.contains(QStringLiteral("flagged")) || flags.contains(QStringLiteral("\\Flagged")));
        }
    }
    QCOMPARE(f.value(QStringLiteral("INBOX")).value(QStringLiteral("unread")).toInt(), 3); // charlie is read

    // Deleting a folder keeps its mail (in Trash); the standard folders stay.
    r = cli({QStringLiteral("folder"), QStringLiteral("delete"), QStringLiteral("home"), QStringLiteral("Work")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(idBySubject(QStringLiteral("Trash"), QStringLiteral("alpha")), alpha);
    r = cli({QStringLiteral("folder"), QStringLiteral("delete"), QStringLiteral("home"), QStringLiteral("Sent")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("standard folders"), r.err.constData());
    r = cli({QStringLiteral("folder"), QStringLiteral("subscribe"), QStringLiteral("home"), QStringLiteral("Archive")});
    QCOMPARE(r.exitCode, 1);
}

void TestPop3SyncLocal::localDeleteRemovesFromTheServer()
{
    CliRun r = cli({QStringLiteral("account"), QStringLiteral("set"), QStringLiteral("home"),
                    QStringLiteral("pop3.retention=delete-on-local-delete")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const qint64 delta = idBySubject(QStringLiteral("INBOX"), QStringLiteral("delta"));
    QVERIFY(delta);
    QCOMPARE(cli({QStringLiteral("delete"), QString::number(delta)}).exitCode, 0); // to Trash
    QCOMPARE(idBySubject(QStringLiteral("Trash"), QStringLiteral("delta")), delta);
    r = cli({QStringLiteral("sync"), QStringLiteral("home")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(m_servers.messageCount(m_user.login, QStringLiteral("INBOX")), 5); // in Trash: still kept
    QCOMPARE(cli({QStringLiteral("delete"), QString::number(delta)}).exitCode, 0); // from Trash: gone
    QCOMPARE(idBySubject(QStringLiteral("Trash"), QStringLiteral("delta")), qint64(0));
    r = cli({QStringLiteral("sync"), QStringLiteral("home")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.out.contains("1 deleted on server"), r.out.constData());
    QCOMPARE(m_servers.messageCount(m_user.login, QStringLiteral("INBOX")), 4);
    QVERIFY(!m_servers.waitForMessage(m_user.login, QStringLiteral("INBOX"),
                                      {QStringLiteral("HEADER"), QStringLiteral("Subject"), QStringLiteral("delta")}, 0));
    QCOMPARE(cli({QStringLiteral("account"), QStringLiteral("set"), QStringLiteral("home"),
                  QStringLiteral("pop3.retention=leave")})
                 .exitCode,
             0);
}

void TestPop3SyncLocal::watchChecksOnASchedule()
{
    QProcess watch;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    watch.setProcessEnvironment(env);
    watch.start(QStringLiteral(PETREL_CLI_FOR_TEST),
                {QStringLiteral("--profile"), m_dir.filePath(QStringLiteral("profile")), QStringLiteral("watch"),
                 QStringLiteral("home"), QStringLiteral("--poll-seconds"), QStringLiteral("1")});
    QVERIFY(watch.waitForStarted(10000));
    QByteArray err, out;
    QTRY_VERIFY_WITH_TIMEOUT((err += watch.readAllStandardError()).contains("watch: checked:"), 30000);
    inject(QStringLiteral("foxtrot"));
    QTRY_VERIFY2_WITH_TIMEOUT((out += watch.readAllStandardOutput()).contains("foxtrot"),
                              (err += watch.readAllStandardError()).constData(), 30000);
    const QJsonObject line = QJsonDocument::fromJson(out.split('\n').constFirst()).object();
    QCOMPARE(line.value(QStringLiteral("subject")).toString(), QStringLiteral("foxtrot"));
    QCOMPARE(line.value(QStringLiteral("account")).toString(), QStringLiteral("home"));
    ::kill(pid_t(watch.processId()), SIGTERM);
    QVERIFY(watch.waitForFinished(30000));
    QCOMPARE(watch.exitStatus(), QProcess::NormalExit);
    QCOMPARE(watch.exitCode(), 0);
    QVERIFY(idBySubject(QStringLiteral("INBOX"), QStringLiteral("foxtrot")) > 0);
}

void TestPop3SyncLocal::switchToImapKeepsTheArchive()
{
    const int archived = int(list(QStringLiteral("INBOX")).size()); // alpha moved, delta deleted: 4 here
    QCOMPARE(archived, 4);
    CliRun r = cli({QStringLiteral("account"), QStringLiteral("set"), QStringLiteral("home"), QStringLiteral("protocol=imap"),
                    QStringLiteral("incoming.port=") + QString::number(m_servers.imapTlsPort())});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.out.contains("POP3 Archive"), r.out.constData());
    r = cli({QStringLiteral("sync"), QStringLiteral("home")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QHash<QString, QJsonObject> f = folders();
    // The archive, local only, beside the server's folders.
    QCOMPARE(f.value(QStringLiteral("POP3 Archive/INBOX")).value(QStringLiteral("total")).toInt(), archived);
    QVERIFY(f.value(QStringLiteral("POP3 Archive/INBOX")).value(QStringLiteral("localOnly")).toBool());
    QCOMPARE(f.value(QStringLiteral("POP3 Archive/Trash")).value(QStringLiteral("total")).toInt(), 1);
    QVERIFY(!f.value(QStringLiteral("INBOX")).value(QStringLiteral("localOnly")).toBool());
    QCOMPARE(f.value(QStringLiteral("INBOX")).value(QStringLiteral("total")).toInt(),
             m_servers.messageCount(m_user.login, QStringLiteral("INBOX")));
    // Local actions still work on the archive; a move to a server folder is refused plainly.
    const qint64 echo = idBySubject(QStringLiteral("POP3 Archive/INBOX"), QStringLiteral("echo"));
    QVERIFY(echo);
    r = cli({QStringLiteral("flag"), QString::number(echo), QStringLiteral("+flagged")});
    QVERIFY2(r.exitCode == 0 && r.out.trimmed() == "done", r.err.constData());
    r = cli({QStringLiteral("move"), QString::number(echo), QStringLiteral("INBOX")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("folder on the server"), r.err.constData());
    // A second sync does not touch the archive.
    r = cli({QStringLiteral("sync"), QStringLiteral("home")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(folders().value(QStringLiteral("POP3 Archive/INBOX")).value(QStringLiteral("total")).toInt(), archived);
}

void TestPop3SyncLocal::switchBackDownloadsNothingTwice()
{
    CliRun r = cli({QStringLiteral("account"), QStringLiteral("set"), QStringLiteral("home"), QStringLiteral("protocol=pop3"),
                    QStringLiteral("incoming.port=") + QString::number(m_servers.pop3TlsPort())});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QHash<QString, QJsonObject> f = folders();
    QVERIFY(!f.contains(QStringLiteral("POP3 Archive/INBOX")));
    QCOMPARE(f.value(QStringLiteral("INBOX")).value(QStringLiteral("role")).toString(), QStringLiteral("inbox"));
    QCOMPARE(f.value(QStringLiteral("INBOX")).value(QStringLiteral("total")).toInt(), 4);
    QCOMPARE(f.value(QStringLiteral("Trash")).value(QStringLiteral("role")).toString(), QStringLiteral("trash"));
    r = cli({QStringLiteral("sync"), QStringLiteral("home")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.out.contains("0 downloaded"), r.out.constData());
    QCOMPARE(folders().value(QStringLiteral("INBOX")).value(QStringLiteral("total")).toInt(), 4);
}

QTEST_GUILESS_MAIN(TestPop3SyncLocal)
#include "tst_pop3sync_local.moc"
