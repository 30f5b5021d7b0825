// petrel-cli send / outbox / drafts end to end against the fixture's real Postfix (submission)
// and Dovecot: vera sends, walt receives (their own users). This test stops and starts Postfix,
// so every test that uses Postfix holds the CTest RESOURCE_LOCK "postfix" (see CMakeLists.txt).
#include "CliRunner.h"
#include "TestServers.h"

#include "mime/MessageParser.h"
#include "store/Database.h"
#include "store/Statement.h"
#include "store/StorePaths.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace Petrel;
using namespace Petrel::Test;

class TestSendPostfix : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void roundTripWithCcBccAndAttachment();
    void sentCopySkippedWhereTheServerFilesIt();
    void pop3AccountKeepsSentLocally();
    void badInputIsRefusedBeforeQueueing();
    void wrongPasswordKeepsTheMessageQueued();
    void plainPortWithoutStartTlsIsRefused();
    void tooLargeForTheServersSize();
    void postfixDownQueuesThenSends();
    void draftsReplaceOnTheServer();
    void killedSendsDeliverAtMostOnce();

private:
    QString profile(const QString &name) const { return m_dir.filePath(name); }
    // Adds account "vera" to the profile: IMAP (implicit TLS) and submission (STARTTLS).
    void addAccount(CliRunner &cli, quint16 smtpPort, const QString &password, bool pop3 = false);
    QString sendOne(CliRunner &cli, const QString &subject);
    QStringList searchIds(const QString &login, const QString &mailbox, const QString &messageId) const;
    QByteArray fetchRaw(const QString &login, const QString &mailbox, const QString &messageId) const;
    QJsonArray outbox(CliRunner &cli);
    bool setPostfixRunning(bool running, QString *error) const;
    bool waitForEmptyMailQueue() const;
    static QString messageIdIn(const QByteArray &err);

    TestServers m_servers;
    TestUser m_vera, m_walt;
    QTemporaryDir m_dir;
};

void TestSendPostfix::initTestCase()
{
    m_servers = TestServers::load();
    QVERIFY2(m_servers.isValid(), qPrintable(m_servers.errorString()));
    m_vera = m_servers.user(QStringLiteral("vera"));
    m_walt = m_servers.user(QStringLiteral("walt"));
    QVERIFY(m_vera.isValid() && m_walt.isValid());
    QVERIFY(m_dir.isValid());
    for (const TestUser &u : {m_vera, m_walt}) {
        for (const char *box : {"INBOX", "Sent", "Drafts"}) {
            const auto r = m_servers.doveadm({QStringLiteral("expunge"), QStringLiteral("-u"), u.login,
                                              QStringLiteral("mailbox"), QLatin1String(box), QStringLiteral("all")});
            QVERIFY2(r.exitCode == 0, r.stdErr.constData());
        }
    }
}

void TestSendPostfix::addAccount(CliRunner &cli, quint16 smtpPort, const QString &password, bool pop3)
{
    const CliRun r = cli.run(
        {QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("vera"), QStringLiteral("--address"),
         m_vera.login, QStringLiteral("--display-name"), QStringLiteral("Véra Åström"), QStringLiteral("--host"),
         m_servers.host(), QStringLiteral("--port"),
         QString::number(pop3 ? m_servers.pop3TlsPort() : m_servers.imapTlsPort()), QStringLiteral("--protocol"),
         pop3 ? QStringLiteral("pop3") : QStringLiteral("imap"), QStringLiteral("--security"), QStringLiteral("tls"),
         QStringLiteral("--smtp-host"), m_servers.host(), QStringLiteral("--smtp-port"), QString::number(smtpPort),
         QStringLiteral("--smtp-security"), QStringLiteral("starttls"), QStringLiteral("--ca-file"),
         m_servers.caFile(), QStringLiteral("--password-stdin")},
        password.toUtf8() + '\n');
    QVERIFY2(r.exitCode == 0, r.err.constData());
}

// Sends one short message to walt; returns its Message-ID ("" on failure, reported).
QString TestSendPostfix::sendOne(CliRunner &cli, const QString &subject)
{
    const CliRun r = cli.run({QStringLiteral("send"), QStringLiteral("--account"), QStringLiteral("vera"),
                              QStringLiteral("--to"), m_walt.login, QStringLiteral("--subject"), subject,
                              QStringLiteral("--body"), QStringLiteral("x")},
                             {}, 120000);
    if (r.exitCode != 0) {
        qWarning("send failed: %s", r.err.constData());
        return {};
    }
    return messageIdIn(r.err);
}

