// The offline body policy and bodies on demand, end to end through petrel-cli: real Dovecot (user
// quinn only), password in the fixture's keychain. Default policy: Inbox bodies, other folders
// headers only; `show` downloads a missing body; policy "all" catches up on the next sync (and a
// further sync downloads nothing); "days:N" keeps only recent mail outside Inbox; a message expunged
// on the server before `show` gives a clear error and leaves the cache.
#include "CliRunner.h"
#include "ImapSyncHarness.h"

#include "imap/ImapAppendOperation.h"
#include "imap/ImapSession.h"
#include "store/Database.h"
#include "store/Statement.h"
#include "sync/imap/ImapSyncEngine.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Petrel;
using namespace Petrel::Test;

namespace {

const QString Quokka = QStringLiteral("The quokka budget is approved for the whole of next year.");

QByteArray letter(const QString &subject, const QString &text)
{
    return QByteArray("From: Offline Test <offline@petrel.test>\r\nTo: quinn@petrel.test\r\nSubject: ") +
           subject.toUtf8() + "\r\nMessage-ID: <" + subject.toUtf8().toLower().replace(' ', '-') +
           "@petrel.test>\r\nDate: Mon, 2 Nov 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\n"
           "Content-Type: text/plain; charset=utf-8\r\n\r\n" +
           text.toUtf8() + "\r\n";
}

// A folder's messages in a profile's store: subject and whether the body is there. Seeded subjects
// may repeat (threads), so this is a list, not a map.
struct StoredMessage
{
    QString subject;
    bool hasBody = false;
};

QList<StoredMessage> storedMessages(const QString &databasePath, const QString &folder)
{
    QList<StoredMessage> out;
    auto db = Store::Database::open(databasePath, Store::Database::Role::Reader);
    Store::Statement s(
        *db, "SELECT m.subject, m.has_body, (SELECT count(*) FROM message_raw r WHERE r.message_id = m.id)"
             " FROM messages m JOIN folders f ON f.id = m.folder_id WHERE f.path = ?1 ORDER BY m.id");
    s.bindText(1, folder);
    while (s.step()) {
        // has_body and the raw row must agree, or the store is inconsistent: count such a row as bodiless.
        out.append({s.columnText(0), s.columnInt64(1) == 1 && s.columnInt64(2) == 1});
    }
    return out;
}

int bodies(const QString &databasePath, const QString &folder)
{
    int n = 0;
    for (const StoredMessage &m : storedMessages(databasePath, folder))
        n += m.hasBody ? 1 : 0;
    return n;
}

// For the test's own messages, whose subjects are unique: -1 absent, else 0 or 1.
int hasBody(const QString &databasePath, const QString &folder, const QString &subject)
{
    for (const StoredMessage &m : storedMessages(databasePath, folder)) {
        if (m.subject == subject)
            return m.hasBody ? 1 : 0;
    }
    return -1;
}

} // namespace

class TestImapSyncOffline : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void defaultPolicyStoresInboxBodiesOnly();
    void showDownloadsAMissingBody();
    void showOfAMessageGoneFromTheServer();
    void policyAllCatchesUpOnce();
    void lastDaysKeepsRecentMailOnly();
    void bodiesWithTheEnvelopeInOneFetch();

private:
    bool append(const QString &mailbox, const QByteArray &message, const QDateTime &internalDate,
                QString *error);
    qint64 messageId(const QString &account, const QString &folder, const QString &subject);
    CliRun addAccount(CliRunner &cli, const QString &name);

    TestServers servers;
    TestUser user;
    QTemporaryDir dir;
    std::unique_ptr<ImapSyncHarness> server; // server-side setup; its scratch store is not a CLI profile
    std::unique_ptr<CliRunner> cli;
    QString profileDb;
};

