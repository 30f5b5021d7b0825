#include "LocalActionCommands.h"

#include "CliProfile.h"
#include "CommandParser.h"

#include "store/StoreError.h"
#include "localmail/MailActions.h"

#include <QFile>

#include <functional>

namespace Petrel::Cli {

namespace {

bool parseId(const QString &text, qint64 *id)
{
    bool ok = false;
    *id = text.toLongLong(&ok);
    return ok && *id > 0;
}

int runAction(CliContext &ctx, const std::function<QString(Core::MailActions &)> &action)
{
    return runLocalAction(ctx, [&](Core::MailActions &a, Store::StoreReader &) { return action(a); });
}

// The largest message 'append' reads; far above what mail servers accept.
constexpr qint64 MaxAppendBytes = 256 * 1024 * 1024;

} // namespace

int runLocalAction(CliContext &ctx, const std::function<QString(Core::MailActions &, Store::StoreReader &)> &action)
{
    int code = Success;
    CliProfile profile;
    if (!openProfile(ctx, &profile, &code))
        return code;
    bool serverFollows = false;
    try {
        Core::MailActions actions(*profile.writer, *profile.reader);
        const QString why = action(actions, *profile.reader);
        if (!why.isEmpty())
            return ctx.fail(why);
        serverFollows = actions.serverFollows();
    } catch (const Store::StoreError &e) {
        return ctx.fail(e.text());
    }
    ctx.out << (serverFollows ? "done locally; the server follows on the next sync" : "done") << Qt::endl;
    return Success;
}

QString accountIdByName(Store::StoreReader &reader, const QString &name, qint64 *id)
{
    const std::optional<Store::AccountRow> account = reader.account(name);
    if (!account)
        return QStringLiteral("there is no account named '%1' (see 'account list')").arg(name);
    *id = account->id;
    return {};
}

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
    return runAction(ctx, [&](Core::MailActions &a) { return a.setFlags(id, add, remove); });
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
    return runAction(ctx, [&](Core::MailActions &a) { return a.move(id, folder); });
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
    return runAction(ctx, [&](Core::MailActions &a) { return a.remove(id); });
}

} // namespace Petrel::Cli

namespace Petrel::Cli {

int copyMessage(CliContext &ctx)
{
    QCommandLineParser parser;
    int code = Success;
    if (!parseCommand(parser, ctx, QStringLiteral("petrel-cli copy ID FOLDER"), 2, 2, &code))
        return code;
    qint64 id = 0;
    if (!parseId(parser.positionalArguments().first(), &id))
        return ctx.fail(QStringLiteral("ID must be a message id as 'list' shows it"), UsageError);
    const QString folder = parser.positionalArguments().at(1);
    return runAction(ctx, [&](Core::MailActions &a) { return a.copy(id, folder); });
}

int appendMessage(CliContext &ctx)
{
    QCommandLineParser parser;
    const QCommandLineOption seen(QStringLiteral("seen"));
    const QCommandLineOption flagged(QStringLiteral("flagged"));
    parser.addOptions({seen, flagged});
    int code = Success;
    if (!parseCommand(parser, ctx, QStringLiteral("petrel-cli append ACCOUNT FOLDER FILE.eml [--seen] [--flagged]"), 3,
                      3, &code))
        return code;
    const QStringList args = parser.positionalArguments();
    QFile file(args.at(2));
    if (!file.open(QIODevice::ReadOnly))
        return ctx.fail(QStringLiteral("cannot read %1: %2").arg(args.at(2), file.errorString()));
    if (file.size() > MaxAppendBytes)
        return ctx.fail(QStringLiteral("%1 is larger than %2 MiB").arg(args.at(2)).arg(MaxAppendBytes / 1024 / 1024));
    const QByteArray raw = file.readAll();
    Store::MessageFlags flags;
    if (parser.isSet(seen))
        flags |= Store::MessageFlag::Seen;
    if (parser.isSet(flagged))
        flags |= Store::MessageFlag::Flagged;
    return runLocalAction(ctx, [&](Core::MailActions &a, Store::StoreReader &reader) {
        qint64 accountId = 0;
        if (QString why = accountIdByName(reader, args.at(0), &accountId); !why.isEmpty())
            return why;
        qint64 newId = 0;
        const QString why = a.append(accountId, args.at(1), raw, flags, &newId);
        if (why.isEmpty())
            ctx.out << "stored as message " << newId << Qt::endl;
        return why;
    });
}

} // namespace Petrel::Cli
