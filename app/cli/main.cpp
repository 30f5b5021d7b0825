// petrel-cli: the headless driver of Petrel's core, for scripts, tests and benchmarks.
#include "AccountCommands.h"
#include "AccountSetCommand.h"
#include "FolderActionCommands.h"
#include "FolderCommands.h"
#include "CliContext.h"
#include "ImportCommand.h"
#include "LocalActionCommands.h"
#include "OutboxCommands.h"
#include "PetrelVersion.h"
#include "SendCommand.h"
#include "ShowCommand.h"
#include "SyncCommand.h"
#include "WatchCommand.h"
#include "credentials/CoreDumps.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QStandardPaths>
#include <QTextStream>

#include <functional>

using namespace Petrel::Cli;

namespace {

const char usageText[] =
    "usage: petrel-cli [--profile DIR] COMMAND [ARGS]\n"
    "\n"
    "Commands:\n"
    "  account add NAME --address ADDR --host HOST [--protocol imap|pop3] [--port N]\n"
    "              [--security tls|starttls|none] [--username USER] [--smtp-host HOST]\n"
    "              [--smtp-port N] [--smtp-security tls|starttls|none] [--smtp-username USER]\n"
    "              [--display-name TEXT] [--ca-file PEM] [--password-stdin]\n"
    "  account list [--json]\n"
    "  account remove NAME\n"
    "  account set NAME KEY=VALUE...   (pop3.retention=leave|delete-after-days:N|\n"
    "              delete-on-local-delete|delete-after-download, check-interval=MINUTES,\n"
    "              imap.offline=..., imap.watch=..., smtp.save-sent=true|false)\n"
    "  append ACCOUNT FOLDER FILE.eml [--seen] [--flagged]   (stores one message in an IMAP\n"
    "              folder; the server follows on the next sync)\n"
    "  copy ID FOLDER   (the server follows on the next sync)\n"
    "  delete ID   (to Trash; the server follows on the next sync)\n"
    "  flag ID +seen|-seen|+flagged|-flagged...   (the server follows on the next sync)\n"
    "  folder create|delete|subscribe|unsubscribe ACCOUNT PATH\n"
    "  folder rename ACCOUNT OLD NEW   (IMAP folder actions; the server follows on the next sync)\n"
    "  folders ACCOUNT [--json]   (role, counts and whether subscribed)\n"
    "  import PATH --account NAME --folder FOLDER   (a .eml file, an mbox file or a maildir)\n"
    "  list ACCOUNT FOLDER [--json] [--limit N]   (newest first, from the local cache)\n"
    "  move ID FOLDER   (the server follows on the next sync)\n"
    "  outbox [ACCOUNT] [--json]   (messages waiting, failed or unknown, with the server's last words)\n"
    "  outbox retry ID | outbox remove ID\n"
    "  outbox send [ACCOUNT...]   (sends what is due; resumes after a crash)\n"
    "  send --account NAME --to ADDR [--to ...] [--cc ADDR]... [--bcc ADDR]... --subject TEXT\n"
    "              (--body TEXT | --body-file FILE) [--html-file FILE] [--attach FILE]...\n"
    "              [--queue-only]   (queued in the outbox first, then sent; a copy goes to Sent)\n"
    "              [--draft [--replace-draft ID]]   (saves a draft instead; prints its id)\n"
    "  show ID [--json | --raw] [--offline]   (a body not yet downloaded is fetched first,\n"
    "              unless --offline)\n"
    "  sync [ACCOUNT...] [--quiet]   (all accounts when none is named: POP3 downloads new mail\n"
    "              into the archive; IMAP does one full sync pass of every folder)\n"
    "  watch ACCOUNT [--folder FOLDER]... [--poll-seconds N]   (IMAP: stays connected, with IDLE\n"
    "              or polling every N seconds (default 120) where the server lacks IDLE, until\n"
    "              Ctrl+C/SIGTERM; one JSON line per new message on stdout; folders default to\n"
    "              the account's watched folders, INBOX. POP3: a check now and then every N seconds,\n"
    "              default the account's check-interval, else 10 minutes)\n"
    "\n"
    "Options:\n"
    "  --profile DIR   the profile to use (default: the platform's application data folder)\n"
    "  --verbose       log what the core does on stderr\n"
    "  --version       print the version\n"
    "  --help          print this help\n";

struct Command
{
    QStringList words;  // e.g. {"account", "add"}
    std::function<int(CliContext &)> run;
};

} // namespace

