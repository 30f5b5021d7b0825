#include "TestServers.h"

#include "SmtpInjector.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpSocket>
#include <QTest>
#include <QThread>
#include <QtDebug>

namespace Petrel::Test {

namespace {

constexpr qint64 MaxDescriptionSize = 1024 * 1024;   // the JSON is a few kB; refuse anything absurd

quint16 portOf(const QJsonObject &object, const QString &key)
{
    const int port = object.value(key).toInt(0);
    return (port > 0 && port < 65536) ? quint16(port) : quint16(0);
}

} // namespace

TestServers TestServers::failed(const QString &why)
{
    qWarning().noquote() << "petrel test servers:" << why;
    TestServers servers;
    servers.m_error = why;
    return servers;
}

TestServers TestServers::load()
{
    const QString path = qEnvironmentVariable("PETREL_TEST_SERVERS");
    if (path.isEmpty())
        return failed(QStringLiteral("PETREL_TEST_SERVERS is not set: declare the test with FIXTURES servers "
                                     "(the petrel_servers CTest fixture writes the description)"));
    return loadFile(path);
}

TestServers TestServers::loadFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return failed(QStringLiteral("cannot read %1: %2 (did servers_start run?)").arg(path, file.errorString()));
    if (file.size() > MaxDescriptionSize)
        return failed(QStringLiteral("%1 is too large to be a server description").arg(path));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!document.isObject())
        return failed(QStringLiteral("%1 is not a JSON object: %2").arg(path, parseError.errorString()));
    const QJsonObject root = document.object();

    TestServers s;
    s.m_directory = root.value(QLatin1String("dir")).toString();
    s.m_host = root.value(QLatin1String("host")).toString();
    s.m_hostName = root.value(QLatin1String("hostname")).toString();
    s.m_caFile = root.value(QLatin1String("ca")).toString();
    s.m_domain = root.value(QLatin1String("domain")).toString();
    s.m_sink = root.value(QLatin1String("sink")).toString();
    s.m_postfixConfig = root.value(QLatin1String("postfix_config")).toString();
    const QJsonObject imap = root.value(QLatin1String("imap")).toObject();
    const QJsonObject pop3 = root.value(QLatin1String("pop3")).toObject();
    const QJsonObject smtp = root.value(QLatin1String("smtp")).toObject();
    s.m_imapStartTls = portOf(imap, QStringLiteral("starttls"));
    s.m_imapTls = portOf(imap, QStringLiteral("tls"));
    s.m_pop3Stls = portOf(pop3, QStringLiteral("stls"));
    s.m_pop3Tls = portOf(pop3, QStringLiteral("tls"));
    s.m_submission = portOf(smtp, QStringLiteral("submission"));
    s.m_submissions = portOf(smtp, QStringLiteral("submissions"));
    s.m_inject = portOf(smtp, QStringLiteral("inject"));
    s.m_lmtp = portOf(root, QStringLiteral("lmtp"));
    const QJsonObject poor = root.value(QLatin1String("imap_poor")).toObject();
    s.m_poorImapTls = portOf(poor, QStringLiteral("tls"));
    for (const QJsonValue &value : poor.value(QLatin1String("start")).toArray())
        s.m_poorStart.append(value.toString());
    for (const QJsonValue &value : poor.value(QLatin1String("stop")).toArray())
        s.m_poorStop.append(value.toString());
    const QJsonArray users = root.value(QLatin1String("users")).toArray();
    for (const QJsonValue &value : users) {
        const QJsonObject u = value.toObject();
        TestUser user{u.value(QLatin1String("login")).toString(), u.value(QLatin1String("password")).toString(),
                      u.value(QLatin1String("maildir")).toString()};
        if (user.isValid())
            s.m_users.append(user);
    }
    for (const QJsonValue &value : root.value(QLatin1String("doveadm")).toArray())
        s.m_doveadm.append(value.toString());

    QStringList missing;
    if (s.m_host.isEmpty())
        missing << QStringLiteral("host");
    if (s.m_hostName.isEmpty())
        missing << QStringLiteral("hostname");
    if (s.m_domain.isEmpty())
        missing << QStringLiteral("domain");
    if (!s.m_imapStartTls || !s.m_imapTls || !s.m_pop3Stls || !s.m_pop3Tls || !s.m_submission
        || !s.m_submissions || !s.m_inject || !s.m_poorImapTls || s.m_poorStart.isEmpty() || s.m_poorStop.isEmpty())
        missing << QStringLiteral("ports");
    if (s.m_users.isEmpty())
        missing << QStringLiteral("users");
    if (s.m_doveadm.isEmpty())
        missing << QStringLiteral("doveadm");
    if (!missing.isEmpty())
        return failed(QStringLiteral("%1 lacks %2").arg(path, missing.join(QStringLiteral(", "))));
    if (!QFileInfo::exists(s.m_caFile))
        return failed(QStringLiteral("%1 names a CA file that does not exist: %2 (servers stopped?)")
                          .arg(path, s.m_caFile));
    return s;
}

QList<QSslCertificate> TestServers::caCertificates() const
{
    return QSslCertificate::fromPath(m_caFile, QSsl::Pem, QSslCertificate::PatternSyntax::FixedString);
}

TestUser TestServers::user(const QString &name) const
{
    for (const TestUser &u : m_users) {
        if (u.login == name || u.localPart() == name)
            return u;
    }
    return {};
}