QStringList TestSendPostfix::searchIds(const QString &login, const QString &mailbox, const QString &messageId) const
{
    const auto r = m_servers.doveadm({QStringLiteral("search"), QStringLiteral("-u"), login, QStringLiteral("mailbox"),
                                      mailbox, QStringLiteral("HEADER"), QStringLiteral("Message-ID"), messageId});
    if (r.exitCode != 0)
        return {QStringLiteral("doveadm failed: ") + QString::fromUtf8(r.stdErr)};
    return QString::fromUtf8(r.stdOut).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

QByteArray TestSendPostfix::fetchRaw(const QString &login, const QString &mailbox, const QString &messageId) const
{
    const auto r = m_servers.doveadm({QStringLiteral("fetch"), QStringLiteral("-u"), login, QStringLiteral("text"),
                                      QStringLiteral("mailbox"), mailbox, QStringLiteral("HEADER"),
                                      QStringLiteral("Message-ID"), messageId});
    if (r.exitCode != 0)
        return {};
    QByteArray out = r.stdOut;
    if (out.startsWith("text:\n"))
        out.remove(0, 6);
    return out;
}

QJsonArray TestSendPostfix::outbox(CliRunner &cli)
{
    const CliRun r = cli.run({QStringLiteral("outbox"), QStringLiteral("--json")});
    if (r.exitCode != 0)
        qWarning("outbox --json failed: %s", r.err.constData());
    return QJsonDocument::fromJson(r.out).array();
}

QString TestSendPostfix::messageIdIn(const QByteArray &err)
{
    static const QRegularExpression queued(QStringLiteral("queued message \\d+ <([^>]+)>"));
    const QRegularExpressionMatch m = queued.match(QString::fromUtf8(err));
    return m.hasMatch() ? m.captured(1) : QString();
}

bool TestSendPostfix::setPostfixRunning(bool running, QString *error) const
{
    QProcess postfix;
    postfix.start(QStringLiteral("postfix"), {QStringLiteral("-c"), m_servers.postfixConfig(),
                                              running ? QStringLiteral("start") : QStringLiteral("stop")});
    if (!postfix.waitForFinished(60000) || postfix.exitCode() != 0) {
        *error = QStringLiteral("postfix %1 failed: %2")
                     .arg(running ? QStringLiteral("start") : QStringLiteral("stop"),
                          QString::fromUtf8(postfix.readAllStandardError()));
        return false;
    }
    // Until the submission port answers (or refuses) as asked.
    for (int i = 0; i < 300; ++i) {
        QTcpSocket probe;
        probe.connectToHost(m_servers.host(), m_servers.submissionPort());
        const bool open = probe.waitForConnected(1000);
        if (open == running)
            return true;
        QThread::msleep(100);
    }
    *error = QStringLiteral("the submission port did not %1").arg(running ? QStringLiteral("open") : QStringLiteral("close"));
    return false;
}

bool TestSendPostfix::waitForEmptyMailQueue() const
{
    return m_servers.waitForEmptyMailQueue(120000);
}

void TestSendPostfix::roundTripWithCcBccAndAttachment()
{
    CliRunner cli(profile(QStringLiteral("roundtrip")));
    addAccount(cli, m_servers.submissionPort(), m_vera.password);
    if (QTest::currentTestFailed())
        return;
    QByteArray attachment(300 * 1024, Qt::Uninitialized);
    for (qsizetype i = 0; i < attachment.size(); ++i)
        attachment[i] = char(QRandomGenerator::global()->bounded(256));
    const QString fileName = QStringLiteral("Übersicht – März.bin");
    QFile file(m_dir.filePath(fileName));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(attachment);
    file.close();
    const QString subject = QStringLiteral("Grüße aus Zürich — ünïcödé ✓ %1").arg(QDateTime::currentMSecsSinceEpoch());
    const QString body = QStringLiteral("Hallo Zoë,\n\nanbei die Übersicht.\n\nVéra");

    const CliRun r = cli.run({QStringLiteral("send"), QStringLiteral("--account"), QStringLiteral("vera"),
                              QStringLiteral("--to"), QStringLiteral("Zoë Außen <zoe@outside.example>"),
                              QStringLiteral("--cc"), QStringLiteral("Véra Åström <%1>").arg(m_vera.login),
                              QStringLiteral("--bcc"), m_walt.login, QStringLiteral("--subject"), subject,
                              QStringLiteral("--body"), body, QStringLiteral("--attach"), file.fileName()},
                             {}, 120000);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.err.contains("send: vera: message"), r.err.constData()); // progress on stderr
    const QString id = messageIdIn(r.err);
    QVERIFY2(!id.isEmpty(), r.err.constData());
    QVERIFY2(r.out.contains(QStringLiteral("sent").toUtf8()), r.out.constData());
    QVERIFY(outbox(cli).isEmpty());

    // The Bcc recipient got it, and appears in no header.
    QVERIFY(m_servers.waitForMessage(m_walt.login, QStringLiteral("INBOX"),
                                     {QStringLiteral("HEADER"), QStringLiteral("Message-ID"), id}, 60000));
    const QByteArray raw = fetchRaw(m_walt.login, QStringLiteral("INBOX"), id);
    QVERIFY(!raw.isEmpty());
    const qsizetype headerEnd = raw.indexOf("\n\n");
    QVERIFY(headerEnd > 0);
    const QByteArray headers = raw.left(headerEnd);
    QVERIFY2(!headers.contains("walt"), headers.constData());
    QVERIFY2(!headers.contains("Bcc:") && !headers.contains("BCC:"), headers.constData());

    const Mime::ParseResult parsed = Mime::MessageParser::parse(raw);
    QVERIFY2(parsed.isOk(), qPrintable(parsed.errorString));
    const Mime::Envelope &e = parsed.message.envelope;
    QCOMPARE(e.subject, subject);
    QCOMPARE(e.messageId, id);
    QCOMPARE(e.from.size(), 1);
    QCOMPARE(e.from.first().name, QStringLiteral("Véra Åström"));
    QCOMPARE(e.from.first().address, m_vera.login);
    QCOMPARE(e.to.size(), 1);
    QCOMPARE(e.to.first().name, QStringLiteral("Zoë Außen"));
    QCOMPARE(e.to.first().address, QStringLiteral("zoe@outside.example"));
    QCOMPARE(e.cc.size(), 1);
    QCOMPARE(e.cc.first().address, m_vera.login);
    QVERIFY(e.bcc.isEmpty());
    QCOMPARE(parsed.message.textBody.trimmed(), body);
    QCOMPARE(parsed.message.attachments.size(), 1);
    QCOMPARE(parsed.message.attachments.first().fileName, fileName);
    const std::optional<QByteArray> bytes =
        Mime::MessageParser::partContent(raw, parsed.message.attachments.first().partPath);
    QVERIFY(bytes);
    QCOMPARE(bytes->size(), attachment.size());
    QVERIFY(*bytes == attachment);

    // The Cc went to vera herself; Sent on the server holds exactly one copy after the command.
    QVERIFY(m_servers.waitForMessage(m_vera.login, QStringLiteral("INBOX"),
                                     {QStringLiteral("HEADER"), QStringLiteral("Message-ID"), id}, 60000));
    QCOMPARE(searchIds(m_vera.login, QStringLiteral("Sent"), id).size(), 1);
    // Another pass (and sync) files nothing twice.
    const CliRun again = cli.run({QStringLiteral("outbox"), QStringLiteral("send")}, {}, 120000);
    QVERIFY2(again.exitCode == 0, again.err.constData());
    const CliRun sync = cli.run({QStringLiteral("sync"), QStringLiteral("vera")}, {}, 120000);
    QVERIFY2(sync.exitCode == 0, sync.err.constData());
    QCOMPARE(searchIds(m_vera.login, QStringLiteral("Sent"), id).size(), 1);
}

