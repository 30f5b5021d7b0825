#include "FolderActionCommands.h"

#include "CommandParser.h"
#include "LocalActionCommands.h"

#include "store/StoreReader.h"
#include "localmail/MailActions.h"

#include <functional>

namespace Petrel::Cli {

namespace {

using FolderAction = std::function<QString(Core::MailActions &, qint64 accountId, const QStringList &args)>;

// Parses "ACCOUNT PATH..." (positional arguments after the account) and runs the action.
int runFolderAction(CliContext &ctx, const QString &usage, int paths, const FolderAction &action)
{
    QCommandLineParser parser;
    int code = Success;
    if (!parseCommand(parser, ctx, usage, 1 + paths, 1 + paths, &code))
        return code;
    const QStringList args = parser.positionalArguments();
    return runLocalAction(ctx, [&](Core::MailActions &a, Store::StoreReader &reader) {
        qint64 accountId = 0;
        if (QString why = accountIdByName(reader, args.first(), &accountId); !why.isEmpty())
            return why;
        return action(a, accountId, args.mid(1));
    });
}

} // namespace

int folderCreate(CliContext &ctx)
{
    return runFolderAction(ctx, QStringLiteral("petrel-cli folder create ACCOUNT PATH"), 1,
                           [](Core::MailActions &a, qint64 account, const QStringList &p) {
                               return a.createFolder(account, p.at(0));
                           });
}

int folderRename(CliContext &ctx)
{
    return runFolderAction(ctx, QStringLiteral("petrel-cli folder rename ACCOUNT OLD NEW"), 2,
                           [](Core::MailActions &a, qint64 account, const QStringList &p) {
                               return a.renameFolder(account, p.at(0), p.at(1));
                           });
}

int folderDelete(CliContext &ctx)
{
    return runFolderAction(ctx, QStringLiteral("petrel-cli folder delete ACCOUNT PATH"), 1,
                           [](Core::MailActions &a, qint64 account, const QStringList &p) {
                               return a.deleteFolder(account, p.at(0));
                           });
}

int folderSubscribe(CliContext &ctx)
{
    return runFolderAction(ctx, QStringLiteral("petrel-cli folder subscribe ACCOUNT PATH"), 1,
                           [](Core::MailActions &a, qint64 account, const QStringList &p) {
                               return a.setSubscribed(account, p.at(0), true);
                           });
}

int folderUnsubscribe(CliContext &ctx)
{
    return runFolderAction(ctx, QStringLiteral("petrel-cli folder unsubscribe ACCOUNT PATH"), 1,
                           [](Core::MailActions &a, qint64 account, const QStringList &p) {
                               return a.setSubscribed(account, p.at(0), false);
                           });
}

} // namespace Petrel::Cli
