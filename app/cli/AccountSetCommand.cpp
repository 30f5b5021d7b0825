#include "AccountSetCommand.h"

#include "CliProfile.h"
#include "CommandParser.h"

#include "accounts/AccountUpdate.h"
#include "localmail/ProtocolSwitch.h"
#include "store/StoreError.h"


namespace Petrel::Cli {

namespace {

const QString setUsage = QStringLiteral(
    "petrel-cli account set ACCOUNT KEY=VALUE... (keys: pop3.retention=leave|delete-after-days:N|"
    "delete-on-local-delete|delete-after-download, check-interval=MINUTES, imap.offline=inbox|all|days:N|none, "
    "imap.watch=FOLDER[,FOLDER...], smtp.save-sent=true|false, protocol=imap|pop3, incoming.host=HOST, "
    "incoming.port=N, incoming.security=tls|starttls|none, incoming.username=USER)");

// Applies one KEY=VALUE; false with *error when the key or value is not acceptable.
bool applySetting(Core::AccountSettings &s, const QString &assignment, QString *error)
{
    const qsizetype eq = assignment.indexOf(QLatin1Char('='));
    if (eq <= 0) {
        *error = QStringLiteral("'%1' is not KEY=VALUE").arg(assignment.left(80));
        return false;
    }
    const QString key = assignment.left(eq).trimmed();
    const QString value = assignment.mid(eq + 1).trimmed();
    if (key == QLatin1String("protocol")) {
        if (value == QLatin1String("imap"))
            s.protocol = Core::IncomingProtocol::Imap;
        else if (value == QLatin1String("pop3"))
            s.protocol = Core::IncomingProtocol::Pop3;
        else {
            *error = QStringLiteral("protocol must be imap or pop3");
            return false;
        }
        return true;
    }
    if (key == QLatin1String("incoming.host")) {
        s.incoming.host = value; // validate() checks it
        return true;
    }
    if (key == QLatin1String("incoming.port")) {
        bool ok = false;
        const int port = value.toInt(&ok);
        if (!ok || port < 0 || port > 65535) {
            *error = QStringLiteral("incoming.port must be 0 (the protocol's default) to 65535");
            return false;
        }
        s.incoming.port = quint16(port);
        return true;
    }
    if (key == QLatin1String("incoming.security")) {
        if (!Core::parseSecurity(value, &s.incoming.security)) {
            *error = QStringLiteral("incoming.security must be tls, starttls or none");
            return false;
        }
        return true;
    }
    if (key == QLatin1String("incoming.username")) {
        s.incoming.userName = value;
        return true;
    }
    if (key == QLatin1String("pop3.retention")) {
        if (s.protocol != Core::IncomingProtocol::Pop3) {
            *error = QStringLiteral("pop3.retention applies to POP3 accounts only");
            return false;
        }
        return Core::Pop3Retention::parse(value, &s.pop3Retention, error);
    }
    if (key == QLatin1String("check-interval")) {
        bool ok = false;
        const int minutes = value.toInt(&ok);
        if (!ok || minutes < 0 || minutes > Core::AccountSettings::MaxCheckIntervalMinutes) {
            *error = QStringLiteral("check-interval must be 0 (manual) to %1 minutes")
                         .arg(Core::AccountSettings::MaxCheckIntervalMinutes);
            return false;
        }
        s.checkIntervalMinutes = minutes;
        return true;
    }
    if (key == QLatin1String("imap.offline") || key == QLatin1String("imap.watch")) {
        if (s.protocol != Core::IncomingProtocol::Imap) {
            *error = QStringLiteral("%1 applies to IMAP accounts only").arg(key);
            return false;
        }
        if (key == QLatin1String("imap.offline"))
            return Core::ImapOfflinePolicy::parse(value, &s.imapOffline, error);
        QStringList folders;
        for (const QString &f : value.split(QLatin1Char(','), Qt::SkipEmptyParts))
            folders.append(f.trimmed());
        s.imapWatchFolders = folders; // validate() checks count and names
        return true;
    }
    if (key == QLatin1String("smtp.save-sent")) {
        if (value != QLatin1String("true") && value != QLatin1String("false")) {
            *error = QStringLiteral("smtp.save-sent must be true or false (false where the server files sent mail "
                                    "in Sent itself)");
            return false;
        }
        s.saveSentCopy = value == QLatin1String("true");
        return true;
    }
    *error = QStringLiteral("unknown setting '%1' (usage: %2)").arg(key.left(80), setUsage);
    return false;
}

} // namespace

int accountSet(CliContext &ctx)
{
    QCommandLineParser parser;
    int code = Success;
    if (!parseCommand(parser, ctx, setUsage, 2, -1, &code))
        return code;
    CliProfile profile;
    if (!openProfile(ctx, &profile, &code))
        return code;
    const QStringList args = parser.positionalArguments();
    const QString name = args.first();
    try {
        std::optional<Core::Account> account = profile.accounts->account(name);
        if (!account)
            return ctx.fail(QStringLiteral("there is no account named '%1' (see 'account list')").arg(name));
        Core::AccountSettings &s = account->settings;
        const Core::IncomingProtocol oldProtocol = s.protocol;
        for (const QString &assignment : args.mid(1)) {
            QString error;
            if (!applySetting(s, assignment, &error))
                return ctx.fail(error, UsageError);
        }
        // The archive a POP3 account holds is kept across a protocol switch (and back again).
        const Core::AccountUpdate::Outcome outcome =
            Core::AccountUpdate::apply(*profile.writer, *profile.reader, account->id, s);
        if (!outcome.ok)
            return ctx.fail(outcome.error);
        if (s.protocol != oldProtocol) {
            ctx.out << "switched account " << name << " to "
                    << (s.protocol == Core::IncomingProtocol::Imap
                            ? QStringLiteral("IMAP; the messages downloaded by POP3 are kept in the local folder '%1'")
                                  .arg(QLatin1String(Core::ProtocolSwitch::ArchiveRoot))
                            : QStringLiteral("POP3; the IMAP cache was dropped (the server keeps that mail) and the "
                                             "POP3 archive is back in its folders"))
                    << Qt::endl;
            return Success;
        }
        ctx.out << "updated account " << name << ": pop3.retention=" << s.pop3Retention.toString()
                << ", check-interval=" << s.checkIntervalMinutes
                << ", smtp.save-sent=" << (s.saveSentCopy ? "true" : "false");
        if (s.protocol == Core::IncomingProtocol::Imap)
            ctx.out << ", imap.offline=" << s.imapOffline.toString() << ", imap.watch=" << s.imapWatchFolders.join(QLatin1Char(','));
        ctx.out << Qt::endl;
    } catch (const Store::StoreError &e) {
        return ctx.fail(e.text());
    }
    return Success;
}

} // namespace Petrel::Cli