void TestSendPostfix::sentCopySkippedWhereTheServerFilesIt()
{
    CliRunner cli(profile(QStringLiteral("nosentcopy")));
    addAccount(cli, m_servers.submissionPort(), m_vera.password);
    if (QTest::currentTestFailed())
        return;
    const CliRun set = cli.run({QStringLiteral("account"), QStringLiteral("set"), QStringLiteral("vera"),
                                QStringLiteral("smtp.save-sent=false")});
    QVERIFY2(set.exitCode == 0 && set.out.contains("smtp.save-sent=false"), set.err.constData());
    const QString id = sendOne(cli, QStringLiteral("no copy from Petrel"));
    QVERIFY(!id.isEmpty());
    QVERIFY(m_servers.waitForMessage(m_walt.login, QStringLiteral("INBOX"),
                                     {QStringLiteral("HEADER"), QStringLiteral("Message-ID"), id}, 60000));
    const CliRun sync = cli.run({QStringLiteral("sync"), QStringLiteral("vera")}, {}, 120000);
    QVERIFY2(sync.exitCode == 0, sync.err.constData());
    QVERIFY(searchIds(m_vera.login, QStringLiteral("Sent"), id).isEmpty());
    QVERIFY(outbox(cli).isEmpty());
}

void TestSendPostfix::pop3AccountKeepsSentLocally()
{
    CliRunner cli(profile(QStringLiteral("pop3")));
    addAccount(cli, m_servers.submissionPort(), m_vera.password, true);
    if (QTest::currentTestFailed())
        return;
    const QString subject = QStringLiteral("from a POP3 account %1").arg(QDateTime::currentMSecsSinceEpoch());
    const QString id = sendOne(cli, subject);
    QVERIFY(!id.isEmpty());
    QVERIFY(m_servers.waitForMessage(m_walt.login, QStringLiteral("INBOX"),
                                     {QStringLiteral("HEADER"), QStringLiteral("Message-ID"), id}, 60000));
    const CliRun folders = cli.run({QStringLiteral("folders"), QStringLiteral("vera"), QStringLiteral("--json")});
    QVERIFY2(folders.exitCode == 0, folders.err.constData());
    QString sentPath;
    for (const QJsonValue &v : QJsonDocument::fromJson(folders.out).array()) {
        if (v.toObject().value(QStringLiteral("role")).toString() == QLatin1String("sent"))
            sentPath = v.toObject().value(QStringLiteral("path")).toString();
    }
    QCOMPARE(sentPath, QStringLiteral("Sent"));
    const CliRun list = cli.run({QStringLiteral("list"), QStringLiteral("vera"), sentPath, QStringLiteral("--json")});
    QVERIFY2(list.exitCode == 0, list.err.constData());
    const QJsonArray sent = QJsonDocument::fromJson(list.out).array();
    QCOMPARE(sent.size(), 1);
    QCOMPARE(sent.first().toObject().value(QStringLiteral("subject")).toString(), subject);
    QVERIFY(searchIds(m_vera.login, QStringLiteral("Sent"), id).isEmpty()); // nothing on the server
    QVERIFY(outbox(cli).isEmpty());
}

