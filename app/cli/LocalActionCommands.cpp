#include "LocalActionCommands.h"

#include "CliProfile.h"
#include "CommandParser.h"

#include "store/StoreError.h"
#include "sync/imap/ImapLocalActions.h"

#include <functional>

namespace Petrel::Cli {

namespace {

bool parseId(const QString &text, qint64 *id)
{
    bool ok = false;
    *id = text.toLongLong(&ok);
    return ok && *id > 0;
}

// Opens the profile and runs one action; the action returns "" or why it refused.
int runAction(CliContext &ctx, const std::function<QString(Core::ImapLocalActions &)> &action)
{
    int code = Success;
    CliProfile profile;
    if (!openProfile(ctx, &profile, &code))
        return code;
    try {
        Core::ImapLocalActions actions(*profile.writer, *profile.reader);
        const QString why = action(actions);
        if (!why.isEmpty())
            return ctx.fail(why);
    } catch (const Store::StoreError &e) {
        return ctx.fail(e.text());
    }
    ctx.out << "done locally; the server follows on the next sync" << Qt::endl;
    return Success;
}

} // namespace

int flagMessage(CliContext &ctx)
{
    const QString usage = QStringLiteral("petrel-cli flag ID +seen|-seen|+flagged|-flagged...");
    // "-seen" looks like an option to QCommandLineParser, so these arguments are read by hand.
    if (ctx.arguments.size() < 2)
        return ctx.fail(QStringLiteral("usage: ") + usage, UsageError);
    qint64 id = 0;
    if (!parseId(ctx.arguments.first(), &id))
        return ctx.fail(QStringLiteral("ID must be a message id as 'list' shows it"), UsageError);
    Store::MessageFlags add, remove;
    for (const QString &change : ctx.arguments.mid(1)) {
        Store::MessageFlag flag;
        const QString name = change.mid(1);
        if (name == QLatin1String("seen"))
            flag = Store::MessageFlag::Seen;
        else if (name == QLatin1String("flagged"))
            flag = Store::MessageFlag::Flagged;
        else
            return ctx.fail(QStringLiteral("unknown flag change '%1'; usage: %2").arg(change, usage), UsageError);
        if (change.startsWith(QLatin1Char('+')))
            add |= flag;
        else if (change.startsWith(QLatin1Char('-')))
            remove |= flag;
        else
            return ctx.fail(QStringLiteral("a flag change starts with + or -: '%1'").arg(change), UsageError);
    }
    if (add & remove)
        return ctx.fail(QStringLiteral("a flag cannot be both set and cleared"), UsageError);
    return runAction(ctx, [&](Core::ImapLocalActions &a) { return a.setFlags(id, add, remove); });
}

int moveMessage(CliContext &ctx)
{
    QCommandLineParser parser;
    int code = Success;
    if (!parseCommand(parser, ctx, QStringLiteral("petrel-cli move ID FOLDER"), 2, 2, &code))
        return code;
    qint64 id = 0;
    if (!parseId(parser.positionalArguments().first(), &id))
        return ctx.fail(QStringLiteral("ID must be a message id as 'list' shows it"), UsageError);
    const QString folder = parser.positionalArguments().at(1);
    return runAction(ctx, [&](Core::ImapLocalActions &a) { return a.move(id, folder); });
}

int deleteMessage(CliContext &ctx)
{
    QCommandLineParser parser;
    int code = Success;
    if (!parseCommand(parser, ctx, QStringLiteral("petrel-cli delete ID"), 1, 1, &code))
        return code;
    qint64 id = 0;
    if (!parseId(parser.positionalArguments().first(), &id))
        return ctx.fail(QStringLiteral("ID must be a message id as 'list' shows it"), UsageError);
    return runAction(ctx, [&](Core::ImapLocalActions &a) { return a.remove(id); });
}

} // namespace Petrel::Cli
