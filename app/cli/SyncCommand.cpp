#include "SyncCommand.h"

#include "CliProfile.h"
#include "CommandParser.h"
#include "ImapSyncCommand.h"

#include "store/StoreError.h"
#include "sync/pop3/Pop3Fetcher.h"

#include <QEventLoop>

namespace Petrel::Cli {

namespace {

int syncPop3(CliContext &ctx, CliProfile &profile, const Core::Account &account, bool quiet)
{
    const Core::AccountSettings &settings = account.settings;
    const QString &name = settings.name;
    const Core::CredentialResult secret = profile.credentials.readSecretBlocking(settings.credentialKey);
    if (!secret.isOk())
        return ctx.fail(QStringLiteral("no password for '%1' in the system keychain: %2")
                            .arg(name, secret.errorString.isEmpty() ? QStringLiteral("not found") : secret.errorString));

    Core::Pop3Fetcher fetcher(*profile.writer, account.id);
    setUpPop3Fetcher(fetcher, settings, secret.secret);
    if (!quiet) {
        // Counts on stderr as it goes; stdout stays one summary line for scripts.
        QObject::connect(&fetcher, &Core::Pop3Fetcher::progressed, [&ctx](const Core::Pop3FetchProgress &p) {
            ctx.err << "sync: " << p.done << " of " << p.total << " new messages, " << p.bytesDone << " of "
                    << p.bytesTotal << " bytes, " << p.downloaded << " stored" << Qt::endl;
        });
    }
    Core::Pop3FetchResult result;
    QEventLoop loop;
    QObject::connect(&fetcher, &Core::Pop3Fetcher::finished, &loop, [&](const Core::Pop3FetchResult &r) {
        result = r;
        loop.quit();
    });
    fetcher.start();
    loop.exec();

    for (const QString &warning : std::as_const(result.warnings))
        ctx.err << "petrel-cli: warning: " << warning << Qt::endl;
    ctx.out << "synced " << name << ": " << result.downloaded << " downloaded, " << result.alreadyArchived
            << " already archived, " << result.skipped << " skipped, " << result.deletedOnServer
            << " deleted on server (" << result.onServer << " on server)" << Qt::endl;
    if (!result.isOk())
        return ctx.fail(result.message);
    return Success;
}

} // namespace

void setUpPop3Fetcher(Core::Pop3Fetcher &fetcher, const Core::AccountSettings &settings, const QString &password)
{
    fetcher.setConnectionSettings(settings.incomingConnection());
    fetcher.setCredentials({settings.incomingUserName(), password, Pop3::Pop3Credentials::Method::Automatic});
    fetcher.setRetention(settings.pop3Retention);
}

int syncAccount(CliContext &ctx)
{
    const QString usage = QStringLiteral("petrel-cli sync [ACCOUNT...] [--quiet]");
    QCommandLineParser parser;
    const QCommandLineOption quiet(QStringLiteral("quiet"));
    parser.addOption(quiet);
    int code = Success;
    if (!parseCommand(parser, ctx, usage, 0, 1000, &code))
        return code;

    CliProfile profile;
    if (!openProfile(ctx, &profile, &code))
        return code;
    QList<Core::Account> accounts;
    try {
        if (parser.positionalArguments().isEmpty()) {
            accounts = profile.accounts->accounts();
            if (accounts.isEmpty())
                return ctx.fail(QStringLiteral("there are no accounts to sync (see 'account add')"));
        }
        for (const QString &name : parser.positionalArguments()) {
            const std::optional<Core::Account> account = profile.accounts->account(name);
            if (!account)
                return ctx.fail(QStringLiteral("there is no account named '%1' (see 'account list')").arg(name));
            accounts.append(*account);
        }
    } catch (const Store::StoreError &e) {
        return ctx.fail(e.text());
    }

    int failures = 0;
    for (const Core::Account &account : std::as_const(accounts)) {
        const int result = account.settings.protocol == Core::IncomingProtocol::Pop3
                               ? syncPop3(ctx, profile, account, parser.isSet(quiet))
                               : syncImapAccount(ctx, profile, account, parser.isSet(quiet));
        if (result != Success)
            ++failures;
    }
    return failures ? Failure : Success;
}

} // namespace Petrel::Cli