void TestSendPostfix::badInputIsRefusedBeforeQueueing()
{
    CliRunner cli(profile(QStringLiteral("badinput")));
    addAccount(cli, m_servers.submissionPort(), m_vera.password);
    if (QTest::currentTestFailed())
        return;
    const QStringList base = {QStringLiteral("send"), QStringLiteral("--account"), QStringLiteral("vera"),
                              QStringLiteral("--subject"), QStringLiteral("s")};
    struct Case
    {
        QStringList args;
        int exitCode;
        const char *says;
    };
    const QList<Case> cases = {
        {{QStringLiteral("--body"), QStringLiteral("x")}, 2, "at least one --to"},
        {{QStringLiteral("--to"), m_walt.login}, 2, "exactly one of --body and --body-file"},
        {{QStringLiteral("--to"), m_walt.login, QStringLiteral("--body"), QStringLiteral("x"),
          QStringLiteral("--body-file"), QStringLiteral("/nonexistent")},
         2, "exactly one of --body and --body-file"},
        {{QStringLiteral("--to"), m_walt.login, QStringLiteral("--body"), QStringLiteral("x"),
          QStringLiteral("--replace-draft"), QStringLiteral("3")},
         2, "--replace-draft goes with --draft"},
        {{QStringLiteral("--to"), m_walt.login, QStringLiteral("--body"), QStringLiteral("x"),
          QStringLiteral("--attach"), m_dir.filePath(QStringLiteral("missing.pdf"))},
         1, "cannot read"},
        {{QStringLiteral("--to"), QStringLiteral("not an address"), QStringLiteral("--body"), QStringLiteral("x")},
         1, "cannot compose the message"},
        {{QStringLiteral("--to"), QStringLiteral("walt@petrel.test\r\nBcc: x@y"), QStringLiteral("--body"),
          QStringLiteral("x")},
         1, "cannot compose the message"},
    };
    for (const Case &c : cases) {
        const CliRun r = cli.run(base + c.args);
        QVERIFY2(r.exitCode == c.exitCode && r.err.contains(c.says),
                 qPrintable(c.args.join(QLatin1Char(' ')) + QStringLiteral(" -> ") + QString::number(r.exitCode)
                            + QLatin1Char(' ') + QString::fromUtf8(r.err)));
    }
    QVERIFY(outbox(cli).isEmpty());
    const CliRun noAccount = cli.run({QStringLiteral("send"), QStringLiteral("--account"), QStringLiteral("nosuch"),
                                      QStringLiteral("--to"), m_walt.login, QStringLiteral("--subject"),
                                      QStringLiteral("s"), QStringLiteral("--body"), QStringLiteral("x")});
    QCOMPARE(noAccount.exitCode, 1);
    QVERIFY(noAccount.err.contains("no account named 'nosuch'"));
}

