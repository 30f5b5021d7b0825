#include "ImapSyncCommand.h"

#include "CliProfile.h"

#include "sync/imap/ImapSyncEngine.h"

#include <QEventLoop>

namespace Petrel::Cli {

int syncImapAccount(CliContext &ctx, CliProfile &profile, const Core::Account &account, bool quiet)
{
    const Core::AccountSettings &settings = account.settings;
    const QString &name = settings.name;
    const Core::CredentialResult secret = profile.credentials.readSecretBlocking(settings.credentialKey);
    if (!secret.isOk())
        return ctx.fail(QStringLiteral("IMAP account '%1': no password in the system keychain: %2")
                            .arg(name, secret.errorString.isEmpty() ? QStringLiteral("not found") : secret.errorString));

    Core::ImapSyncEngine engine(*profile.writer, account.id);
    engine.setConnectionSettings(settings.incomingConnection());
    engine.setCredentials({settings.incomingUserName(), secret.secret});
    engine.setOfflinePolicy(settings.imapOffline);
    if (!quiet) {
        // Counts on stderr as it goes; stdout stays one summary line for scripts.
        QObject::connect(&engine, &Core::ImapSyncEngine::progressed, [&ctx](const Core::ImapSyncProgress &p) {
            ctx.err << "sync: folder " << p.folderIndex << " of " << p.folderCount << " (" << p.folder << "): "
                    << p.fetched << " of " << p.toFetch
                    << (p.phase == Core::ImapSyncProgress::Phase::Bodies ? " bodies" : " new messages") << Qt::endl;
        });
    }
    Core::ImapSyncResult result;
    QEventLoop loop;
    QObject::connect(&engine, &Core::ImapSyncEngine::finished, &loop, [&](const Core::ImapSyncResult &r) {
        result = r;
        loop.quit();
    });
    engine.start();
    loop.exec();

    for (const QString &warning : std::as_const(result.warnings))
        ctx.err << "petrel-cli: warning: " << warning << Qt::endl;
    ctx.out << "synced " << name << ": " << result.folders << " folders (" << result.foldersAdded << " new, "
            << result.foldersRemoved << " removed), " << result.newMessages << " new messages (" << result.withBody
            << " with body), " << result.bodiesCompleted << " bodies of cached messages, " << result.flagChanges << " flag changes, " << result.expunged << " expunged, "
            << result.replayed << " local changes sent" << Qt::endl;
    if (!result.isOk())
        return ctx.fail(QStringLiteral("IMAP account '%1': %2").arg(name, result.message));
    return Success;
}

} // namespace Petrel::Cli
