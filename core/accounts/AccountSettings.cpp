#include "AccountSettings.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

namespace Petrel::Core {

QString securityName(Security security)
{
    switch (security) {
    case Security::ImplicitTls:
        return QStringLiteral("tls");
    case Security::StartTls:
        return QStringLiteral("starttls");
    case Security::None:
        return QStringLiteral("none");
    }
    return QStringLiteral("tls");
}

bool parseSecurity(const QString &text, Security *out)
{
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("tls") || t == QLatin1String("ssl"))
        *out = Security::ImplicitTls;
    else if (t == QLatin1String("starttls"))
        *out = Security::StartTls;
    else if (t == QLatin1String("none"))
        *out = Security::None;
    else
        return false;
    return true;
}

quint16 defaultPort(IncomingProtocol protocol, Security security)
{
    const bool implicitTls = security == Security::ImplicitTls;
    if (protocol == IncomingProtocol::Pop3)
        return implicitTls ? 995 : 110;
    return implicitTls ? 993 : 143;
}

quint16 defaultSubmissionPort(Security security)
{
    return security == Security::ImplicitTls ? 465 : 587;
}

quint16 AccountSettings::incomingPort() const
{
    return incoming.port ? incoming.port : defaultPort(protocol, incoming.security);
}

quint16 AccountSettings::outgoingPort() const
{
    return outgoing.port ? outgoing.port : defaultSubmissionPort(outgoing.security);
}

QStringList AccountSettings::validate() const
{
    QStringList problems;
    if (name.trimmed().isEmpty())
        problems << QStringLiteral("The account needs a name.");
    else if (name.size() > 200 || name.contains(QRegularExpression(QStringLiteral("[\\x00-\\x1f]"))))
        problems << QStringLiteral("The account name must be at most 200 printable characters.");
    static const QRegularExpression addressPattern(QStringLiteral("^[^@\\s<>]+@[^@\\s<>]+$"));
    if (!addressPattern.match(address).hasMatch())
        problems << QStringLiteral("'%1' is not an e-mail address (expected name@domain).").arg(address);
    static const QRegularExpression hostPattern(QStringLiteral("^[A-Za-z0-9.:\\-\\[\\]_]+$"));
    if (incoming.host.isEmpty() || !hostPattern.match(incoming.host).hasMatch())
        problems << QStringLiteral("The incoming server needs a valid host name.");
    if (!outgoing.host.isEmpty() && !hostPattern.match(outgoing.host).hasMatch())
        problems << QStringLiteral("The outgoing (SMTP) server host name is not valid.");
    static const QRegularExpression fingerprintPattern(QStringLiteral("^[0-9a-f]{64}$"));
    for (const QString &pin : {pinnedCertificateSha256, outgoingPinnedCertificateSha256}) {
        if (!pin.isEmpty() && !fingerprintPattern.match(pin).hasMatch())
            problems << QStringLiteral("A pinned certificate must be a SHA-256 fingerprint (64 hex digits).");
    }
    if (pop3Retention.mode == Pop3Retention::Mode::DeleteAfterDays
        && (pop3Retention.days < 1 || pop3Retention.days > Pop3Retention::MaxDays))
        problems << QStringLiteral("POP3 retention 'delete after N days' needs N from 1 to %1.").arg(Pop3Retention::MaxDays);
    if (checkIntervalMinutes < 0 || checkIntervalMinutes > MaxCheckIntervalMinutes)
        problems << QStringLiteral("The check interval must be 0 (manual) to %1 minutes.").arg(MaxCheckIntervalMinutes);
    if (imapOffline.mode == ImapOfflinePolicy::Mode::LastDays
        && (imapOffline.days < 1 || imapOffline.days > ImapOfflinePolicy::MaxDays))
        problems << QStringLiteral("The offline policy 'last N days' needs N from 1 to %1.").arg(ImapOfflinePolicy::MaxDays);
    if (imapWatchFolders.size() > MaxWatchFolders)
        problems << QStringLiteral("At most %1 folders can be watched (each needs a connection of its own).")
                        .arg(MaxWatchFolders);
    for (const QString &folder : imapWatchFolders) {
        if (folder.trimmed().isEmpty() || folder.size() > 1000)
            problems << QStringLiteral("A watched folder needs a name of 1 to 1000 characters.");
    }
    return problems;
}

namespace {

Net::ConnectionSettings connectionTo(const QString &host, quint16 port, Security security, const AccountSettings &a,
                                     const QString &pin)
{
    Net::ConnectionSettings c;
    c.host = host;
    c.port = port;
    c.security = security;
    c.tls.trustedCaFile = a.trustedCaFile;
    c.tls.pinnedSha256 = pin.toLatin1();
    c.idleTimeoutMs = 120000; // a silent server must not hang a check forever
    return c;
}

} // namespace

Net::ConnectionSettings AccountSettings::incomingConnection() const
{
    return connectionTo(incoming.host, incomingPort(), incoming.security, *this, pinnedCertificateSha256);
}