void TestSendPostfix::wrongPasswordKeepsTheMessageQueued()
{
    CliRunner cli(profile(QStringLiteral("wrongpassword")));
    addAccount(cli, m_servers.submissionPort(), QStringLiteral("not-the-password"));
    if (QTest::currentTestFailed())
        return;
    const CliRun r = cli.run({QStringLiteral("send"), QStringLiteral("--account"), QStringLiteral("vera"),
                              QStringLiteral("--to"), m_walt.login, QStringLiteral("--subject"),
                              QStringLiteral("wrong password"), QStringLiteral("--body"), QStringLiteral("x")},
                             {}, 120000);
    QCOMPARE(r.exitCode, 1);
    // Postfix's own words: "535 5.7.8 Error: authentication failed: ..."
    QVERIFY2(r.err.contains("refused the login: Error: authentication failed"), r.err.constData());
    QVERIFY2(r.err.contains("stays in the outbox"), r.err.constData());
    const QJsonArray rows = outbox(cli);
    QCOMPARE(rows.size(), 1);
    const QJsonObject row = rows.first().toObject();
    QCOMPARE(row.value(QStringLiteral("state")).toString(), QStringLiteral("queued"));
    QVERIFY(row.value(QStringLiteral("lastError")).toString().contains(QStringLiteral("authentication failed")));
    QCOMPARE(row.value(QStringLiteral("subject")).toString(), QStringLiteral("wrong password"));
    const QString id = row.value(QStringLiteral("messageId")).toString();
    QVERIFY(searchIds(m_walt.login, QStringLiteral("INBOX"), id).isEmpty());

    // The backoff wait can be cut short by the user; an id that is not there is an error.
    QVERIFY(!row.value(QStringLiteral("nextAttempt")).toString().isEmpty());
    const QString outboxId = QString::number(row.value(QStringLiteral("id")).toInteger());
    const CliRun retry = cli.run({QStringLiteral("outbox"), QStringLiteral("retry"), outboxId});
    QVERIFY2(retry.exitCode == 0 && retry.out.contains("due now"), retry.err.constData());
    QVERIFY(outbox(cli).first().toObject().value(QStringLiteral("nextAttempt")).toString().isEmpty());
    const CliRun noSuch = cli.run({QStringLiteral("outbox"), QStringLiteral("retry"), QStringLiteral("999999")});
    QCOMPARE(noSuch.exitCode, 1);

    // The plain listing names the error too; the user can drop it.
    const CliRun list = cli.run({QStringLiteral("outbox"), QStringLiteral("vera")});
    QVERIFY2(list.exitCode == 0 && list.out.contains("authentication failed"), list.out.constData());
    const CliRun removed =
        cli.run({QStringLiteral("outbox"), QStringLiteral("remove"), QString::number(row.value(QStringLiteral("id")).toInteger())});
    QVERIFY2(removed.exitCode == 0, removed.err.constData());
    QVERIFY(outbox(cli).isEmpty());
}

