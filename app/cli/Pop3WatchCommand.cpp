#include "Pop3WatchCommand.h"

#include "CliProfile.h"
#include "MessageJsonLine.h"
#include "StopSignal.h"
#include "SyncCommand.h"

#include "accounts/CheckScheduler.h"
#include "store/StoreError.h"
#include "sync/pop3/Pop3Fetcher.h"

#include <QEventLoop>
#include <QPointer>

namespace Petrel::Cli {

namespace {

constexpr int FallbackIntervalSeconds = 10 * 60; // an account set to "manual" still gets checked

} // namespace

int watchPop3Account(CliContext &ctx, CliProfile &profile, const Core::Account &account, int intervalSeconds)
{
    const Core::AccountSettings &settings = account.settings;
    const QString &name = settings.name;
    int seconds = intervalSeconds;
    if (seconds <= 0)
        seconds = settings.checkIntervalMinutes > 0 ? settings.checkIntervalMinutes * 60 : FallbackIntervalSeconds;
    const Core::CredentialResult secret = profile.credentials.readSecretBlocking(settings.credentialKey);
    if (!secret.isOk())
        return ctx.fail(QStringLiteral("POP3 account '%1': no password in the system keychain: %2")
                            .arg(name, secret.errorString.isEmpty() ? QStringLiteral("not found") : secret.errorString));

    Core::CheckScheduler scheduler;
    QPointer<Core::Pop3Fetcher> running;
    bool stopping = false;
    QEventLoop loop;

    QObject::connect(&scheduler, &Core::CheckScheduler::checkDue, &loop, [&](qint64 accountId) {
        auto *fetcher = new Core::Pop3Fetcher(*profile.writer, accountId, &loop);
        running = fetcher;
        setUpPop3Fetcher(*fetcher, settings, secret.secret);
        QObject::connect(fetcher, &Core::Pop3Fetcher::stored, fetcher, [&](const QList<qint64> &ids) {
            for (qint64 id : ids) {
                try {
                    if (const std::optional<Store::MessageRow> m = profile.reader->message(id))
                        ctx.out << messageJsonLine(*m, name, QStringLiteral("INBOX")) << Qt::endl; // endl flushes
                } catch (const Store::StoreError &e) {
                    ctx.err << "petrel-cli: " << e.text() << Qt::endl;
                }
            }
        });
        QObject::connect(fetcher, &Core::Pop3Fetcher::finished, fetcher, [&, fetcher, accountId](const Core::Pop3FetchResult &r) {
            fetcher->deleteLater();
            for (const QString &warning : r.warnings)
                ctx.err << "watch: warning: " << warning << Qt::endl;
            if (r.isOk())
                ctx.err << "watch: checked: " << r.downloaded << " new, " << r.deletedOnServer
                        << " deleted on the server (" << r.onServer << " on the server); next check in " << seconds
                        << " s" << Qt::endl;
            else if (!stopping)
                ctx.err << "watch: check failed: " << r.message << "; next check in " << seconds << " s" << Qt::endl;
            scheduler.checkFinished(accountId);
            if (stopping)
                loop.quit();
        });
        fetcher->start();
    });

    StopSignal stopSignal;
    QObject::connect(&stopSignal, &StopSignal::stopRequested, &loop, [&](const QString &why) {
        ctx.err << "watch: " << why << ": stopping" << Qt::endl;
        stopping = true;
        scheduler.remove(account.id);
        if (running)
            running->abort(); // finished() follows and ends the loop
        else
            loop.quit();
    });

    ctx.err << "watch: " << name << ": checking now and every " << seconds << " s (stop with Ctrl+C)" << Qt::endl;
    scheduler.setInterval(account.id, std::chrono::seconds(seconds));
    scheduler.checkNow(account.id);
    loop.exec();
    return Success;
}

} // namespace Petrel::Cli
