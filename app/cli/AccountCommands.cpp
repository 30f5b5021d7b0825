#include "AccountCommands.h"

#include "CliProfile.h"
#include "CommandParser.h"

#include "store/StoreError.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <optional>

namespace Petrel::Cli {

namespace {

const QString addUsage = QStringLiteral(
    "petrel-cli account add NAME --address ADDR --host HOST [--protocol imap|pop3] [--port N] "
    "[--security tls|starttls|none] [--username USER] [--smtp-host HOST] [--smtp-port N] "
    "[--smtp-security tls|starttls|none] [--smtp-username USER] [--display-name TEXT] "
    "[--ca-file PEM] [--password-stdin]");

QCommandLineOption valueOption(const char *name, const char *valueName)
{
    return QCommandLineOption(QString::fromLatin1(name), QString(), QString::fromLatin1(valueName));
}

bool parsePort(const QString &text, quint16 *port)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || value < 1 || value > 65535)
        return false;
    *port = quint16(value);
    return true;
}

// Reads the password from standard input: everything up to the first line break, so both
// `printf pw |` and `echo pw |` work. Nothing is echoed or logged.
std::optional<QString> readPasswordFromStdin()
{
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return std::nullopt;
    QByteArray bytes = in.readLine(64 * 1024);
    while (bytes.endsWith('\n') || bytes.endsWith('\r'))
        bytes.chop(1);
    if (bytes.isEmpty())
        return std::nullopt;
    return QString::fromUtf8(bytes);
}

QJsonObject serverJson(const QString &host, quint16 port, Core::Security security, const QString &user)
{
    return QJsonObject{{QStringLiteral("host"), host},
                       {QStringLiteral("port"), int(port)},
                       {QStringLiteral("security"), Core::securityName(security)},
                       {QStringLiteral("userName"), user}};
}

QJsonObject accountJson(const Core::Account &account)
{
    const Core::AccountSettings &s = account.settings;
    QJsonObject o{{QStringLiteral("id"), account.id},
                  {QStringLiteral("name"), s.name},
                  {QStringLiteral("protocol"), Store::accountProtocolName(s.protocol)},
                  {QStringLiteral("address"), s.address},
                  {QStringLiteral("displayName"), s.displayName},
                  {QStringLiteral("incoming"),
                   serverJson(s.incoming.host, s.incomingPort(), s.incoming.security, s.incomingUserName())}};
    if (!s.outgoing.host.isEmpty())
        o.insert(QStringLiteral("outgoing"),
                 serverJson(s.outgoing.host, s.outgoingPort(), s.outgoing.security, s.outgoingUserName()));
    if (!s.trustedCaFile.isEmpty())
        o.insert(QStringLiteral("trustedCaFile"), s.trustedCaFile);
    // Where the password is in the keychain (not the password): lets scripts and tests check it.
    o.insert(QStringLiteral("credentialKey"), s.credentialKey);
    return o;
}

} // namespace

