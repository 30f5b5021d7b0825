// Watching an IMAP folder against the fixture's real Dovecot and Postfix (user olga only): petrel-cli
// watch prints mail sent through Postfix while it idles, and follows flag changes and expunges
// made on the server; an in-process watcher comes back by itself after its connection is cut.
#include "CliRunner.h"
#include "CutProxy.h"
#include "ImapSyncHarness.h"
#include "smtp/SmtpSession.h"
#include "store/StoreReader.h"
#include "store/StoreWriter.h"
#include "store/Database.h"
#include "sync/imap/ImapFolderWatcher.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace Petrel;
using namespace Petrel::Test;
using State = Core::ImapFolderWatcher::State;

namespace {

constexpr int ArrivalTimeoutMs = 30000; // from sending to the JSON line: IDLE, so seconds in practice
constexpr int ServerChangeTimeoutMs = 60000;

QString newToken()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QByteArray message(const QString &from, const QString &to, const QString &token, const QString &subject)
{
    return QStringLiteral("From: Olga <%1>\r\nTo: %2\r\nSubject: %3\r\nMessage-ID: <%4@petrel.test>\r\n"
                          "Date: Sun, 22 Nov 2026 06:00:00 +0000\r\nMIME-Version: 1.0\r\n"
                          "Content-Type: text/plain; charset=us-ascii\r\n\r\nSent while watching.\r\n")
        .arg(from, to, subject, token)
        .toUtf8();
}

// petrel-cli watch as a long-running process; its output is collected as it comes.
struct WatchProcess
{
    QProcess process;
    QByteArray out;
    QByteArray err;

    void start(const QString &profile, const QStringList &args)
    {
        QObject::connect(&process, &QProcess::readyReadStandardOutput, [this] { out += process.readAllStandardOutput(); });
        QObject::connect(&process, &QProcess::readyReadStandardError, [this] { err += process.readAllStandardError(); });
        process.start(QStringLiteral(PETREL_CLI_FOR_TEST), QStringList{QStringLiteral("--profile"), profile} + args);
    }
    ~WatchProcess()
    {
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished(5000);
        }
    }
    // The stdout JSON line whose messageId contains token, or an empty object.
    QJsonObject lineFor(const QString &token) const
    {
        for (const QByteArray &line : out.split('\n')) {
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            if (o.value(QStringLiteral("messageId")).toString().contains(token))
                return o;
        }
        return {};
    }
};

} // namespace

class TestImapSyncWatchDovecot : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cliWatchPrintsMailSentThroughPostfix();
    void cliWatchFollowsSeveralFolders();
    void cliWatchWithAWrongPasswordWaitsLong();
    void cliWatchRefusesBadInput();
    void watcherReconnectsAfterTheConnectionIsCut();

private:
    bool submit(const QString &token, const QString &subject, QString *error);
    CliRun cli(const QStringList &args, const QByteArray &input = {}) const
    {
        return CliRunner(profile()).run(args, input, 120000);
    }
    QString profile() const { return dir.filePath(QStringLiteral("profile")); }
    QStringList accountAdd(const QString &name) const
    {
        return {QStringLiteral("account"),  QStringLiteral("add"),        name,
                QStringLiteral("--address"), user.login,                  QStringLiteral("--host"),
                servers.host(),             QStringLiteral("--port"),     QString::number(servers.imapTlsPort()),
                QStringLiteral("--protocol"), QStringLiteral("imap"),     QStringLiteral("--security"),
                QStringLiteral("tls"),      QStringLiteral("--ca-file"),  servers.caFile(),
                QStringLiteral("--password-stdin")};
    }

    TestServers servers;
    TestUser user;
    QTemporaryDir dir;
};

