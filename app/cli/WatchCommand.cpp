#include "WatchCommand.h"

#include "CliProfile.h"
#include "CommandParser.h"
#include "MessageJsonLine.h"
#include "Pop3WatchCommand.h"
#include "StopSignal.h"

#include "store/StoreError.h"
#include "sync/imap/ImapAccountWatcher.h"

#include <QEventLoop>

namespace Petrel::Cli {

namespace {

constexpr int DefaultPollSeconds = 120;
constexpr int MaxPollSeconds = 24 * 60 * 60;

} // namespace

int watchAccount(CliContext &ctx)
{
    const QString usage = QStringLiteral("petrel-cli watch ACCOUNT [--folder FOLDER]... [--poll-seconds N]");
    QCommandLineParser parser;
    const QCommandLineOption folderOption(QStringLiteral("folder"), QStringLiteral("a folder to watch"),
                                          QStringLiteral("FOLDER"));
    const QCommandLineOption pollOption(QStringLiteral("poll-seconds"),
                                        QStringLiteral("how often to check a server without IDLE"), QStringLiteral("N"),
                                        QString::number(DefaultPollSeconds));
    parser.addOptions({folderOption, pollOption});
    int code = Success;
    if (!parseCommand(parser, ctx, usage, 1, 1, &code))
        return code;
    bool pollOk = false;
    const int pollSeconds = parser.value(pollOption).toInt(&pollOk);
    if (!pollOk || pollSeconds < 1 || pollSeconds > MaxPollSeconds)
        return ctx.fail(QStringLiteral("--poll-seconds must be from 1 to %1").arg(MaxPollSeconds), UsageError);

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
    if (settings.protocol == Core::IncomingProtocol::Pop3) {
        if (parser.isSet(folderOption))
            return ctx.fail(QStringLiteral("a POP3 account has one mailbox: --folder is for IMAP accounts"), UsageError);
        // Scheduled checks at the account's interval (--poll-seconds overrides it).
        return watchPop3Account(ctx, profile, *account, parser.isSet(pollOption) ? pollSeconds : 0);
    }
    QStringList folders = parser.values(folderOption);
    if (folders.isEmpty())
        folders = settings.imapWatchFolders;
    if (folders.isEmpty())
        folders = {QStringLiteral("INBOX")};
    folders.removeDuplicates();
    if (folders.size() > Core::AccountSettings::MaxWatchFolders)
        return ctx.fail(QStringLiteral("at most %1 folders can be watched at once").arg(Core::AccountSettings::MaxWatchFolders),
                        UsageError);
    const Core::CredentialResult secret = profile.credentials.readSecretBlocking(settings.credentialKey);
    if (!secret.isOk())
        return ctx.fail(QStringLiteral("IMAP account '%1': no password in the system keychain: %2")
                            .arg(name, secret.errorString.isEmpty() ? QStringLiteral("not found") : secret.errorString));

    Core::ImapAccountWatcher::Options options;
    options.folders = folders;
    options.offlinePolicy = settings.imapOffline;
    options.pollIntervalMs = pollSeconds * 1000;
    Core::ImapAccountWatcher watcher(*profile.writer, account->id, options);
    watcher.setConnectionSettings(settings.incomingConnection());
    watcher.setCredentials({settings.incomingUserName(), secret.secret});

    // stdout: one line per message that arrived while watching, for scripts. stderr: the rest.
    QObject::connect(&watcher, &Core::ImapAccountWatcher::changed, [&](const Core::ImapFolderChange &c) {
        if (c.initial) {
            ctx.err << "watch: " << c.folder << ": caught up: " << c.newMessageIds.size() << " new messages stored, "
                    << c.flagChanges << " flag changes, " << c.expunged << " expunged" << Qt::endl;
            return;
        }
        for (qint64 id : c.newMessageIds) {
            try {
                if (const std::optional<Store::MessageRow> m = profile.reader->message(id))
                    ctx.out << messageJsonLine(*m, name, c.folder) << Qt::endl; // endl flushes
            } catch (const Store::StoreError &e) {
                ctx.err << "petrel-cli: " << e.text() << Qt::endl;
            }
        }
        ctx.err << "watch: " << c.folder << ": " << c.newMessageIds.size() << " new, " << c.flagChanges
                << " flag changes, " << c.expunged << " expunged" << Qt::endl;
    });
    // Catch-ups come and go every poll; only the states a user cares about are printed, once each.
    QHash<QString, Core::ImapFolderWatcher::State> shown;
    QObject::connect(&watcher, &Core::ImapAccountWatcher::stateChanged,
                     [&](const QString &folder, Core::ImapFolderWatcher::State state, const QString &why) {
                         using State = Core::ImapFolderWatcher::State;
                         if (state == State::Connecting || state == State::Syncing || state == State::Stopping)
                             return;
                         if (shown.value(folder, State::Stopped) == state && state != State::Offline)
                             return;
                         shown.insert(folder, state);
                         ctx.err << "watch: " << folder << ": " << Core::ImapFolderWatcher::stateName(state);
                         if (state == State::Polling)
                             ctx.err << " every " << pollSeconds << " s (the server has no IDLE)";
                         if (state == State::Offline) {
                             for (const Core::ImapFolderWatcher *w : watcher.folders()) {
                                 if (w->folder() == folder)
                                     ctx.err << ": " << why << " (retrying in " << (w->retryDelayMs() + 999) / 1000
                                             << " s)";
                             }
                         }
                         ctx.err << Qt::endl;
                     });
    QObject::connect(&watcher, &Core::ImapAccountWatcher::alert,
                     [&](const QString &text) { ctx.err << "watch: the server says: " << text << Qt::endl; });

    QEventLoop loop;
    StopSignal stopSignal;
    QObject::connect(&stopSignal, &StopSignal::stopRequested, &watcher, [&](const QString &why) {
        ctx.err << "watch: " << why << ": logging out" << Qt::endl;
        watcher.stop();
    });
    QObject::connect(&watcher, &Core::ImapAccountWatcher::stopped, &loop, &QEventLoop::quit);
    ctx.err << "watch: " << name << ": " << folders.join(QStringLiteral(", ")) << " (stop with Ctrl+C)" << Qt::endl;
    watcher.start();
    loop.exec();
    return Success;
}

} // namespace Petrel::Cli
