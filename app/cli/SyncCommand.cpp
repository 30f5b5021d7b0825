#include "SyncCommand.h"

#include "CliProfile.h"
#include "CommandParser.h"

#include "store/StoreError.h"
#include "sync/pop3/Pop3Fetcher.h"

#include <QEventLoop>

namespace Petrel::Cli {

int syncAccount(CliContext &ctx)
{
    const QString usage = QStringLiteral("petrel-cli sync ACCOUNT [--quiet]");
    QCommandLineParser parser;
    const QCommandLineOption quiet(QStringLiteral("quiet"));
    parser.addOption(quiet);
    int code = Success;
    if (!parseCommand(parser, ctx, usage, 1, 1, &code))
        return code;

    CliProfile profile;
    if (!openProfile(ctx, &profile, &code))
        return code;
    const QString name = parser.positionalArguments().first();
    std::optional<Core::Account> account;
    try {
        account = profile.accounts->account(name);
    } catch (const Store::StoreError &e) {
        return ctx.fail(e.text());
    }
    if (!account)
        return ctx.fail(QStringLiteral("there is no account named '%1' (see 'account list')").arg(name));
    const Core::AccountSettings &settings = account->settings;
    if (settings.protocol != Core::IncomingProtocol::Pop3)
        return ctx.fail(QStringLiteral("'%1' is an IMAP account; petrel-cli can sync only POP3 accounts so far")
                            .arg(name));

    const Core::CredentialResult secret = profile.credentials.readSecretBlocking(settings.credentialKey);
    if (!secret.isOk())
        return ctx.fail(QStringLiteral("no password for '%1' in the system keychain: %2")
                            .arg(name, secret.errorString.isEmpty() ? QStringLiteral("not found") : secret.errorString));

    Core::Pop3Fetcher fetcher(*profile.writer, account->id);
    fetcher.setConnectionSettings(settings.incomingConnection());
    fetcher.setCredentials({settings.incomingUserName(), secret.secret, Pop3::Pop3Credentials::Method::Automatic});
    fetcher.setRetention(settings.pop3Retention);
    if (!parser.isSet(quiet)) {
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

} // namespace Petrel::Cli