void TestSendPostfix::plainPortWithoutStartTlsIsRefused()
{
    // The inject port offers no STARTTLS; the account requires it: nothing, no credential, is sent.
    CliRunner cli(profile(QStringLiteral("nostarttls")));
    addAccount(cli, m_servers.injectPort(), m_vera.password);
    if (QTest::currentTestFailed())
        return;
    const CliRun r = cli.run({QStringLiteral("send"), QStringLiteral("--account"), QStringLiteral("vera"),
                              QStringLiteral("--to"), m_walt.login, QStringLiteral("--subject"),
                              QStringLiteral("no starttls"), QStringLiteral("--body"), QStringLiteral("x")},
                             {}, 120000);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("does not offer STARTTLS"), r.err.constData());
    const QJsonArray rows = outbox(cli);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().toObject().value(QStringLiteral("state")).toString(), QStringLiteral("queued"));
    QVERIFY(searchIds(m_walt.login, QStringLiteral("INBOX"), rows.first().toObject().value(QStringLiteral("messageId")).toString())
                .isEmpty());
}

void TestSendPostfix::tooLargeForTheServersSize()
{
    CliRunner cli(profile(QStringLiteral("toolarge")));
    addAccount(cli, m_servers.submissionPort(), m_vera.password);
    if (QTest::currentTestFailed())
        return;
    // 40 MiB in base64 is above the fixture's message_size_limit (52428800, advertised as SIZE).
    QFile big(m_dir.filePath(QStringLiteral("big.bin")));
    QVERIFY(big.open(QIODevice::WriteOnly));
    big.write(QByteArray(40 * 1024 * 1024, 'z'));
    big.close();
    const CliRun r = cli.run({QStringLiteral("send"), QStringLiteral("--account"), QStringLiteral("vera"),
                              QStringLiteral("--to"), m_walt.login, QStringLiteral("--subject"),
                              QStringLiteral("too large"), QStringLiteral("--body"), QStringLiteral("x"),
                              QStringLiteral("--attach"), big.fileName()},
                             {}, 240000);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("52428800"), r.err.constData());
    const QJsonArray rows = outbox(cli);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().toObject().value(QStringLiteral("state")).toString(), QStringLiteral("failed"));
    QVERIFY(rows.first().toObject().value(QStringLiteral("lastError")).toString().contains(QStringLiteral("52428800")));
}

void TestSendPostfix::postfixDownQueuesThenSends()
{
    CliRunner cli(profile(QStringLiteral("postfixdown")));
    addAccount(cli, m_servers.submissionPort(), m_vera.password);
    if (QTest::currentTestFailed())
        return;
    QString error;
    QVERIFY2(setPostfixRunning(false, &error), qPrintable(error));
    const CliRun r = cli.run({QStringLiteral("send"), QStringLiteral("--account"), QStringLiteral("vera"),
                              QStringLiteral("--to"), m_walt.login, QStringLiteral("--subject"),
                              QStringLiteral("while postfix is down"), QStringLiteral("--body"), QStringLiteral("x")},
                             {}, 120000);
    const bool started = setPostfixRunning(true, &error); // whatever the checks say, Postfix comes back
    QVERIFY2(started, qPrintable(error));
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.toLower().contains("refused"), r.err.constData());
    const QString id = messageIdIn(r.err);
    QVERIFY(!id.isEmpty());
    QJsonArray rows = outbox(cli);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().toObject().value(QStringLiteral("state")).toString(), QStringLiteral("queued"));
    QCOMPARE(rows.first().toObject().value(QStringLiteral("attempts")).toInt(), 1);

    const CliRun resend = cli.run({QStringLiteral("outbox"), QStringLiteral("send")}, {}, 120000);
    QVERIFY2(resend.exitCode == 0, resend.err.constData());
    QVERIFY2(resend.out.contains("1 sent"), resend.out.constData());
    QVERIFY(outbox(cli).isEmpty());
    QVERIFY(m_servers.waitForMessage(m_walt.login, QStringLiteral("INBOX"),
                                     {QStringLiteral("HEADER"), QStringLiteral("Message-ID"), id}, 60000));
    QCOMPARE(searchIds(m_vera.login, QStringLiteral("Sent"), id).size(), 1);
}