void TestImapSyncOffline::initTestCase()
{
    servers = TestServers::load();
    QVERIFY2(servers.isValid(), qPrintable(servers.errorString()));
    user = servers.user(QStringLiteral("quinn"));
    QVERIFY(user.isValid());
    QVERIFY(dir.isValid());
    server = std::make_unique<ImapSyncHarness>(servers, user, dir.filePath(QStringLiteral("scratch.db")));
    QString error;
    QVERIFY2(server->resetMailboxes(&error), qPrintable(error));
    QVERIFY2(server->seed(6, QString(), &error), qPrintable(error));
    QVERIFY2(server->seed(5, QStringLiteral("Projects"), &error), qPrintable(error));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QVERIFY2(append(QStringLiteral("Projects"), letter(QStringLiteral("Quokka budget"), Quokka), now, &error),
             qPrintable(error));
    QVERIFY2(server->doveadm({QStringLiteral("mailbox"), QStringLiteral("create")},
                             {QStringLiteral("Reports")}, &error),
             qPrintable(error));
    // Received 400 and 60 days ago (old), 10 days and 1 day ago (recent for days:30).
    for (int age : {400, 60, 10, 1}) {
        QVERIFY2(append(QStringLiteral("Reports"),
                        letter(QStringLiteral("Report %1").arg(age),
                               QStringLiteral("Figures of %1 days ago.").arg(age)),
                        now.addDays(-age), &error),
                 qPrintable(error));
    }

    cli = std::make_unique<CliRunner>(dir.filePath(QStringLiteral("profile")));
    profileDb = dir.filePath(QStringLiteral("profile/petrel.sqlite"));
    const CliRun r = addAccount(*cli, QStringLiteral("work"));
    QVERIFY2(r.exitCode == 0, r.err.constData());
}

void TestImapSyncOffline::defaultPolicyStoresInboxBodiesOnly()
{
    const CliRun r = cli->run({QStringLiteral("sync"), QStringLiteral("work")}, {}, 240000);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.out.contains("16 new messages (6 with body), 0 bodies of cached messages"), r.out.constData());
    QVERIFY2(r.err.contains("6 of 6 bodies"), r.err.constData()); // the bodies phase reports progress too

    QCOMPARE(bodies(profileDb, QStringLiteral("INBOX")), 6);
    QCOMPARE(storedMessages(profileDb, QStringLiteral("Projects")).size(),
             6); // browsable: all there, headers only
    QCOMPARE(bodies(profileDb, QStringLiteral("Projects")), 0);
    QCOMPARE(hasBody(profileDb, QStringLiteral("Projects"), QStringLiteral("Quokka budget")), 0);
    QCOMPARE(storedMessages(profileDb, QStringLiteral("Reports")).size(), 4);
    QCOMPARE(bodies(profileDb, QStringLiteral("Reports")), 0);
}

