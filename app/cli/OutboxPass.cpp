#include "OutboxPass.h"

#include "CliProfile.h"
#include "ImapSyncCommand.h"

#include "send/AccountOutboxSender.h"
#include "store/StoreError.h"

#include <QEventLoop>

#include <memory>

namespace Petrel::Cli {

bool runOutboxPass(CliContext &ctx, CliProfile &profile, const Core::Account &account, Core::OutboxRunResult *out)
{
    const Core::AccountSettings &settings = account.settings;
    const QString &name = settings.name;
    const Core::CredentialResult secret = profile.credentials.readSecretBlocking(settings.credentialKey);
    if (!secret.isOk()) {
        ctx.fail(QStringLiteral("account '%1': no password in the system keychain: %2; the messages stay in "
                                       "the outbox")
                            .arg(name, secret.errorString.isEmpty() ? QStringLiteral("not found") : secret.errorString));
        return false;
    }

    std::unique_ptr<Core::OutboxSender> owned(
        Core::createAccountOutboxSender(*profile.writer, account.id, settings, secret.secret));
    Core::OutboxSender &sender = *owned;
    int done = 0;
    QObject::connect(&sender, &Core::OutboxSender::messageDone,
                     [&](qint64 id, Store::OutboxState state, const QString &text) {
                         ++done;
                         ctx.err << "send: " << name << ": message " << id << " " << Store::outboxStateName(state);
                         if (!text.isEmpty())
                             ctx.err << ": " << text;
                         ctx.err << " (" << done << " done)" << Qt::endl;
                     });
    Core::OutboxRunResult result;
    QEventLoop loop;
    QObject::connect(&sender, &Core::OutboxSender::finished, &loop, [&](const Core::OutboxRunResult &r) {
        result = r;
        loop.quit();
    });
    sender.start();
    loop.exec();

    for (const QString &warning : std::as_const(result.warnings))
        ctx.err << "petrel-cli: warning: " << warning << Qt::endl;
    ctx.out << "outbox " << name << ": " << result.sent << " sent, " << result.resolvedFromSent
            << " found in Sent, " << result.retryLater << " to retry, " << result.failed << " failed, "
            << result.unknown << " unknown" << Qt::endl;

    if (settings.protocol == Core::IncomingProtocol::Imap && result.sent > 0
        && settings.saveSentCopy) {
        // The Sent copies are local so far; one sync pass appends them. Sending already succeeded.
        CliContext syncCtx{ctx.profileDir, {}, ctx.err, ctx.err};
        if (syncImapAccount(syncCtx, profile, account, true) != Success)
            ctx.err << "petrel-cli: warning: the Sent copy stays local until the next sync" << Qt::endl;
    }
    *out = result;
    return true;
}

} // namespace Petrel::Cli