void TestSendPostfix::draftsReplaceOnTheServer()
{
    CliRunner cli(profile(QStringLiteral("drafts")));
    addAccount(cli, m_servers.submissionPort(), m_vera.password);
    if (QTest::currentTestFailed())
        return;
    auto saveDraft = [&](const QString &subject, qint64 replaces) -> qint64 {
        QStringList args = {QStringLiteral("send"), QStringLiteral("--account"), QStringLiteral("vera"),
                            QStringLiteral("--to"), m_walt.login, QStringLiteral("--subject"), subject,
                            QStringLiteral("--body"), subject + QStringLiteral(" body"), QStringLiteral("--draft")};
        if (replaces > 0)
            args << QStringLiteral("--replace-draft") << QString::number(replaces);
        const CliRun r = cli.run(args);
        if (r.exitCode != 0)
            qWarning("draft failed: %s", r.err.constData());
        const QRegularExpressionMatch m =
            QRegularExpression(QStringLiteral("saved draft (\\d+)")).match(QString::fromUtf8(r.out));
        return r.exitCode == 0 && m.hasMatch() ? m.captured(1).toLongLong() : 0;
    };
    // The account was synced once, as any account in use is: the draft keeps its id when the
    // server takes it (APPENDUID in a folder whose UIDVALIDITY the cache knows).
    CliRun sync = cli.run({QStringLiteral("sync"), QStringLiteral("vera")}, {}, 120000);
    QVERIFY2(sync.exitCode == 0, sync.err.constData());
    const QString tag = QString::number(QDateTime::currentMSecsSinceEpoch());
    const qint64 first = saveDraft(QStringLiteral("Entwurf 1 ") + tag, 0);
    QVERIFY(first > 0);
    sync = cli.run({QStringLiteral("sync"), QStringLiteral("vera")}, {}, 120000);
    QVERIFY2(sync.exitCode == 0, sync.err.constData());
    auto draftsSubjects = [&]() {
        const auto r = m_servers.doveadm({QStringLiteral("fetch"), QStringLiteral("-u"), m_vera.login,
                                          QStringLiteral("hdr.subject"), QStringLiteral("mailbox"),
                                          QStringLiteral("Drafts"), QStringLiteral("all")});
        return QString::fromUtf8(r.stdOut).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    };
    QCOMPARE(draftsSubjects().size(), 1);

    // Replaced after the first is on the server (its UID is expunged), then again before a sync
    // (the second never reaches the server).
    const qint64 second = saveDraft(QStringLiteral("Entwurf 2 ") + tag, first);
    QVERIFY(second > 0 && second != first);
    const qint64 third = saveDraft(QStringLiteral("Entwurf 3 ") + tag, second);
    QVERIFY(third > 0 && third != second);
    sync = cli.run({QStringLiteral("sync"), QStringLiteral("vera")}, {}, 120000);
    QVERIFY2(sync.exitCode == 0, sync.err.constData());
    const QStringList subjects = draftsSubjects();
    QCOMPARE(subjects.size(), 1);
    QVERIFY2(subjects.first().contains(QStringLiteral("Entwurf 3 ") + tag), qPrintable(subjects.first()));
    const auto flags = m_servers.doveadm({QStringLiteral("fetch"), QStringLiteral("-u"), m_vera.login,
                                          QStringLiteral("flags"), QStringLiteral("mailbox"), QStringLiteral("Drafts"),
                                          QStringLiteral("all")});
    QVERIFY2(flags.stdOut.contains("\\Draft"), flags.stdOut.constData());
    // Locally too: exactly the latest.
    const CliRun list = cli.run({QStringLiteral("list"), QStringLiteral("vera"), QStringLiteral("Drafts"),
                                 QStringLiteral("--json")});
    QVERIFY2(list.exitCode == 0, list.err.constData());
    const QJsonArray local = QJsonDocument::fromJson(list.out).array();
    QCOMPARE(local.size(), 1);
    QCOMPARE(local.first().toObject().value(QStringLiteral("id")).toInteger(), third);

    // A draft id that is not a draft of the account is refused, nothing saved.
    const CliRun bad = cli.run({QStringLiteral("send"), QStringLiteral("--account"), QStringLiteral("vera"),
                                QStringLiteral("--to"), m_walt.login, QStringLiteral("--subject"), QStringLiteral("x"), QStringLiteral("--body"),
                                QStringLiteral("x"), QStringLiteral("--draft"), QStringLiteral("--replace-draft"),
                                QStringLiteral("999999")});
    QCOMPARE(bad.exitCode, 1);
    QVERIFY2(bad.err.contains("no message 999999"), bad.err.constData());
}