TestServers::DoveadmResult TestServers::doveadm(const QStringList &args, int timeoutMs) const
{
    DoveadmResult result;
    if (m_doveadm.isEmpty()) {
        result.stdErr = "no doveadm command: the server description is not loaded";
        return result;
    }
    QProcess process;
    process.start(m_doveadm.first(), m_doveadm.mid(1) + args);
    if (!process.waitForStarted(timeoutMs)) {
        result.stdErr = process.errorString().toUtf8();
        return result;
    }
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
        result.stdErr = "doveadm timed out";
        return result;
    }
    result.stdOut = process.readAllStandardOutput();
    result.stdErr = process.readAllStandardError();
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    return result;
}

int TestServers::messageCount(const QString &login, const QString &mailbox) const
{
    const DoveadmResult r = doveadm({QStringLiteral("search"), QStringLiteral("-u"), login, QStringLiteral("mailbox"),
                                     mailbox, QStringLiteral("all")});
    return r.exitCode == 0 ? int(r.stdOut.count('\n')) : -1;
}

int TestServers::matchCount(const QString &login, const QString &mailbox, const QStringList &searchQuery) const
{
    const DoveadmResult r = doveadm(QStringList{QStringLiteral("search"), QStringLiteral("-u"), login,
                                                QStringLiteral("mailbox"), mailbox}
                                    + searchQuery);
    return r.exitCode == 0 ? int(r.stdOut.count('\n')) : -1;
}

bool TestServers::waitForEmptyMailQueue(int timeoutMs) const
{
    const QDeadlineTimer deadline(timeoutMs);
    while (true) {
        QProcess queue;
        queue.start(QStringLiteral("postqueue"), {QStringLiteral("-c"), m_postfixConfig, QStringLiteral("-p")});
        if (queue.waitForFinished(30000) && queue.readAllStandardOutput().contains("Mail queue is empty"))
            return true;
        if (deadline.hasExpired())
            return false;
        QThread::msleep(100);
    }
}

bool TestServers::waitForMessage(const QString &login, const QString &mailbox, const QStringList &searchQuery,
                                 int timeoutMs, QByteArray *hits) const
{
    const QStringList args = QStringList{QStringLiteral("search"), QStringLiteral("-u"), login,
                                         QStringLiteral("mailbox"), mailbox}
        + searchQuery;
    const QDeadlineTimer deadline(timeoutMs);
    QByteArray lastError;
    while (true) {
        const DoveadmResult r = doveadm(args);
        if (r.exitCode == 0 && !r.stdOut.trimmed().isEmpty()) {
            if (hits)
                *hits = r.stdOut;
            return true;
        }
        if (r.exitCode != 0)
            lastError = r.stdErr;
        if (deadline.hasExpired())
            break;
        QTest::qWait(200);
    }
    if (!lastError.isEmpty())
        qWarning("doveadm search failed: %s", lastError.constData());
    if (hits)
        hits->clear();
    return false;
}

namespace {

bool runTool(const QStringList &command, QString *error)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(command.first(), command.mid(1));
    if (!process.waitForStarted(10000) || !process.waitForFinished(30000)) {
        process.kill();
        *error = QStringLiteral("%1 did not run: %2").arg(command.join(QLatin1Char(' ')), process.errorString());
        return false;
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        *error = QStringLiteral("%1 failed: %2")
                     .arg(command.join(QLatin1Char(' ')), QString::fromLocal8Bit(process.readAll()).trimmed());
        return false;
    }
    return true;
}

bool portAccepts(const QString &host, quint16 port)
{
    QTcpSocket socket;
    socket.connectToHost(host, port);
    const bool ok = socket.waitForConnected(2000);
    socket.abort();
    return ok;
}

// Polls until the port's state is `accepting`; false after timeoutMs.
bool waitForPort(const QString &host, quint16 port, bool accepting, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (portAccepts(host, port) != accepting) {
        if (deadline.hasExpired())
            return false;
        QTest::qWait(100);
    }
    return true;
}

} // namespace

bool TestServers::stopPoorServer(QString *error) const
{
    if (!runTool(m_poorStop, error))
        return false;
    if (!waitForPort(m_host, m_poorImapTls, false, 20000)) {
        *error = QStringLiteral("the poor Dovecot still accepts connections after doveadm stop");
        return false;
    }
    return true;
}

bool TestServers::startPoorServer(QString *error) const
{
    if (!runTool(m_poorStart, error))
        return false;
    if (!waitForPort(m_host, m_poorImapTls, true, 20000)) {
        *error = QStringLiteral("the poor Dovecot did not accept connections after starting");
        return false;
    }
    return true;
}

Net::ConnectionSettings TestServers::connectionSettings(quint16 port, Net::Security security) const
{
    Net::ConnectionSettings s;
    s.host = m_host;
    s.port = port;
    s.security = security;
    s.tls.trustedCaFile = m_caFile;
    s.tls.useSystemCas = false;
    s.connectTimeoutMs = 15000;
    s.idleTimeoutMs = 30000;
    return s;
}

bool TestServers::injectMessage(const QString &from, const QStringList &recipients, const QByteArray &message,
                                QString *error) const
{
    SmtpInjector injector(m_host, m_inject);
    const bool ok = injector.send(from, recipients, message);
    if (!ok && error)
        *error = injector.errorString();
    return ok;
}

} // namespace Petrel::Test
