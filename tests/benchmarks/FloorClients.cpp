#include "FloorClients.h"

#include "RawClient.h"

#include <QElapsedTimer>
#include <QRegularExpression>

#include <algorithm>

namespace Petrel::Bench {

namespace {

QByteArray quoted(const QString &s)
{
    QByteArray out = s.toUtf8();
    out.replace('\\', "\\\\").replace('"', "\\\"");
    return '"' + out + '"';
}

bool connectTo(RawClient &c, const Test::TestServers &servers, quint16 port, QString *error)
{
    return c.connectTls(servers.host(), port, servers.hostName(), servers.caCertificates(), error);
}

// Connects to IMAP over TLS and logs in; false with *error.
bool imapLogin(RawClient &c, const Test::TestServers &servers, const Test::TestUser &user, QString *error)
{
    if (!connectTo(c, servers, servers.imapTlsPort(), error))
        return false;
    if (c.readLine().isEmpty()) {
        *error = QStringLiteral("no IMAP greeting");
        return false;
    }
    c.send("l LOGIN " + quoted(user.login) + ' ' + quoted(user.password) + "\r\n");
    const QByteArray r = c.readImapUntilTag("l");
    if (!r.startsWith("l OK")) {
        *error = QStringLiteral("IMAP LOGIN: %1").arg(QString::fromUtf8(r.trimmed()));
        return false;
    }
    return true;
}

bool imapCommand(RawClient &c, const QByteArray &tag, const QByteArray &command, QString *error,
                 QByteArray *untagged = nullptr)
{
    c.send(tag + ' ' + command + "\r\n");
    const QByteArray r = c.readImapUntilTag(tag, untagged);
    if (!r.startsWith(QByteArray(tag + " OK"))) {
        *error = QStringLiteral("IMAP %1: %2").arg(QString::fromUtf8(command.left(40)), QString::fromUtf8(r.trimmed()));
        return false;
    }
    return true;
}

FloorResult failed(const QString &error)
{
    FloorResult r;
    r.error = error;
    return r;
}

} // namespace

FloorResult imapFetchFloor(const Test::TestServers &servers, const Test::TestUser &user, const QByteArray &uidSet,
                           const QByteArray &items)
{
    QElapsedTimer timer;
    timer.start();
    RawClient c;
    QString error;
    if (!imapLogin(c, servers, user, &error) || !imapCommand(c, "s", "EXAMINE INBOX", &error) ||
        !imapCommand(c, "f", "UID FETCH " + uidSet + ' ' + items, &error))
        return failed(error);
    FloorResult r;
    r.seconds = timer.nsecsElapsed() / 1e9;
    r.bytes = c.bytesRead();
    c.send("o LOGOUT\r\n");
    return r;
}

FloorResult imapQresyncFloor(const Test::TestServers &servers, const Test::TestUser &user, quint64 uidValidity,
                             quint64 modSeq)
{
    QElapsedTimer timer;
    timer.start();
    RawClient c;
    QString error;
    if (!imapLogin(c, servers, user, &error) || !imapCommand(c, "e", "ENABLE QRESYNC", &error) ||
        !imapCommand(c, "s", "SELECT INBOX (QRESYNC (" + QByteArray::number(uidValidity) + ' ' +
                                 QByteArray::number(modSeq) + "))",
                     &error))
        return failed(error);
    FloorResult r;
    r.seconds = timer.nsecsElapsed() / 1e9;
    r.bytes = c.bytesRead();
    c.send("o LOGOUT\r\n");
    return r;
}

bool imapSelectState(const Test::TestServers &servers, const Test::TestUser &user, quint64 *uidValidity,
                     quint64 *modSeq, QString *error)
{
    RawClient c;
    QByteArray untagged;
    if (!imapLogin(c, servers, user, error) || !imapCommand(c, "s", "SELECT INBOX (CONDSTORE)", error, &untagged))
        return false;
    const QString text = QString::fromUtf8(untagged);
    const auto v = QRegularExpression(QStringLiteral("UIDVALIDITY (\\d+)")).match(text);
    const auto m = QRegularExpression(QStringLiteral("HIGHESTMODSEQ (\\d+)")).match(text);
    if (!v.hasMatch() || !m.hasMatch()) {
        *error = QStringLiteral("SELECT gave no UIDVALIDITY/HIGHESTMODSEQ");
        return false;
    }
    *uidValidity = v.captured(1).toULongLong();
    *modSeq = m.captured(1).toULongLong();
    c.send("o LOGOUT\r\n");
    return true;
}

bool imapChangeAsOtherClient(const Test::TestServers &servers, const Test::TestUser &user, const QByteArray &flagSet,
                             const QByteArray &expungeSet, QString *error)
{
    RawClient c;
    if (!imapLogin(c, servers, user, error) || !imapCommand(c, "s", "SELECT INBOX", error))
        return false;
    if (!flagSet.isEmpty() && !imapCommand(c, "f", "UID STORE " + flagSet + " +FLAGS.SILENT ($BenchMark)", error))
        return false;
    if (!expungeSet.isEmpty() &&
        (!imapCommand(c, "d", "UID STORE " + expungeSet + " +FLAGS.SILENT (\\Deleted)", error) ||
         !imapCommand(c, "x", "UID EXPUNGE " + expungeSet, error)))
        return false;
    c.send("o LOGOUT\r\n");
    return true;
}

FloorResult pop3RetrFloor(const Test::TestServers &servers, const Test::TestUser &user, int count)
{
    QElapsedTimer timer;
    timer.start();
    RawClient c;
    QString error;
    if (!connectTo(c, servers, servers.pop3TlsPort(), &error))
        return failed(error);
    if (!c.readLine().startsWith("+OK"))
        return failed(QStringLiteral("no POP3 greeting"));
    c.send("USER " + user.login.toUtf8() + "\r\nPASS " + user.password.toUtf8() + "\r\n");
    if (!c.readLine().startsWith("+OK") || !c.readLine().startsWith("+OK"))
        return failed(QStringLiteral("POP3 login refused"));
    QByteArray commands;
    for (int i = 1; i <= count; ++i)
        commands += "RETR " + QByteArray::number(i) + "\r\n";
    c.send(commands);
    for (int i = 1; i <= count; ++i) {
        if (!c.readPop3MultiLine())
            return failed(QStringLiteral("POP3 RETR %1 failed").arg(i));
    }
    FloorResult r;
    r.seconds = timer.nsecsElapsed() / 1e9;
    r.bytes = c.bytesRead();
    c.send("QUIT\r\n");
    return r;
}

FloorResult smtpSubmitFloor(const Test::TestServers &servers, const Test::TestUser &user, const QString &recipient,
                            const QList<QByteArray> &messages)
{
    QElapsedTimer timer;
    timer.start();
    RawClient c;
    QString error;
    if (!connectTo(c, servers, servers.submissionsPort(), &error))
        return failed(error);
    if (c.readSmtpReply() != 220)
        return failed(QStringLiteral("no SMTP greeting"));
    c.send("EHLO bench.petrel.test\r\n");
    if (c.readSmtpReply() != 250)
        return failed(QStringLiteral("EHLO refused"));
    const QByteArray plain = QByteArray('\0' + user.login.toUtf8() + '\0' + user.password.toUtf8()).toBase64();
    c.send("AUTH PLAIN " + plain + "\r\n");
    if (c.readSmtpReply() != 235)
        return failed(QStringLiteral("AUTH PLAIN refused"));
    const QByteArray envelope = "MAIL FROM:<" + user.login.toUtf8() + ">\r\nRCPT TO:<" + recipient.toUtf8() +
                                ">\r\nDATA\r\n";
    c.send(envelope);
    for (int i = 0; i < messages.size(); ++i) {
        if (c.readSmtpReply() != 250 || c.readSmtpReply() != 250 || c.readSmtpReply() != 354)
            return failed(QStringLiteral("SMTP MAIL/RCPT/DATA refused for message %1").arg(i + 1));
        // The messages are CRLF, dot-stuffed and end with CRLF already (see the caller).
        c.send(messages.at(i) + ".\r\n" + (i + 1 < messages.size() ? envelope : QByteArray()));
        if (c.readSmtpReply() != 250)
            return failed(QStringLiteral("SMTP refused the body of message %1").arg(i + 1));
    }
    FloorResult r;
    r.seconds = timer.nsecsElapsed() / 1e9;
    r.bytes = c.bytesRead();
    c.send("QUIT\r\n");
    return r;
}

bool imapUidFlags(const Test::TestServers &servers, const Test::TestUser &user, QMap<quint32, QStringList> *out,
                  QString *error)
{
    RawClient c;
    QByteArray untagged;
    if (!imapLogin(c, servers, user, error) || !imapCommand(c, "s", "EXAMINE INBOX", error) ||
        !imapCommand(c, "f", "UID FETCH 1:* (UID FLAGS)", error, &untagged))
        return false;
    static const QRegularExpression uidRe(QStringLiteral("UID (\\d+)"));
    static const QRegularExpression flagsRe(QStringLiteral("FLAGS \\(([^)]*)\\)"));
    for (const QByteArray &line : untagged.split('\n')) {
        const QString l = QString::fromUtf8(line);
        const auto u = uidRe.match(l);
        const auto f = flagsRe.match(l);
        if (!l.contains(QLatin1String(" FETCH ")) || !u.hasMatch() || !f.hasMatch())
            continue;
        QStringList flags;
        for (const QString &flag : f.captured(1).split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
            if (flag.compare(QLatin1String("\\Recent"), Qt::CaseInsensitive) != 0)
                flags << flag;
        }
        flags.sort();
        out->insert(u.captured(1).toUInt(), flags);
    }
    c.send("o LOGOUT\r\n");
    return true;
}

QByteArray uidSetOf(QList<quint32> uids)
{
    std::sort(uids.begin(), uids.end());
    QByteArray out;
    for (qsizetype i = 0; i < uids.size();) {
        qsizetype j = i;
        while (j + 1 < uids.size() && uids[j + 1] == uids[j] + 1)
            ++j;
        if (!out.isEmpty())
            out += ',';
        out += QByteArray::number(uids[i]);
        if (j > i)
            out += ':' + QByteArray::number(uids[j]);
        i = j + 1;
    }
    return out;
}

} // namespace Petrel::Bench