int accountAdd(CliContext &ctx)
{
    QCommandLineParser parser;
    const auto address = valueOption("address", "ADDR");
    const auto protocol = valueOption("protocol", "imap|pop3");
    const auto host = valueOption("host", "HOST");
    const auto port = valueOption("port", "N");
    const auto security = valueOption("security", "tls|starttls|none");
    const auto user = valueOption("username", "USER");
    const auto smtpHost = valueOption("smtp-host", "HOST");
    const auto smtpPort = valueOption("smtp-port", "N");
    const auto smtpSecurity = valueOption("smtp-security", "tls|starttls|none");
    const auto smtpUser = valueOption("smtp-username", "USER");
    const auto displayName = valueOption("display-name", "TEXT");
    const auto caFile = valueOption("ca-file", "PEM");
    const QCommandLineOption passwordStdin(QStringLiteral("password-stdin"));
    parser.addOptions({address, protocol, host, port, security, user, smtpHost, smtpPort, smtpSecurity,
                       smtpUser, displayName, caFile, passwordStdin});
    int code = Success;
    if (!parseCommand(parser, ctx, addUsage, 1, 1, &code))
        return code;

    Core::AccountSettings s;
    s.name = parser.positionalArguments().first();
    s.address = parser.value(address);
    s.displayName = parser.value(displayName);
    s.incoming.host = parser.value(host);
    s.incoming.userName = parser.value(user);
    s.outgoing.host = parser.value(smtpHost);
    s.outgoing.userName = parser.value(smtpUser);
    if (parser.isSet(protocol)) {
        bool ok = false;
        s.protocol = Store::accountProtocolFromName(parser.value(protocol).toLower(), &ok);
        if (!ok)
            return ctx.fail(QStringLiteral("--protocol must be imap or pop3"), UsageError);
    }
    if (parser.isSet(security) && !Core::parseSecurity(parser.value(security), &s.incoming.security))
        return ctx.fail(QStringLiteral("--security must be tls, starttls or none"), UsageError);
    if (parser.isSet(smtpSecurity) && !Core::parseSecurity(parser.value(smtpSecurity), &s.outgoing.security))
        return ctx.fail(QStringLiteral("--smtp-security must be tls, starttls or none"), UsageError);
    if (parser.isSet(port) && !parsePort(parser.value(port), &s.incoming.port))
        return ctx.fail(QStringLiteral("--port must be a number from 1 to 65535"), UsageError);
    if (parser.isSet(smtpPort) && !parsePort(parser.value(smtpPort), &s.outgoing.port))
        return ctx.fail(QStringLiteral("--smtp-port must be a number from 1 to 65535"), UsageError);
    if (parser.isSet(caFile)) {
        const QFileInfo ca(parser.value(caFile));
        if (!ca.isFile() || !ca.isReadable())
            return ctx.fail(QStringLiteral("the CA file %1 cannot be read").arg(ca.filePath()));
        s.trustedCaFile = ca.absoluteFilePath();
    }
    if (s.incoming.security == Core::Security::None || s.outgoing.security == Core::Security::None)
        ctx.err << "petrel-cli: warning: TLS is turned off for this account; the password and mail "
                   "will cross the network unencrypted."
                << Qt::endl;

    std::optional<QString> password;
    if (parser.isSet(passwordStdin)) {
        password = readPasswordFromStdin();
        if (!password)
            return ctx.fail(QStringLiteral("--password-stdin was given but standard input held no password"),
                            UsageError);
    }

    CliProfile profile;
    if (!openProfile(ctx, &profile, &code))
        return code;
    const Core::AccountRegistry::Outcome outcome = profile.accounts->add(s, password);
    if (!outcome.ok)
        return ctx.fail(outcome.error);
    ctx.out << "added account " << s.name << " (id " << outcome.accountId << ")"
            << (password ? ", password stored in the system keychain" : "") << Qt::endl;
    return Success;
}

int accountList(CliContext &ctx)
{
    QCommandLineParser parser;
    const QCommandLineOption json(QStringLiteral("json"));
    parser.addOption(json);
    int code = Success;
    if (!parseCommand(parser, ctx, QStringLiteral("petrel-cli account list [--json]"), 0, 0, &code))
        return code;
    CliProfile profile;
    if (!openProfile(ctx, &profile, &code))
        return code;
    QList<Core::Account> accounts;
    try {
        accounts = profile.accounts->accounts();
    } catch (const Store::StoreError &e) {
        return ctx.fail(e.text());
    }
    if (parser.isSet(json)) {
        QJsonArray array;
        for (const Core::Account &a : accounts)
            array.append(accountJson(a));
        ctx.out << QJsonDocument(array).toJson(QJsonDocument::Indented);
        return Success;
    }
    for (const Core::Account &a : accounts) {
        const Core::AccountSettings &s = a.settings;
        ctx.out << s.name << "\t" << Store::accountProtocolName(s.protocol) << "\t" << s.address << "\t"
                << s.incoming.host << ":" << s.incomingPort() << " (" << Core::securityName(s.incoming.security)
                << ")" << Qt::endl;
    }
    return Success;
}

int accountRemove(CliContext &ctx)
{
    QCommandLineParser parser;
    int code = Success;
    if (!parseCommand(parser, ctx, QStringLiteral("petrel-cli account remove NAME"), 1, 1, &code))
        return code;
    CliProfile profile;
    if (!openProfile(ctx, &profile, &code))
        return code;
    const QString name = parser.positionalArguments().first();
    try {
        const Core::AccountRegistry::Outcome outcome = profile.accounts->remove(name);
        if (!outcome.ok)
            return ctx.fail(outcome.error);
    } catch (const Store::StoreError &e) {
        return ctx.fail(e.text());
    }
    ctx.out << "removed account " << name << Qt::endl;
    return Success;
}

} // namespace Petrel::Cli