void TestImapSyncOffline::showDownloadsAMissingBody()
{
    const qint64 id =
        messageId(QStringLiteral("work"), QStringLiteral("Projects"), QStringLiteral("Quokka budget"));
    QVERIFY(id > 0);

    // Offline: no network, and it says so.
    CliRun r = cli->run({QStringLiteral("show"), QString::number(id), QStringLiteral("--offline")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.out.contains("Subject: Quokka budget"), r.out.constData());
    QVERIFY2(r.out.contains("the body has not been downloaded"), r.out.constData());
    QVERIFY(!r.out.contains(Quokka.toUtf8()));
    r = cli->run(
        {QStringLiteral("show"), QString::number(id), QStringLiteral("--offline"), QStringLiteral("--raw")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("only its headers"), r.err.constData());
    QCOMPARE(hasBody(profileDb, QStringLiteral("Projects"), QStringLiteral("Quokka budget")), 0);

    // Online: the body comes from the server, into the cache, and is shown.
    r = cli->run({QStringLiteral("show"), QString::number(id), QStringLiteral("--json")}, {}, 120000);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject shown = QJsonDocument::fromJson(r.out).object();
    QVERIFY2(shown.value(QStringLiteral("text")).toString().contains(Quokka), r.out.constData());
    QVERIFY(shown.value(QStringLiteral("hasBody")).toBool());
    QCOMPARE(hasBody(profileDb, QStringLiteral("Projects"), QStringLiteral("Quokka budget")), 1);
    QCOMPARE(bodies(profileDb, QStringLiteral("Projects")), 1); // that one only

    // Now it is cached: offline shows it too, and search finds its words.
    r = cli->run({QStringLiteral("show"), QString::number(id), QStringLiteral("--offline")});
    QVERIFY2(r.exitCode == 0 && r.out.contains(Quokka.toUtf8()), r.out.constData());
    QVERIFY(!r.out.contains("the body has not been downloaded"));
    auto db = Store::Database::open(profileDb, Store::Database::Role::Reader);
    Store::Statement s(*db,
                       "SELECT count(*) FROM message_fts WHERE message_fts MATCH 'quokka' AND rowid = ?1");
    s.bindInt64(1, id);
    QVERIFY(s.step());
    QCOMPARE(s.columnInt64(0), 1);
}

void TestImapSyncOffline::showOfAMessageGoneFromTheServer()
{
    // A headers-only Projects message the server expunges behind the cache's back.
    QString subject;
    for (const StoredMessage &m : storedMessages(profileDb, QStringLiteral("Projects"))) {
        if (!m.hasBody && subject.isEmpty())
            subject = m.subject;
    }
    const qint64 id = messageId(QStringLiteral("work"), QStringLiteral("Projects"), subject);
    QVERIFY(id > 0);
    CliRun r = cli->run(
        {QStringLiteral("show"), QString::number(id), QStringLiteral("--json"), QStringLiteral("--offline")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QString messageIdHeader =
        QJsonDocument::fromJson(r.out).object().value(QStringLiteral("messageId")).toString();
    QVERIFY(!messageIdHeader.isEmpty());
    QString error;
    QVERIFY2(server->doveadm({QStringLiteral("expunge")},
                             {QStringLiteral("mailbox"), QStringLiteral("Projects"), QStringLiteral("header"),
                              QStringLiteral("Message-ID"), messageIdHeader},
                             &error),
             qPrintable(error));

    r = cli->run({QStringLiteral("show"), QString::number(id)}, {}, 120000);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("server no longer has this message"), r.err.constData());
    // The cache followed the server: the message is gone locally too.
    r = cli->run({QStringLiteral("show"), QString::number(id), QStringLiteral("--offline")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("there is no message"), r.err.constData());
    QCOMPARE(storedMessages(profileDb, QStringLiteral("Projects")).size(), 5);
}

void TestImapSyncOffline::policyAllCatchesUpOnce()
{
    CliRun r = cli->run({QStringLiteral("account"), QStringLiteral("set"), QStringLiteral("work"),
                         QStringLiteral("imap.offline=all")});
    QVERIFY2(r.exitCode == 0, r.err.constData());

    // Projects: 5 cached, 1 with its body already; Reports: 4 headers-only.
    r = cli->run({QStringLiteral("sync"), QStringLiteral("work")}, {}, 240000);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.out.contains(" 0 new messages (0 with body), 8 bodies of cached messages"), r.out.constData());
    QVERIFY2(r.err.contains("(Projects): 4 of 4 bodies"), r.err.constData());
    QVERIFY2(r.err.contains("(Reports): 4 of 4 bodies"), r.err.constData());
    QCOMPARE(bodies(profileDb, QStringLiteral("Projects")), 5);
    QCOMPARE(bodies(profileDb, QStringLiteral("Reports")), 4);
    QCOMPARE(bodies(profileDb, QStringLiteral("INBOX")), 6);

    // Everything is here: the next pass downloads nothing.
    r = cli->run({QStringLiteral("sync"), QStringLiteral("work")}, {}, 240000);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.out.contains(" 0 new messages (0 with body), 0 bodies of cached messages"), r.out.constData());
    QVERIFY2(!r.err.contains(" bodies"), r.err.constData());
}

void TestImapSyncOffline::lastDaysKeepsRecentMailOnly()
{
    CliRunner second(dir.filePath(QStringLiteral("profile2")));
    const QString secondDb = dir.filePath(QStringLiteral("profile2/petrel.sqlite"));
    CliRun r = addAccount(second, QStringLiteral("recent"));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    r = second.run({QStringLiteral("account"), QStringLiteral("set"), QStringLiteral("recent"),
                    QStringLiteral("imap.offline=days:30")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    r = second.run({QStringLiteral("sync"), QStringLiteral("recent")}, {}, 240000);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.out.contains("15 new messages"), r.out.constData());

    const QString reports = QStringLiteral("Reports");
    QCOMPARE(storedMessages(secondDb, reports).size(), 4);
    QCOMPARE(hasBody(secondDb, reports, QStringLiteral("Report 1")), 1);
    QCOMPARE(hasBody(secondDb, reports, QStringLiteral("Report 10")), 1);
    QCOMPARE(hasBody(secondDb, reports, QStringLiteral("Report 60")), 0);
    QCOMPARE(hasBody(secondDb, reports, QStringLiteral("Report 400")), 0);
    // Inbox stays whole whatever the age of its mail; the recent Projects message has its body.
    QCOMPARE(bodies(secondDb, QStringLiteral("INBOX")), 6);
    QCOMPARE(hasBody(secondDb, QStringLiteral("Projects"), QStringLiteral("Quokka budget")), 1);

    // Old mail is still readable on demand.
    const qint64 id =
        messageId(QStringLiteral("recent"), QStringLiteral("Reports"), QStringLiteral("Report 400"));
    QVERIFY(id > 0);
    r = second.run({QStringLiteral("show"), QString::number(id)}, {}, 120000);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.out.contains("Figures of 400 days ago."), r.out.constData());
}

void TestImapSyncOffline::bodiesWithTheEnvelopeInOneFetch()
{
    // The engine's other path: policy "all" with bodies in the new messages' own FETCH. Everything
    // arrives with its body in the first phase, so the bodies phase finds nothing left to do.
    const QString path = dir.filePath(QStringLiteral("together.db"));
    ImapSyncHarness harness(servers, user, path);
    Core::ImapOfflinePolicy all;
    all.mode = Core::ImapOfflinePolicy::Mode::All;
    QList<Core::ImapSyncProgress> bodyProgress;
    const Core::ImapSyncResult r = harness.sync(300000, [&](Core::ImapSyncEngine &engine) {
        engine.setOfflinePolicy(all);
        engine.setBodiesWithEnvelope(true);
        QObject::connect(&engine, &Core::ImapSyncEngine::progressed, [&](const Core::ImapSyncProgress &p) {
            if (p.phase == Core::ImapSyncProgress::Phase::Bodies)
                bodyProgress.append(p);
        });
    });
    QVERIFY2(r.isOk(), qPrintable(r.message));
    QCOMPARE(r.newMessages, 15);
    QCOMPARE(r.withBody, 15);
    QCOMPARE(r.bodiesCompleted, 0);
    QVERIFY(bodyProgress.isEmpty());
    QCOMPARE(harness.storedBodies(QStringLiteral("INBOX")), 6);
    QCOMPARE(harness.storedBodies(QStringLiteral("Projects")), 5);
    QCOMPARE(harness.storedBodies(QStringLiteral("Reports")), 4);
    QCOMPARE(bodies(path, QStringLiteral("Reports")), 4); // raw rows and has_body agree
}

bool TestImapSyncOffline::append(const QString &mailbox, const QByteArray &message,
                                 const QDateTime &internalDate, QString *error)
{
    Imap::ImapSession session;
    QEventLoop loop;
    // Never hang: each wait ends after a generous bound even if the server stays silent.
    auto wait = [&loop] {
        QTimer::singleShot(60000, &loop, &QEventLoop::quit);
        loop.exec();
    };
    Imap::ImapResult result;
    result.kind = Imap::ImapResult::Kind::Cancelled;
    QObject::connect(&session, &Imap::ImapSession::opened, &loop, [&](const Imap::ImapResult &r) {
        result = r;
        loop.quit();
    });
    session.open(server->settings(), {user.login, user.password});
    wait();
    if (!result.isOk()) {
        *error = QStringLiteral("login failed: ") + result.message;
        return false;
    }
    Imap::ImapAppendOperation op(&session, mailbox, message, {QByteArrayLiteral("\\Seen")}, internalDate);
    QObject::connect(&op, &Imap::ImapOperation::finished, &loop, [&](const Imap::ImapResult &r) {
        result = r;
        loop.quit();
    });
    result.kind = Imap::ImapResult::Kind::Cancelled;
    op.start();
    wait();
    if (!result.isOk())
        *error = QStringLiteral("APPEND to %1 failed: %2 %3").arg(mailbox, result.message, result.serverText);
    QObject::connect(&session, &Imap::ImapSession::closed, &loop, &QEventLoop::quit);
    session.logout();
    wait();
    return result.isOk();
}

qint64 TestImapSyncOffline::messageId(const QString &account, const QString &folder, const QString &subject)
{
    // Either profile: the account name tells them apart, and each runner has its own profile.
    CliRunner runner(dir.filePath(account == QLatin1String("work") ? QStringLiteral("profile")
                                                                   : QStringLiteral("profile2")));
    const CliRun r = runner.run({QStringLiteral("list"), account, folder, QStringLiteral("--json")});
    if (r.exitCode != 0)
        return -1;
    for (const QJsonValue &v : QJsonDocument::fromJson(r.out).array()) {
        if (v.toObject().value(QStringLiteral("subject")).toString() == subject)
            return v.toObject().value(QStringLiteral("id")).toInteger();
    }
    return -1;
}

CliRun TestImapSyncOffline::addAccount(CliRunner &runner, const QString &name)
{
    return runner.run({QStringLiteral("account"), QStringLiteral("add"), name, QStringLiteral("--address"),
                       user.login, QStringLiteral("--host"), servers.host(), QStringLiteral("--port"),
                       QString::number(servers.imapTlsPort()), QStringLiteral("--protocol"),
                       QStringLiteral("imap"), QStringLiteral("--security"), QStringLiteral("tls"),
                       QStringLiteral("--ca-file"), servers.caFile(), QStringLiteral("--password-stdin")},
                      user.password.toUtf8() + '\n');
}

QTEST_GUILESS_MAIN(TestImapSyncOffline)
#include "tst_imapsync_offline.moc"
