#include "AutoconfigParser.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QXmlStreamReader>

#include <optional>

namespace Petrel::Core {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Petrel::Core::AutoconfigParser", text);
}

struct ServerElement
{
    QString type;
    QString hostname;
    QString port;
    QString socketType;
    QString userName;
    QStringList authentication;
};

QString resolvePlaceholders(QString text, const QString &address)
{
    const QString localPart = address.section(QLatin1Char('@'), 0, 0);
    text.replace(QLatin1String("%EMAILADDRESS%"), address);
    text.replace(QLatin1String("%EMAILLOCALPART%"), localPart);
    text.replace(QLatin1String("%EMAILDOMAIN%"), addressDomain(address));
    return text;
}

bool securityOf(const QString &socketType, Net::Security *out)
{
    const QString t = socketType.trimmed().toUpper();
    if (t == QLatin1String("SSL") || t == QLatin1String("TLS"))
        *out = Net::Security::ImplicitTls;
    else if (t == QLatin1String("STARTTLS"))
        *out = Net::Security::StartTls;
    else if (t == QLatin1String("PLAIN"))
        *out = Net::Security::None;
    else
        return false;
    return true;
}

// A server Petrel can log in to with a password; OAuth-only servers are left out.
bool acceptsPassword(const QStringList &methods)
{
    if (methods.isEmpty())
        return true;
    for (const QString &m : methods) {
        const QString t = m.trimmed().toLower();
        if (t == QLatin1String("password-cleartext") || t == QLatin1String("password-encrypted")
            || t == QLatin1String("plain") || t == QLatin1String("secure"))
            return true;
    }
    return false;
}

std::optional<ServerCandidate> candidateOf(const ServerElement &e, bool outgoing, const QString &address)
{
    ServerCandidate c;
    const QString type = e.type.trimmed().toLower();
    if (outgoing && type == QLatin1String("smtp"))
        c.role = ServerRole::Smtp;
    else if (!outgoing && type == QLatin1String("imap"))
        c.role = ServerRole::Imap;
    else if (!outgoing && type == QLatin1String("pop3"))
        c.role = ServerRole::Pop3;
    else
        return std::nullopt;
    static const QRegularExpression hostPattern(QStringLiteral("^[A-Za-z0-9.\\-_:\\[\\]]{1,253}$"));
    c.host = resolvePlaceholders(e.hostname.trimmed(), address).toLower();
    if (!hostPattern.match(c.host).hasMatch())
        return std::nullopt;
    bool ok = false;
    const uint port = e.port.trimmed().toUInt(&ok);
    if (!ok || port < 1 || port > 65535)
        return std::nullopt;
    c.port = quint16(port);
    if (!securityOf(e.socketType, &c.security) || !acceptsPassword(e.authentication))
        return std::nullopt;
    c.userName = resolvePlaceholders(e.userName.trimmed(), address);
    if (c.userName == address)
        c.userName.clear(); // "same as the address"
    c.source = DiscoverySource::Autoconfig;
    return c;
}

} // namespace

AutoconfigParser::Outcome AutoconfigParser::parse(const QByteArray &xml, const QString &address)
{
    Outcome out;
    if (xml.size() > MaxFileSize) {
        out.error = tr("The configuration file is larger than %1 KiB, which no real one is.").arg(MaxFileSize / 1024);
        return out;
    }
    QXmlStreamReader reader(xml);
    int depth = 0;
    int elements = 0;
    bool sawRoot = false;
    bool sawProvider = false;
    std::optional<ServerElement> server;
    bool serverOutgoing = false;
    QString field; // the server child element being read
    while (!reader.atEnd()) {
        switch (reader.readNext()) {
        case QXmlStreamReader::DTD:
            out.error = tr("The configuration file declares a document type, which configuration files never do.");
            return out;
        case QXmlStreamReader::EntityReference:
            out.error = tr("The configuration file uses an undeclared entity.");
            return out;
        case QXmlStreamReader::StartElement: {
            ++depth;
            if (++elements > MaxElements || depth > MaxDepth) {
                out.error = tr("The configuration file is nested too deeply or has too many elements.");
                return out;
            }
            const QStringView name = reader.name();
            if (depth == 1) {
                if (name != QLatin1String("clientConfig")) {
                    out.error = tr("This is not a mail configuration file (its root element is <%1>, not <clientConfig>).")
                                    .arg(name.toString().left(40));
                    return out;
                }
                sawRoot = true;
            } else if (depth == 2 && name == QLatin1String("emailProvider")) {
                sawProvider = true;
            } else if (depth == 3 && sawProvider
                       && (name == QLatin1String("incomingServer") || name == QLatin1String("outgoingServer"))) {
                server = ServerElement();
                server->type = reader.attributes().value(QLatin1String("type")).toString();
                serverOutgoing = name == QLatin1String("outgoingServer");
            } else if (depth == 4 && server) {
                field = name.toString();
            }
            break;
        }
        case QXmlStreamReader::Characters:
            if (server && depth == 4) {
                const QString text = reader.text().toString();
                if (field == QLatin1String("hostname"))
                    server->hostname += text;
                else if (field == QLatin1String("port"))
                    server->port += text;
                else if (field == QLatin1String("socketType"))
                    server->socketType += text;
                else if (field == QLatin1String("username"))
                    server->userName += text;
                else if (field == QLatin1String("authentication"))
                    server->authentication.append(text);
            }
            break;
        case QXmlStreamReader::EndElement:
            if (depth == 3 && server) {
                if (const auto c = candidateOf(*server, serverOutgoing, address))
                    out.result.add(*c);
                server.reset();
            }
            field.clear();
            --depth;
            break;
        default:
            break;
        }
    }
    if (reader.hasError()) {
        out.error = tr("The configuration file is not well-formed XML (line %1: %2).")
                        .arg(reader.lineNumber())
                        .arg(reader.errorString());
        return out;
    }
    if (!sawRoot || !sawProvider) {
        out.error = tr("The configuration file describes no mail provider.");
        return out;
    }
    if (out.result.isEmpty())
        out.error = tr("The configuration file names no IMAP, POP3 or SMTP server Petrel can use with a password.");
    return out;
}

} // namespace Petrel::Core
