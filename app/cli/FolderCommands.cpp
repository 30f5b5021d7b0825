#include "FolderCommands.h"

#include "CliProfile.h"
#include "CommandParser.h"
#include "MessageFlagNames.h"

#include "store/StoreError.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Petrel::Cli {

namespace {

constexpr int DefaultLimit = 50;

std::optional<Store::AccountRow> findAccount(CliContext &ctx, CliProfile &profile, const QString &name, int *code)
{
    std::optional<Store::AccountRow> account = profile.reader->account(name);
    if (!account)
        *code = ctx.fail(QStringLiteral("there is no account named '%1' (see 'account list')").arg(name));
    return account;
}

QString flagLetters(Store::MessageFlags flags)
{
    QString s;
    s += flags.testFlag(Store::MessageFlag::Seen) ? QLatin1Char(' ') : QLatin1Char('N');
    s += flags.testFlag(Store::MessageFlag::Flagged) ? QLatin1Char('F') : QLatin1Char(' ');
    s += flags.testFlag(Store::MessageFlag::Answered) ? QLatin1Char('R') : QLatin1Char(' ');
    return s;
}

} // namespace

int listFolders(CliContext &ctx)
{
    const QString usage = QStringLiteral("petrel-cli folders ACCOUNT [--json]");
    QCommandLineParser parser;
    const QCommandLineOption json(QStringLiteral("json"));
    parser.addOption(json);
    int code = Success;
    if (!parseCommand(parser, ctx, usage, 1, 1, &code))
        return code;
    CliProfile profile;
    if (!openProfile(ctx, &profile, &code))
        return code;
    try {
        const auto account = findAccount(ctx, profile, parser.positionalArguments().first(), &code);
        if (!account)
            return code;
        const QList<Store::FolderRow> folders = profile.reader->folders(account->id);
        if (parser.isSet(json)) {
            QJsonArray array;
            for (const Store::FolderRow &f : folders)
                array.append(QJsonObject{{QStringLiteral("id"), f.id},
                                         {QStringLiteral("path"), f.path},
                                         {QStringLiteral("name"), f.displayName},
                                         {QStringLiteral("role"), Store::folderRoleName(f.role)},
                                         {QStringLiteral("total"), f.totalCount},
                                         {QStringLiteral("unread"), f.unreadCount},
                                         {QStringLiteral("subscribed"), f.subscribed},
                                         {QStringLiteral("localOnly"), f.localOnly}});
            ctx.out << QJsonDocument(array).toJson(QJsonDocument::Indented);
            return Success;
        }
        for (const Store::FolderRow &f : folders)
            ctx.out << f.path << '\t' << Store::folderRoleName(f.role) << '\t' << f.totalCount << " messages, "
                    << f.unreadCount << " unread" << (f.subscribed ? "" : "\tnot subscribed")
                    << (f.localOnly ? "\tlocal only" : "") << Qt::endl;
    } catch (const Store::StoreError &e) {
        return ctx.fail(e.text());
    }
    return Success;
}

int listMessages(CliContext &ctx)
{
    const QString usage = QStringLiteral("petrel-cli list ACCOUNT FOLDER [--json] [--limit N]");
    QCommandLineParser parser;
    const QCommandLineOption json(QStringLiteral("json"));
    const QCommandLineOption limit(QStringLiteral("limit"), QStringLiteral("at most N messages"), QStringLiteral("N"),
                                   QString::number(DefaultLimit));
    parser.addOptions({json, limit});
    int code = Success;
    if (!parseCommand(parser, ctx, usage, 2, 2, &code))
        return code;
    bool limitOk = false;
    const int max = parser.value(limit).toInt(&limitOk);
    if (!limitOk || max < 1 || max > Store::StoreReader::MaxPageSize)
        return ctx.fail(QStringLiteral("--limit must be from 1 to %1").arg(Store::StoreReader::MaxPageSize), UsageError);
    CliProfile profile;
    if (!openProfile(ctx, &profile, &code))
        return code;
    try {
        const auto account = findAccount(ctx, profile, parser.positionalArguments().at(0), &code);
        if (!account)
            return code;
        const QString path = parser.positionalArguments().at(1);
        std::optional<Store::FolderRow> folder;
        for (const Store::FolderRow &f : profile.reader->folders(account->id)) {
            if (f.path == path)
                folder = f;
        }
        if (!folder)
            return ctx.fail(QStringLiteral("account '%1' has no folder '%2' (see 'folders %1')").arg(account->name, path));
        const QList<Store::MessageSummary> page = profile.reader->messages(folder->id, max);
        if (parser.isSet(json)) {
            QJsonArray array;
            for (const Store::MessageSummary &m : page)
                array.append(QJsonObject{{QStringLiteral("id"), m.id},
                                         {QStringLiteral("date"), m.date.isValid() ? m.date.toUTC().toString(Qt::ISODate) : QString()},
                                         {QStringLiteral("from"), m.fromDisplay},
                                         {QStringLiteral("fromAddress"), m.fromAddress},
                                         {QStringLiteral("subject"), m.subject},
                                         {QStringLiteral("flags"), QJsonArray::fromStringList(flagNames(m.flags))},
                                         {QStringLiteral("size"), m.size},
                                         {QStringLiteral("hasBody"), m.hasBody},
                                         {QStringLiteral("hasAttachments"), m.hasAttachments}});
            ctx.out << QJsonDocument(array).toJson(QJsonDocument::Indented);
            return Success;
        }
        for (const Store::MessageSummary &m : page)
            ctx.out << m.id << '\t' << flagLetters(m.flags) << '\t'
                    << (m.date.isValid() ? m.date.toUTC().toString(Qt::ISODate) : QString()) << '\t' << m.fromDisplay
                    << '\t' << m.subject << Qt::endl;
    } catch (const Store::StoreError &e) {
        return ctx.fail(e.text());
    }
    return Success;
}

} // namespace Petrel::Cli