void TestSendPostfix::killedSendsDeliverAtMostOnce()
{
    const QString profileDir = profile(QStringLiteral("killed"));
    CliRunner cli(profileDir);
    addAccount(cli, m_servers.submissionPort(), m_vera.password);
    if (QTest::currentTestFailed())
        return;
    const QString tag = QString::number(QDateTime::currentMSecsSinceEpoch());
    // A few MB each, so that kills land in the middle of DATA and of the Sent APPEND too.
    QFile payload(m_dir.filePath(QStringLiteral("payload.bin")));
    QVERIFY(payload.open(QIODevice::WriteOnly));
    payload.write(QByteArray(3 * 1024 * 1024, 'k'));
    payload.close();
    QSet<QString> ids;
    for (int i = 0; i < 6; ++i) {
        const CliRun r = cli.run({QStringLiteral("send"), QStringLiteral("--account"), QStringLiteral("vera"),
                                  QStringLiteral("--to"), m_walt.login, QStringLiteral("--subject"),
                                  QStringLiteral("queued %1 %2").arg(i).arg(tag), QStringLiteral("--body"),
                                  QStringLiteral("x"), QStringLiteral("--attach"), payload.fileName(),
                                  QStringLiteral("--queue-only")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        ids.insert(messageIdIn(r.err));
    }
    const quint32 seed = QRandomGenerator::global()->generate();
    qInfo("kill delays from seed %u", seed);
    QRandomGenerator random(seed);
    for (int run = 0; run < 20; ++run) {
        QStringList args = {QStringLiteral("--profile"), profileDir};
        if (run % 2 == 0)
            args << QStringLiteral("outbox") << QStringLiteral("send");
        else
            args << QStringLiteral("send") << QStringLiteral("--account") << QStringLiteral("vera")
                 << QStringLiteral("--to") << m_walt.login << QStringLiteral("--subject")
                 << QStringLiteral("run %1 %2").arg(run).arg(tag) << QStringLiteral("--body") << QStringLiteral("x")
                 << QStringLiteral("--attach") << payload.fileName();
        QProcess process;
        process.start(QStringLiteral(PETREL_CLI_PATH), args);
        QVERIFY(process.waitForStarted(30000));
        // Short delays hit the start (store, keychain, connection), longer ones the transfers.
        const int delayMs = int(random.bounded(run % 4 == 1 ? 60 : 1500));
        process.waitForFinished(delayMs);
        process.kill();
        process.waitForFinished(30000);
        const QString id = messageIdIn(process.readAllStandardError());
        if (!id.isEmpty())
            ids.insert(id);
    }
    // Enqueued but killed before it said so: the outbox knows it.
    for (const QJsonValue &v : outbox(cli))
        ids.insert(v.toObject().value(QStringLiteral("messageId")).toString());

    const CliRun resume = cli.run({QStringLiteral("outbox"), QStringLiteral("send")}, {}, 240000);
    QVERIFY2(resume.exitCode == 0, QByteArray(resume.err + "\n" + resume.out).constData());
    QVERIFY(waitForEmptyMailQueue());

    QHash<QString, QString> left;
    for (const QJsonValue &v : outbox(cli))
        left.insert(v.toObject().value(QStringLiteral("messageId")).toString(),
                    v.toObject().value(QStringLiteral("state")).toString());
    int delivered = 0;
    for (const QString &id : std::as_const(ids)) {
        QVERIFY(!id.isEmpty());
        const QStringList hits = searchIds(m_walt.login, QStringLiteral("INBOX"), id);
        QVERIFY2(hits.size() <= 1, qPrintable(id + QStringLiteral(" delivered %1 times").arg(hits.size())));
        if (hits.size() == 1) {
            ++delivered;
            continue;
        }
        // Not delivered: still in the outbox, and only "unknown" (the body may have started) may
        // stay after the resuming pass.
        QVERIFY2(left.contains(id), qPrintable(id + QStringLiteral(" lost")));
        QCOMPARE(left.value(id), QStringLiteral("unknown"));
    }
    for (auto it = left.cbegin(); it != left.cend(); ++it)
        QVERIFY2(it.value() == QLatin1String("unknown"), qPrintable(it.key() + QLatin1Char(' ') + it.value()));
    qInfo("%d of %lld messages delivered, %lld left unknown", delivered, qlonglong(ids.size()), qlonglong(left.size()));
    QVERIFY(delivered > 0);

    auto db = Store::Database::open(Store::defaultDatabasePath(profileDir), Store::Database::Role::Reader);
    Store::Statement check(*db, "PRAGMA integrity_check");
    QVERIFY(check.step());
    QCOMPARE(check.columnText(0), QStringLiteral("ok"));
}

QTEST_GUILESS_MAIN(TestSendPostfix)
#include "tst_send_postfix.moc"