void TestImapSyncWatchDovecot::initTestCase()
{
    servers = TestServers::load();
    QVERIFY2(servers.isValid(), qPrintable(servers.errorString()));
    user = servers.user(QStringLiteral("olga"));
    QVERIFY(user.isValid());
    QVERIFY(dir.isValid());
    QString error;
    ImapSyncHarness server(servers, user, dir.filePath(QStringLiteral("scratch.db")));
    QVERIFY2(server.resetMailboxes(&error), qPrintable(error));
    QVERIFY2(server.seed(3, QString(), &error), qPrintable(error));
}

bool TestImapSyncWatchDovecot::submit(const QString &token, const QString &subject, QString *error)
{
    // Through Postfix's submission service with olga's own login, as a mail client would.
    Smtp::SmtpSession session;
    std::optional<Smtp::SmtpResult> opened, sent;
    QObject::connect(&session, &Smtp::SmtpSession::opened, [&](const Smtp::SmtpResult &r) { opened = r; });
    session.open(servers.connectionSettings(servers.submissionsPort(), Net::Security::ImplicitTls),
                 {user.login, user.password, {}, Smtp::SmtpCredentials::Method::Automatic});
    Smtp::SmtpMessage m;
    m.sender = user.login;
    m.recipients = {user.login};
    m.data = message(user.login, user.login, token, subject);
    auto *submission = session.submit(m);
    QObject::connect(submission, &Smtp::SmtpSubmission::finished, [&](const Smtp::SmtpResult &r) { sent = r; });
    if (!QTest::qWaitFor([&] { return sent.has_value(); }, 30000)) {
        *error = QStringLiteral("the submission did not finish");
        return false;
    }
    session.quit();
    if (!opened || !opened->isOk() || !sent->isOk()) {
        *error = QStringLiteral("submission failed: ") + (opened && !opened->isOk() ? opened->message : sent->message);
        return false;
    }
    return true;
}