Net::ConnectionSettings AccountSettings::outgoingConnection() const
{
    // The SMTP server's own accepted certificate; else the incoming one's, for the same host only.
    const QString host = outgoing.host.isEmpty() ? incoming.host : outgoing.host;
    const QString pin = !outgoingPinnedCertificateSha256.isEmpty() ? outgoingPinnedCertificateSha256
                        : host == incoming.host                   ? pinnedCertificateSha256
                                                                  : QString();
    return connectionTo(host, outgoingPort(), outgoing.security, *this, pin);
}

namespace {

QJsonObject serverToJson(const ServerSettings &s)
{
    QJsonObject o;
    o.insert(QStringLiteral("host"), s.host);
    o.insert(QStringLiteral("port"), int(s.port));
    o.insert(QStringLiteral("security"), securityName(s.security));
    if (!s.userName.isEmpty())
        o.insert(QStringLiteral("userName"), s.userName);
    return o;
}

ServerSettings serverFromJson(const QJsonObject &o)
{
    ServerSettings s;
    s.host = o.value(QStringLiteral("host")).toString();
    const int port = o.value(QStringLiteral("port")).toInt();
    s.port = (port > 0 && port < 65536) ? quint16(port) : 0;
    // An unreadable value falls back to the safe default, never to None.
    if (!parseSecurity(o.value(QStringLiteral("security")).toString(), &s.security))
        s.security = Security::ImplicitTls;
    s.userName = o.value(QStringLiteral("userName")).toString();
    return s;
}

} // namespace

QJsonObject AccountSettings::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("incoming"), serverToJson(incoming));
    o.insert(QStringLiteral("outgoing"), serverToJson(outgoing));
    if (!trustedCaFile.isEmpty())
        o.insert(QStringLiteral("trustedCaFile"), trustedCaFile);
    if (!pinnedCertificateSha256.isEmpty())
        o.insert(QStringLiteral("pinnedCertificateSha256"), pinnedCertificateSha256);
    if (!outgoingPinnedCertificateSha256.isEmpty())
        o.insert(QStringLiteral("outgoingPinnedCertificateSha256"), outgoingPinnedCertificateSha256);
    o.insert(QStringLiteral("credentialKey"), credentialKey);
    if (protocol == IncomingProtocol::Pop3 || pop3Retention.mode != Pop3Retention::Mode::Leave)
        o.insert(QStringLiteral("pop3"), QJsonObject{{QStringLiteral("retention"), pop3Retention.toString()}});
    if (!saveSentCopy)
        o.insert(QStringLiteral("saveSentCopy"), false);
    if (checkIntervalMinutes > 0)
        o.insert(QStringLiteral("checkIntervalMinutes"), checkIntervalMinutes);
    if (protocol == IncomingProtocol::Imap || imapOffline != ImapOfflinePolicy() ||
        imapWatchFolders != AccountSettings().imapWatchFolders)
        o.insert(QStringLiteral("imap"), QJsonObject{{QStringLiteral("offline"), imapOffline.toString()},
                                                     {QStringLiteral("watch"), QJsonArray::fromStringList(imapWatchFolders)}});
    return o;
}

AccountSettings AccountSettings::fromJson(const QJsonObject &o)
{
    AccountSettings a;
    a.incoming = serverFromJson(o.value(QStringLiteral("incoming")).toObject());
    a.outgoing = serverFromJson(o.value(QStringLiteral("outgoing")).toObject());
    a.trustedCaFile = o.value(QStringLiteral("trustedCaFile")).toString();
    a.pinnedCertificateSha256 = o.value(QStringLiteral("pinnedCertificateSha256")).toString();
    a.outgoingPinnedCertificateSha256 = o.value(QStringLiteral("outgoingPinnedCertificateSha256")).toString();
    a.credentialKey = o.value(QStringLiteral("credentialKey")).toString();
    // An unreadable retention falls back to leaving mail on the server, never to deleting it.
    const QString retention =
        o.value(QStringLiteral("pop3")).toObject().value(QStringLiteral("retention")).toString();
    if (!Pop3Retention::parse(retention, &a.pop3Retention))
        a.pop3Retention = Pop3Retention();
    a.saveSentCopy = o.value(QStringLiteral("saveSentCopy")).toBool(true);
    const int interval = o.value(QStringLiteral("checkIntervalMinutes")).toInt();
    a.checkIntervalMinutes = (interval > 0 && interval <= MaxCheckIntervalMinutes) ? interval : 0;
    const QJsonObject imap = o.value(QStringLiteral("imap")).toObject();
    if (!ImapOfflinePolicy::parse(imap.value(QStringLiteral("offline")).toString(), &a.imapOffline))
        a.imapOffline = ImapOfflinePolicy();
    if (imap.contains(QStringLiteral("watch"))) {
        a.imapWatchFolders.clear();
        for (const QJsonValue &v : imap.value(QStringLiteral("watch")).toArray()) {
            if (v.isString() && !v.toString().trimmed().isEmpty() && a.imapWatchFolders.size() < MaxWatchFolders)
                a.imapWatchFolders.append(v.toString());
        }
    }
    return a;
}

} // namespace Petrel::Core