int main(int argc, char *argv[])
{
    Petrel::Core::disableCoreDumps(); // before any password is in memory
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral(PETREL_APPLICATION_NAME));
    QCoreApplication::setOrganizationDomain(QStringLiteral(PETREL_ORGANIZATION_DOMAIN));
    QCoreApplication::setApplicationVersion(QStringLiteral(PETREL_VERSION_STRING));

    // stderr carries progress and errors for scripts; the modules' informational logging is
    // there with --verbose.
    if (!app.arguments().contains(QLatin1String("--verbose")))
        QLoggingCategory::setFilterRules(QStringLiteral("petrel.*.info=false\npetrel.*.debug=false"));

    QTextStream out(stdout);
    QTextStream err(stderr);

    // --profile is global and may stand anywhere, so scripts can append it.
    QStringList args = app.arguments().mid(1);
    QString profileDir;
    for (qsizetype i = 0; i < args.size();) {
        const QString &a = args.at(i);
        if (a == QLatin1String("--profile")) {
            if (i + 1 >= args.size()) {
                err << "petrel-cli: --profile needs a directory" << Qt::endl;
                return UsageError;
            }
            profileDir = args.at(i + 1);
            args.remove(i, 2);
        } else if (a == QLatin1String("--verbose")) {
            args.remove(i);
        } else if (a.startsWith(QLatin1String("--profile="))) {
            profileDir = a.mid(10);
            args.remove(i);
        } else {
            ++i;
        }
    }
    if (profileDir.isEmpty())
        profileDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);

    if (args.isEmpty() || args.first() == QLatin1String("--help") || args.first() == QLatin1String("-h")
        || args.first() == QLatin1String("help")) {
        (args.isEmpty() ? err : out) << usageText;
        return args.isEmpty() ? UsageError : Success;
    }
    if (args.first() == QLatin1String("--version") || args.first() == QLatin1String("-v")) {
        out << "petrel-cli " << PETREL_VERSION_STRING << " (Qt " << qVersion() << ")" << Qt::endl;
        return Success;
    }

    const QList<Command> commands = {
        {{QStringLiteral("account"), QStringLiteral("add")}, accountAdd},
        {{QStringLiteral("account"), QStringLiteral("list")}, accountList},
        {{QStringLiteral("account"), QStringLiteral("remove")}, accountRemove},
        {{QStringLiteral("account"), QStringLiteral("set")}, accountSet},
        {{QStringLiteral("append")}, appendMessage},
        {{QStringLiteral("copy")}, copyMessage},
        {{QStringLiteral("delete")}, deleteMessage},
        {{QStringLiteral("flag")}, flagMessage},
        {{QStringLiteral("folder"), QStringLiteral("create")}, folderCreate},
        {{QStringLiteral("folder"), QStringLiteral("delete")}, folderDelete},
        {{QStringLiteral("folder"), QStringLiteral("rename")}, folderRename},
        {{QStringLiteral("folder"), QStringLiteral("subscribe")}, folderSubscribe},
        {{QStringLiteral("folder"), QStringLiteral("unsubscribe")}, folderUnsubscribe},
        {{QStringLiteral("folders")}, listFolders},
        {{QStringLiteral("import")}, importMessages},
        {{QStringLiteral("list")}, listMessages},
        {{QStringLiteral("move")}, moveMessage},
        {{QStringLiteral("outbox"), QStringLiteral("retry")}, outboxRetry},
        {{QStringLiteral("outbox"), QStringLiteral("remove")}, outboxRemove},
        {{QStringLiteral("outbox"), QStringLiteral("send")}, outboxSend},
        {{QStringLiteral("outbox")}, outboxList},
        {{QStringLiteral("send")}, sendMessage},
        {{QStringLiteral("show")}, showMessage},
        {{QStringLiteral("sync")}, syncAccount},
        {{QStringLiteral("watch")}, watchAccount},
    };
    for (const Command &command : commands) {
        if (args.size() >= command.words.size() && args.mid(0, command.words.size()) == command.words) {
            CliContext ctx{profileDir, args.mid(command.words.size()), out, err};
            return command.run(ctx);
        }
    }
    err << "petrel-cli: unknown command '" << args.join(QLatin1Char(' ')).left(80)
        << "' (see petrel-cli --help)" << Qt::endl;
    return UsageError;
}