void TestImapSyncWatchDovecot::cliWatchPrintsMailSentThroughPostfix()
{
    CliRun r = cli(accountAdd(QStringLiteral("work")), user.password.toUtf8() + '\n');
    QVERIFY2(r.exitCode == 0, r.err.constData());

    WatchProcess watch;
    watch.start(profile(), {QStringLiteral("watch"), QStringLiteral("work")});
    QTRY_VERIFY2_WITH_TIMEOUT(watch.err.contains("watch: INBOX: idling"), watch.err.constData(), 60000);
    // What was there before watching is caught up and stored, not printed as new mail.
    QVERIFY2(watch.err.contains("watch: INBOX: caught up: 3 new messages stored"), watch.err.constData());
    QVERIFY2(watch.out.isEmpty(), watch.out.constData());

    const QString token = newToken();
    const QString subject = QStringLiteral("Watched arrival ") + token.left(8);
    QString error;
    QVERIFY2(submit(token, subject, &error), qPrintable(error));
    QTRY_VERIFY2_WITH_TIMEOUT(!watch.lineFor(token).isEmpty(), QByteArray(watch.out + watch.err).constData(), ArrivalTimeoutMs);
    const QJsonObject line = watch.lineFor(token);
    QCOMPARE(line.value(QStringLiteral("subject")).toString(), subject);
    QCOMPARE(line.value(QStringLiteral("account")).toString(), QStringLiteral("work"));
    QCOMPARE(line.value(QStringLiteral("folder")).toString(), QStringLiteral("INBOX"));
    QCOMPARE(line.value(QStringLiteral("fromAddress")).toString(), user.login);
    QVERIFY(line.value(QStringLiteral("uid")).toInteger() > 0);
    QVERIFY(!line.value(QStringLiteral("date")).toString().isEmpty());
    QCOMPARE(watch.out.count('\n'), 1); // one line, for the one new message
    const QString id = QString::number(line.value(QStringLiteral("id")).toInteger());

    // It is in the profile's store, with its body (Inbox is kept offline).
    r = cli({QStringLiteral("show"), id, QStringLiteral("--json")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QJsonObject shown = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(shown.value(QStringLiteral("subject")).toString(), subject);
    QVERIFY(!shown.value(QStringLiteral("flags")).toArray().contains(QStringLiteral("flagged")));
    r = cli({QStringLiteral("show"), id, QStringLiteral("--raw")});
    QVERIFY2(r.exitCode == 0 && r.out.contains("Sent while watching."), r.err.constData());

    // Another client flags it on the server: the watching cache follows.
    ImapSyncHarness server(servers, user, dir.filePath(QStringLiteral("scratch2.db")));
    const QString messageId = QStringLiteral("<%1@petrel.test>").arg(token);
    QVERIFY2(server.doveadm({QStringLiteral("flags"), QStringLiteral("add")},
                            {QStringLiteral("\\Flagged"), QStringLiteral("mailbox"), QStringLiteral("INBOX"),
                             QStringLiteral("header"), QStringLiteral("Message-ID"), messageId},
                            &error),
             qPrintable(error));
    auto flagged = [&] {
        const CliRun s = cli({QStringLiteral("show"), id, QStringLiteral("--json")});
        return QJsonDocument::fromJson(s.out).object().value(QStringLiteral("flags")).toArray().contains(
            QStringLiteral("flagged"));
    };
    QTRY_VERIFY2_WITH_TIMEOUT(flagged(), watch.err.constData(), ServerChangeTimeoutMs);
    QTRY_VERIFY2_WITH_TIMEOUT(watch.err.contains("0 new, 1 flag changes, 0 expunged"), watch.err.constData(), 10000); // stderr may lag the store

    // ...and expunges it there: it leaves the cache.
    QVERIFY2(server.doveadm({QStringLiteral("expunge")},
                            {QStringLiteral("mailbox"), QStringLiteral("INBOX"), QStringLiteral("header"),
                             QStringLiteral("Message-ID"), messageId},
                            &error),
             qPrintable(error));
    QTRY_VERIFY2_WITH_TIMEOUT(cli({QStringLiteral("show"), id}).exitCode == 1, watch.err.constData(),
                              ServerChangeTimeoutMs);
    QTRY_VERIFY2_WITH_TIMEOUT(watch.err.contains("0 new, 0 flag changes, 1 expunged"), watch.err.constData(), 10000); // stderr may lag the store
    r = cli({QStringLiteral("folders"), QStringLiteral("work"), QStringLiteral("--json")});
    int inboxTotal = -1;
    for (const QJsonValue &v : QJsonDocument::fromJson(r.out).array()) {
        if (v.toObject().value(QStringLiteral("path")).toString() == QLatin1String("INBOX"))
            inboxTotal = v.toObject().value(QStringLiteral("total")).toInt();
    }
    QCOMPARE(inboxTotal, 3);

    // SIGTERM ends it cleanly: it logs out and exits 0.
    watch.process.terminate();
    QVERIFY(watch.process.waitForFinished(15000));
    watch.err += watch.process.readAllStandardError();
    QCOMPARE(watch.process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(watch.process.exitCode(), 0);
    QVERIFY2(watch.err.contains("watch: SIGTERM: logging out"), watch.err.constData());
    QVERIFY2(watch.err.contains("watch: INBOX: stopped"), watch.err.constData());
}

void TestImapSyncWatchDovecot::cliWatchFollowsSeveralFolders()
{
    // A second folder, on the server only: the watcher finds it by LIST and caches it.
    ImapSyncHarness server(servers, user, dir.filePath(QStringLiteral("scratch3.db")));
    QString error;
    QVERIFY2(server.doveadm({QStringLiteral("mailbox"), QStringLiteral("create")}, {QStringLiteral("Watched")}, &error),
             qPrintable(error));
    WatchProcess watch;
    watch.start(profile(), {QStringLiteral("watch"), QStringLiteral("work"), QStringLiteral("--folder"),
                            QStringLiteral("INBOX"), QStringLiteral("--folder"), QStringLiteral("Watched")});
    QTRY_VERIFY2_WITH_TIMEOUT(watch.err.contains("watch: INBOX: idling") && watch.err.contains("watch: Watched: idling"),
                              watch.err.constData(), 60000);

    const QString token = newToken();
    QVERIFY2(servers.injectMessage(QStringLiteral("outsider@example.org"), {user.login},
                                   message(QStringLiteral("outsider@example.org"), user.login, token,
                                           QStringLiteral("Moving on")),
                                   &error),
             qPrintable(error));
    QTRY_VERIFY2_WITH_TIMEOUT(!watch.lineFor(token).isEmpty(), QByteArray(watch.out + watch.err).constData(),
                              ArrivalTimeoutMs);
    QCOMPARE(watch.lineFor(token).value(QStringLiteral("folder")).toString(), QStringLiteral("INBOX"));

    // Another client moves it: it leaves INBOX's cache and arrives, printed, in Watched's.
    watch.out.clear();
    QVERIFY2(server.doveadm({QStringLiteral("move")},
                            {QStringLiteral("Watched"), QStringLiteral("mailbox"), QStringLiteral("INBOX"),
                             QStringLiteral("header"), QStringLiteral("Message-ID"),
                             QStringLiteral("<%1@petrel.test>").arg(token)},
                            &error),
             qPrintable(error));
    QTRY_VERIFY2_WITH_TIMEOUT(!watch.lineFor(token).isEmpty(), QByteArray(watch.out + watch.err).constData(),
                              ServerChangeTimeoutMs);
    QCOMPARE(watch.lineFor(token).value(QStringLiteral("folder")).toString(), QStringLiteral("Watched"));
    QTRY_VERIFY2_WITH_TIMEOUT(watch.err.contains("watch: INBOX: 0 new, 0 flag changes, 1 expunged"),
                              watch.err.constData(), ServerChangeTimeoutMs);
    const CliRun r = cli({QStringLiteral("list"), QStringLiteral("work"), QStringLiteral("Watched")});
    QVERIFY2(r.exitCode == 0 && r.out.contains("Moving on"), QByteArray(r.out + r.err).constData());

    watch.process.terminate();
    QVERIFY(watch.process.waitForFinished(15000));
    QCOMPARE(watch.process.exitCode(), 0);
}

void TestImapSyncWatchDovecot::cliWatchWithAWrongPasswordWaitsLong()
{
    CliRun r = cli(accountAdd(QStringLiteral("wrong")), QByteArrayLiteral("not-the-password\n"));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    WatchProcess watch;
    watch.start(profile(), {QStringLiteral("watch"), QStringLiteral("wrong")});
    // The server's words, and a long pause rather than another attempt at once.
    QTRY_VERIFY2_WITH_TIMEOUT(watch.err.contains("watch: INBOX: offline: Logging in to"), watch.err.constData(), 60000);
    QVERIFY2(watch.err.contains("Authentication failed"), watch.err.constData());
    // 30 minutes after a refused login, ±20 % jitter: 1440 to 2160 s (rounded up to whole seconds).
    const QRegularExpressionMatch delay =
        QRegularExpression(QStringLiteral("retrying in (\\d+) s")).match(QString::fromUtf8(watch.err));
    QVERIFY2(delay.hasMatch(), watch.err.constData());
    const int seconds = delay.captured(1).toInt();
    QVERIFY2(seconds >= 1440 && seconds <= 2161, watch.err.constData());
    watch.process.terminate();
    QVERIFY(watch.process.waitForFinished(15000));
    QCOMPARE(watch.process.exitCode(), 0);
    QVERIFY(watch.out.isEmpty());
}

void TestImapSyncWatchDovecot::cliWatchRefusesBadInput()
{
    CliRun r = cli({QStringLiteral("watch"), QStringLiteral("nosuch")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("no account named 'nosuch'"), r.err.constData());
    r = cli({QStringLiteral("watch")});
    QCOMPARE(r.exitCode, 2);
    r = cli({QStringLiteral("watch"), QStringLiteral("work"), QStringLiteral("--poll-seconds"), QStringLiteral("0")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("--poll-seconds"), r.err.constData());
    QStringList tooMany = {QStringLiteral("watch"), QStringLiteral("work")};
    for (int i = 0; i < 9; ++i)
        tooMany << QStringLiteral("--folder") << QStringLiteral("F%1").arg(i);
    QCOMPARE(cli(tooMany).exitCode, 2);
    r = cli({QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("pop"), QStringLiteral("--address"), user.login,
             QStringLiteral("--host"), servers.host(), QStringLiteral("--protocol"), QStringLiteral("pop3"),
             QStringLiteral("--password-stdin")},
            QByteArrayLiteral("x\n"));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    // A POP3 account is watched by scheduled checks; it has no folders to choose.
    r = cli({QStringLiteral("watch"), QStringLiteral("pop"), QStringLiteral("--folder"), QStringLiteral("INBOX")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("POP3 account has one mailbox"), r.err.constData());
    r = cli({QStringLiteral("watch"), QStringLiteral("--help")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("petrel-cli watch ACCOUNT"));
}

void TestImapSyncWatchDovecot::watcherReconnectsAfterTheConnectionIsCut()
{
    ImapSyncHarness h(servers, user, dir.filePath(QStringLiteral("reconnect.db")));
    CutProxy proxy(servers.imapTlsPort());
    QVERIFY(proxy.start());
    Net::ConnectionSettings settings = h.settings();
    settings.port = proxy.port(); // TLS passes through: the watcher still verifies Dovecot

    Core::ImapFolderWatcher watcher(h.writer(), h.accountId(), QStringLiteral("INBOX"));
    watcher.setConnectionSettings(settings);
    watcher.setCredentials({user.login, user.password});
    Core::ImapWatchBackoff backoff;
    backoff.initialMs = 200;
    backoff.maxMs = 2000;
    watcher.setBackoff(backoff);
    QList<State> states;
    QStringList offlineWhy;
    connect(&watcher, &Core::ImapFolderWatcher::stateChanged, this, [&](State s, const QString &why) {
        states.append(s);
        if (s == State::Offline)
            offlineWhy.append(why);
    });
    QList<Core::ImapFolderChange> changes;
    connect(&watcher, &Core::ImapFolderWatcher::changed, this,
            [&](const Core::ImapFolderChange &c) { changes.append(c); });
    watcher.start();
    QTRY_COMPARE_WITH_TIMEOUT(watcher.state(), State::Idling, 60000);

    // The network goes away under the idling session.
    states.clear();
    proxy.cutNow();
    QTRY_VERIFY_WITH_TIMEOUT(states.contains(State::Offline), 30000);
    QVERIFY2(offlineWhy.first().contains(QLatin1String("connection")), qPrintable(offlineWhy.first()));
    // It comes back by itself, and the backoff starts over after the good connection.
    QTRY_VERIFY_WITH_TIMEOUT(states.indexOf(State::Idling) > states.indexOf(State::Offline), 60000);
    QCOMPARE(watcher.failures(), 0);

    // And new mail still arrives through the new connection.
    const QString token = newToken();
    QString error;
    QVERIFY2(servers.injectMessage(QStringLiteral("outsider@example.org"), {user.login},
                                   message(QStringLiteral("outsider@example.org"), user.login, token,
                                           QStringLiteral("After the cut")),
                                   &error),
             qPrintable(error));
    auto arrived = [&]() -> qint64 {
        Store::StoreReader reader(h.writer().database().path());
        for (const Core::ImapFolderChange &c : changes) {
            for (qint64 id : c.newMessageIds) {
                const auto m = reader.message(id);
                if (!c.initial && m && m->messageId.contains(token))
                    return id;
            }
        }
        return 0;
    };
    QTRY_VERIFY_WITH_TIMEOUT(arrived() != 0, ArrivalTimeoutMs);

    QSignalSpy stopped(&watcher, &Core::ImapFolderWatcher::stopped);
    watcher.stop();
    QVERIFY(stopped.wait(15000));
}

QTEST_GUILESS_MAIN(TestImapSyncWatchDovecot)
#include "tst_imapsync_watch_dovecot.moc"
