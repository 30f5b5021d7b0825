#include "OutboxCommands.h"

#include "CliProfile.h"
#include "CommandParser.h"
#include "OutboxPass.h"

#include "mime/MessageParser.h"
#include "store/OutboxStore.h"
#include "store/StoreError.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Petrel::Cli {

namespace {

QString subjectOf(Store::StoreReader &reader, qint64 id)
{
    const std::optional<QByteArray> raw = reader.outboxRaw(id);
    return raw ? Mime::MessageParser::parseHeadersOnly(*raw).subject : QString();
}

QString timeText(const QDateTime &t)
{
    return t.isValid() && t.toMSecsSinceEpoch() > 0 ? t.toUTC().toString(Qt::ISODate) : QString();
}

bool parseOutboxId(const CliContext &ctx, const QString &usage, qint64 *id, int *code)
{
    QCommandLineParser parser;
    if (!parseCommand(parser, ctx, usage, 1, 1, code))
        return false;
    bool ok = false;
    *id = parser.positionalArguments().first().toLongLong(&ok);
    if (!ok || *id <= 0) {
        *code = ctx.fail(QStringLiteral("ID must be an outbox id as 'outbox' shows it"), UsageError);
        return false;
    }
    return true;
}

} // namespace

int outboxList(CliContext &ctx)
{
    QCommandLineParser parser;
    const QCommandLineOption json(QStringLiteral("json"));
    parser.addOption(json);
    int code = Success;
    if (!parseCommand(parser, ctx, QStringLiteral("petrel-cli outbox [ACCOUNT] [--json]"), 0, 1, &code))
        return code;
    CliProfile profile;
    if (!openProfile(ctx, &profile, &code))
        return code;
    try {
        QList<Store::OutboxRow> rows;
        QHash<qint64, QString> accountNames;
        for (const Store::AccountRow &a : profile.reader->accounts())
            accountNames.insert(a.id, a.name);
        if (parser.positionalArguments().isEmpty()) {
            rows = profile.reader->outbox();
        } else {
            const QString name = parser.positionalArguments().first();
            const std::optional<Store::AccountRow> account = profile.reader->account(name);
            if (!account)
                return ctx.fail(QStringLiteral("there is no account named '%1' (see 'account list')").arg(name));
            rows = profile.reader->outbox(account->id);
        }
        QJsonArray list;
        for (const Store::OutboxRow &r : std::as_const(rows)) {
            const QString subject = subjectOf(*profile.reader, r.id);
            if (parser.isSet(json)) {
                list.append(QJsonObject{{QStringLiteral("id"), r.id},
                                        {QStringLiteral("account"), accountNames.value(r.accountId)},
                                        {QStringLiteral("state"), Store::outboxStateName(r.state)},
                                        {QStringLiteral("attempts"), r.attempts},
                                        {QStringLiteral("lastError"), r.lastError},
                                        {QStringLiteral("nextAttempt"), timeText(r.nextAttemptAt)},
                                        {QStringLiteral("messageId"), r.messageIdHeader},
                                        {QStringLiteral("subject"), subject},
                                        {QStringLiteral("recipients"), QJsonArray::fromStringList(r.recipients)},
                                        {QStringLiteral("size"), r.size}});
                continue;
            }
            ctx.out << r.id << "\t" << accountNames.value(r.accountId) << "\t" << Store::outboxStateName(r.state)
                    << "\tattempts " << r.attempts;
            if (const QString next = timeText(r.nextAttemptAt); !next.isEmpty() && r.state == Store::OutboxState::Queued)
                ctx.out << "\tnext " << next;
            ctx.out << "\t" << subject << "\tto " << r.recipients.join(QStringLiteral(", "));
            if (!r.lastError.isEmpty())
                ctx.out << "\tlast error: " << r.lastError;
            ctx.out << Qt::endl;
        }
        if (parser.isSet(json))
            ctx.out << QJsonDocument(list).toJson(QJsonDocument::Indented);
        else if (rows.isEmpty())
            ctx.out << "the outbox is empty" << Qt::endl;
    } catch (const Store::StoreError &e) {
        return ctx.fail(e.text());
    }
    return Success;
}

int outboxRetry(CliContext &ctx)
{
    int code = Success;
    qint64 id = 0;
    if (!parseOutboxId(ctx, QStringLiteral("petrel-cli outbox retry ID"), &id, &code))
        return code;
    CliProfile profile;
    if (!openProfile(ctx, &profile, &code))
        return code;
    try {
        if (!Store::OutboxStore(profile.writer->database()).retry(id))
            return ctx.fail(QStringLiteral("outbox message %1 is not waiting, failed or unknown (see 'outbox')").arg(id));
    } catch (const Store::StoreError &e) {
        return ctx.fail(e.text());
    }
    ctx.out << "message " << id << " is due now; 'outbox send' sends it" << Qt::endl;
    return Success;
}

int outboxRemove(CliContext &ctx)
{
    int code = Success;
    qint64 id = 0;
    if (!parseOutboxId(ctx, QStringLiteral("petrel-cli outbox remove ID"), &id, &code))
        return code;
    CliProfile profile;
    if (!openProfile(ctx, &profile, &code))
        return code;
    try {
        if (!Store::OutboxStore(profile.writer->database()).remove(id))
            return ctx.fail(QStringLiteral("outbox message %1 is not there or is being sent right now").arg(id));
    } catch (const Store::StoreError &e) {
        return ctx.fail(e.text());
    }
    ctx.out << "removed message " << id << " from the outbox" << Qt::endl;
    return Success;
}

int outboxSend(CliContext &ctx)
{
    QCommandLineParser parser;
    int code = Success;
    if (!parseCommand(parser, ctx, QStringLiteral("petrel-cli outbox send [ACCOUNT...]"), 0, -1, &code))
        return code;
    CliProfile profile;
    if (!openProfile(ctx, &profile, &code))
        return code;
    try {
        QList<Core::Account> accounts;
        if (parser.positionalArguments().isEmpty()) {
            accounts = profile.accounts->accounts();
        } else {
            for (const QString &name : parser.positionalArguments()) {
                const std::optional<Core::Account> a = profile.accounts->account(name);
                if (!a)
                    return ctx.fail(QStringLiteral("there is no account named '%1' (see 'account list')").arg(name));
                accounts.append(*a);
            }
        }
        int result = Success;
        for (const Core::Account &account : std::as_const(accounts)) {
            const QList<Store::OutboxRow> rows = profile.reader->outbox(account.id);
            if (rows.isEmpty())
                continue;
            // The user asked to send now: what waits for its next attempt is due at once.
            Store::OutboxStore outbox(profile.writer->database());
            for (const Store::OutboxRow &row : rows) {
                if (row.state == Store::OutboxState::Queued)
                    outbox.retry(row.id);
            }
            Core::OutboxRunResult r;
            if (!runOutboxPass(ctx, profile, account, &r)) {
                result = Failure;
                continue;
            }
            if (!r.isOk()) {
                ctx.fail(QStringLiteral("account '%1': %2; the messages stay in the outbox").arg(account.settings.name,
                                                                                                   r.message));
                result = Failure;
            } else if (r.failed > 0 || r.unknown > 0) {
                ctx.fail(QStringLiteral("account '%1': not every message was delivered (see 'outbox')")
                             .arg(account.settings.name));
                result = Failure;
            }
        }
        return result;
    } catch (const Store::StoreError &e) {
        return ctx.fail(e.text());
    }
}

} // namespace Petrel::Cli
