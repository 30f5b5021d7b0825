#include "SendCommand.h"

#include "CliProfile.h"
#include "CommandParser.h"
#include "OutboxPass.h"

#include "mime/MessageComposer.h"
#include "mime/MessageIdGenerator.h"
#include "send/DraftSaver.h"
#include "store/OutboxStore.h"
#include "store/StoreError.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

namespace Petrel::Cli {

namespace {

const QString sendUsage = QStringLiteral(
    "petrel-cli send --account NAME --to ADDR [--to ...] [--cc ADDR]... [--bcc ADDR]... --subject TEXT "
    "(--body TEXT | --body-file FILE) [--html-file FILE] [--attach FILE]... [--queue-only] "
    "[--draft [--replace-draft ID]]");

// Far above what submission servers take; the server's SIZE decides what goes out.
constexpr qint64 MaxMessageBytes = 200 * 1024 * 1024;

// "Name <addr>" or a bare address. The composer checks the address itself.
Mime::MailAddress parseAddress(const QString &text)
{
    static const QRegularExpression named(QStringLiteral("^\\s*(.*?)\\s*<([^<>]*)>\\s*$"));
    const QRegularExpressionMatch m = named.match(text);
    if (!m.hasMatch())
        return {QString(), text.trimmed()};
    QString name = m.captured(1);
    if (name.size() >= 2 && name.startsWith(QLatin1Char('"')) && name.endsWith(QLatin1Char('"')))
        name = name.mid(1, name.size() - 2);
    return {name, m.captured(2).trimmed()};
}

Mime::MailAddressList parseAddresses(const QStringList &texts)
{
    Mime::MailAddressList out;
    for (const QString &t : texts)
        out.append(parseAddress(t));
    return out;
}

bool readFile(const QString &path, QByteArray *data, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    if (file.size() > MaxMessageBytes) {
        *error = QStringLiteral("%1 is larger than %2 MiB").arg(path).arg(MaxMessageBytes / 1024 / 1024);
        return false;
    }
    *data = file.readAll();
    return true;
}

} // namespace

int sendMessage(CliContext &ctx)
{
    QCommandLineParser parser;
    const QCommandLineOption accountOpt(QStringLiteral("account"), QStringLiteral("account"), QStringLiteral("NAME"));
    const QCommandLineOption toOpt(QStringLiteral("to"), QStringLiteral("recipient"), QStringLiteral("ADDR"));
    const QCommandLineOption ccOpt(QStringLiteral("cc"), QStringLiteral("copy"), QStringLiteral("ADDR"));
    const QCommandLineOption bccOpt(QStringLiteral("bcc"), QStringLiteral("blind copy"), QStringLiteral("ADDR"));
    const QCommandLineOption subjectOpt(QStringLiteral("subject"), QStringLiteral("subject"), QStringLiteral("TEXT"));
    const QCommandLineOption bodyOpt(QStringLiteral("body"), QStringLiteral("text"), QStringLiteral("TEXT"));
    const QCommandLineOption bodyFileOpt(QStringLiteral("body-file"), QStringLiteral("text"), QStringLiteral("FILE"));
    const QCommandLineOption htmlFileOpt(QStringLiteral("html-file"), QStringLiteral("html"), QStringLiteral("FILE"));
    const QCommandLineOption attachOpt(QStringLiteral("attach"), QStringLiteral("file"), QStringLiteral("FILE"));
    const QCommandLineOption queueOnlyOpt(QStringLiteral("queue-only"));
    const QCommandLineOption draftOpt(QStringLiteral("draft"));
    const QCommandLineOption replaceOpt(QStringLiteral("replace-draft"), QStringLiteral("draft"), QStringLiteral("ID"));
    parser.addOptions({accountOpt, toOpt, ccOpt, bccOpt, subjectOpt, bodyOpt, bodyFileOpt, htmlFileOpt, attachOpt,
                       queueOnlyOpt, draftOpt, replaceOpt});
    int code = Success;
    if (!parseCommand(parser, ctx, sendUsage, 0, 0, &code))
        return code;
    const bool draft = parser.isSet(draftOpt);
    if (!parser.isSet(accountOpt))
        return ctx.fail(QStringLiteral("--account is required; usage: ") + sendUsage, UsageError);
    if (!draft && parser.values(toOpt).isEmpty() && parser.values(ccOpt).isEmpty() && parser.values(bccOpt).isEmpty())
        return ctx.fail(QStringLiteral("at least one --to, --cc or --bcc is required"), UsageError);
    if (!parser.isSet(subjectOpt) && !draft)
        return ctx.fail(QStringLiteral("--subject is required (it may be empty: --subject \"\")"), UsageError);
    if (parser.isSet(bodyOpt) == parser.isSet(bodyFileOpt) && !draft)
        return ctx.fail(QStringLiteral("give the text with exactly one of --body and --body-file"), UsageError);
    if (parser.isSet(bodyOpt) && parser.isSet(bodyFileOpt))
        return ctx.fail(QStringLiteral("give the text with only one of --body and --body-file"), UsageError);
    if (parser.isSet(replaceOpt) && !draft)
        return ctx.fail(QStringLiteral("--replace-draft goes with --draft"), UsageError);
    if (draft && parser.isSet(queueOnlyOpt))
        return ctx.fail(QStringLiteral("--queue-only and --draft do not go together"), UsageError);
    qint64 replaces = 0;
    if (parser.isSet(replaceOpt)) {
        bool ok = false;
        replaces = parser.value(replaceOpt).toLongLong(&ok);
        if (!ok || replaces <= 0)
            return ctx.fail(QStringLiteral("--replace-draft needs a message id as 'send --draft' printed it"),
                            UsageError);
    }

    Mime::OutgoingMessage message;
    message.to = parseAddresses(parser.values(toOpt));
    message.cc = parseAddresses(parser.values(ccOpt));
    message.bcc = parseAddresses(parser.values(bccOpt));
    message.subject = parser.value(subjectOpt);
    QString error;
    if (parser.isSet(bodyFileOpt)) {
        QByteArray text;
        if (!readFile(parser.value(bodyFileOpt), &text, &error))
            return ctx.fail(error);
        message.textBody = QString::fromUtf8(text);
    } else {
        message.textBody = parser.value(bodyOpt);
    }
    if (parser.isSet(htmlFileOpt)) {
        QByteArray html;
        if (!readFile(parser.value(htmlFileOpt), &html, &error))
            return ctx.fail(error);
        message.htmlBody = QString::fromUtf8(html);
    }
    for (const QString &path : parser.values(attachOpt)) {
        Mime::OutgoingAttachment attachment;
        if (!readFile(path, &attachment.data, &error))
            return ctx.fail(error);
        attachment.fileName = QFileInfo(path).fileName();
        message.attachments.append(attachment);
    }

    CliProfile profile;
    if (!openProfile(ctx, &profile, &code))
        return code;
    const QString name = parser.value(accountOpt);
    try {
        const std::optional<Core::Account> account = profile.accounts->account(name);
        if (!account)
            return ctx.fail(QStringLiteral("there is no account named '%1' (see 'account list')").arg(name));
        const Core::AccountSettings &settings = account->settings;
        message.from = {settings.displayName, settings.address};
        // Made once, here: every attempt and the Sent copy carry the same id.
        message.messageId = Mime::generateMessageId(settings.address);
        Mime::ComposeLimits limits;
        limits.maxMessageBytes = MaxMessageBytes;
        const Mime::ComposeResult composed = Mime::MessageComposer::compose(message, limits);
        if (!composed.isOk())
            return ctx.fail(QStringLiteral("cannot compose the message: %1").arg(composed.error));

        if (draft) {
            Core::DraftSaver saver(*profile.writer, *profile.reader);
            qint64 id = 0;
            const QString why = saver.save(account->id, composed.raw, replaces, &id);
            if (id > 0)
                ctx.out << "saved draft " << id << Qt::endl;
            if (!why.isEmpty())
                return ctx.fail(why);
            if (settings.protocol == Core::IncomingProtocol::Imap)
                ctx.err << "the Drafts folder on the server follows on the next sync" << Qt::endl;
            return Success;
        }

        Store::OutboxStore outbox(profile.writer->database());
        const qint64 id =
            outbox.enqueue(account->id, message.messageId, settings.address, composed.envelopeRecipients, composed.raw);
        ctx.err << "queued message " << id << " <" << message.messageId << "> for "
                << composed.envelopeRecipients.size() << " recipients" << Qt::endl;
        if (parser.isSet(queueOnlyOpt)) {
            ctx.out << "queued " << id << Qt::endl;
            return Success;
        }
        Core::OutboxRunResult result;
        if (!runOutboxPass(ctx, profile, *account, &result))
            return Failure;
        const std::optional<Store::OutboxRow> row = profile.reader->outboxMessage(id);
        if (!row || row->state == Store::OutboxState::Sent) {
            ctx.out << "sent " << id << " <" << message.messageId << ">" << Qt::endl;
            return Success;
        }
        QString why = row->lastError.isEmpty() ? result.message : row->lastError;
        if (why.isEmpty())
            why = QStringLiteral("it was not sent in this pass");
        return ctx.fail(QStringLiteral("message %1 not sent (%2): %3; it stays in the outbox (see 'outbox')")
                            .arg(id)
                            .arg(Store::outboxStateName(row->state), why));
    } catch (const Store::StoreError &e) {
        return ctx.fail(e.text());
    }
}

} // namespace Petrel::Cli
