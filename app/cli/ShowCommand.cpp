#include "ShowCommand.h"

#include "CliProfile.h"
#include "CommandParser.h"
#include "MessageFlagNames.h"

#include "mime/MessageParser.h"
#include "store/MessageFlag.h"
#include "store/StoreError.h"
#include "sync/imap/ImapBodyFetcher.h"

#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Petrel::Cli {

namespace {

QString isoDate(const QDateTime &date)
{
    return date.isValid() ? date.toUTC().toString(Qt::ISODate) : QString();
}

// Downloads the body of a headers-only IMAP message into the cache; empty on success, else why not.
QString downloadBody(CliProfile &profile, const Store::AccountRow &accountRow, qint64 messageId)
{
    const std::optional<Core::Account> account = profile.accounts->account(accountRow.name);
    if (!account || account->settings.protocol != Core::IncomingProtocol::Imap)
        return QStringLiteral("only its headers are in the cache, and its account cannot download bodies");
    const Core::AccountSettings &settings = account->settings;
    const Core::CredentialResult secret = profile.credentials.readSecretBlocking(settings.credentialKey);
    if (!secret.isOk())
        return QStringLiteral("downloading its body needs the password of '%1' from the system keychain: %2")
            .arg(settings.name, secret.errorString.isEmpty() ? QStringLiteral("not found") : secret.errorString);

    Core::ImapBodyFetcher fetcher(*profile.writer, {messageId});
    fetcher.setConnectionSettings(settings.incomingConnection());
    fetcher.setCredentials({settings.incomingUserName(), secret.secret});
    Core::ImapBodyFetchResult result;
    QEventLoop loop;
    QObject::connect(&fetcher, &Core::ImapBodyFetcher::finished, &loop, [&](const Core::ImapBodyFetchResult &r) {
        result = r;
        loop.quit();
    });
    fetcher.start();
    loop.exec();
    if (result.isOk())
        return QString();
    if (result.error == Core::ImapBodyFetchResult::Error::Gone)
        return result.message;
    return result.message + QStringLiteral(" (show --offline shows what is cached)");
}

} // namespace

int showMessage(CliContext &ctx)
{
    const QString usage = QStringLiteral("petrel-cli show ID [--json | --raw] [--offline]");
    QCommandLineParser parser;
    const QCommandLineOption json(QStringLiteral("json"));
    const QCommandLineOption raw(QStringLiteral("raw"));
    const QCommandLineOption offline(QStringLiteral("offline"));
    parser.addOptions({json, raw, offline});
    int code = Success;
    if (!parseCommand(parser, ctx, usage, 1, 1, &code))
        return code;
    if (parser.isSet(json) && parser.isSet(raw))
        return ctx.fail(QStringLiteral("--json and --raw exclude each other"), UsageError);
    bool idOk = false;
    const qint64 id = parser.positionalArguments().first().toLongLong(&idOk);
    if (!idOk || id <= 0)
        return ctx.fail(QStringLiteral("ID must be a message id as 'list' or 'import' show it"), UsageError);

    CliProfile profile;
    if (!openProfile(ctx, &profile, &code))
        return code;
    try {
        std::optional<Store::MessageRow> row = profile.reader->message(id);
        if (!row)
            return ctx.fail(QStringLiteral("there is no message %1 in this profile").arg(id));
        const std::optional<Store::FolderRow> folder = profile.reader->folder(row->folderId);
        const std::optional<Store::AccountRow> account =
            folder ? profile.reader->accountById(folder->accountId) : std::nullopt;
        std::optional<QByteArray> bytes = profile.reader->rawMessage(id);
        if (!bytes && !parser.isSet(offline) && account) {
            // Bodies on demand: the headers-only message is completed from the server first.
            const QString why = downloadBody(profile, *account, id);
            if (!why.isEmpty())
                return ctx.fail(QStringLiteral("message %1: %2").arg(id).arg(why));
            bytes = profile.reader->rawMessage(id);
            row = profile.reader->message(id); // has_body, preview and attachments changed
            if (!row)
                return ctx.fail(QStringLiteral("there is no message %1 in this profile").arg(id));
        }

        if (parser.isSet(raw)) {
            if (!bytes)
                return ctx.fail(QStringLiteral("message %1 has only its headers in the cache; run without "
                                               "--offline to download its body").arg(id));
            ctx.out.flush();
            QFile out;
            if (!out.open(stdout, QIODevice::WriteOnly) || out.write(*bytes) != bytes->size())
                return ctx.fail(QStringLiteral("could not write the message to standard output"));
            return Success;
        }

        const QList<Store::AttachmentRecord> attachments = profile.reader->attachments(id);
        Mime::ParsedMessage parsed;
        if (bytes)
            parsed = Mime::MessageParser::parse(*bytes).message;
        const QString body = bytes ? parsed.displayText() : row->preview;

        if (parser.isSet(json)) {
            QJsonArray attachmentArray;
            for (const Store::AttachmentRecord &a : attachments)
                attachmentArray.append(QJsonObject{{QStringLiteral("part"), a.partPath},
                                                   {QStringLiteral("fileName"), a.fileName},
                                                   {QStringLiteral("contentType"), a.contentType},
                                                   {QStringLiteral("size"), a.size},
                                                   {QStringLiteral("inline"), a.isInline}});
            QJsonObject o{{QStringLiteral("id"), row->id},
                          {QStringLiteral("account"), account ? account->name : QString()},
                          {QStringLiteral("folder"), folder ? folder->path : QString()},
                          {QStringLiteral("subject"), row->subject},
                          {QStringLiteral("from"), row->fromDisplay},
                          {QStringLiteral("fromAddress"), row->fromAddress},
                          {QStringLiteral("to"), row->to},
                          {QStringLiteral("cc"), row->cc},
                          {QStringLiteral("replyTo"), row->replyTo},
                          {QStringLiteral("date"), isoDate(row->date)},
                          {QStringLiteral("messageId"), row->messageId},
                          {QStringLiteral("inReplyTo"), row->inReplyTo},
                          {QStringLiteral("references"), QJsonArray::fromStringList(row->references)},
                          {QStringLiteral("flags"), QJsonArray::fromStringList(flagNames(row->flags))},
                          {QStringLiteral("size"), row->size},
                          {QStringLiteral("hasBody"), row->hasBody},
                          {QStringLiteral("attachments"), attachmentArray},
                          {QStringLiteral("text"), body}};
            if (bytes && !parsed.htmlBody.isEmpty())
                o.insert(QStringLiteral("html"), parsed.htmlBody);
            ctx.out << QJsonDocument(o).toJson(QJsonDocument::Indented);
            return Success;
        }

        auto header = [&ctx](const char *name, const QString &value) {
            if (!value.isEmpty())
                ctx.out << name << ": " << value << "\n";
        };
        header("Account", account ? account->name + QLatin1Char('/') + (folder ? folder->path : QString()) : QString());
        header("From", row->fromDisplay);
        header("To", row->to);
        header("Cc", row->cc);
        header("Reply-To", row->replyTo);
        header("Date", isoDate(row->date));
        header("Subject", row->subject);
        header("Message-ID", row->messageId);
        header("Flags", flagNames(row->flags).join(QStringLiteral(", ")));
        for (const Store::AttachmentRecord &a : attachments)
            ctx.out << "Attachment: " << (a.fileName.isEmpty() ? QStringLiteral("(unnamed)") : a.fileName) << " ("
                    << a.contentType << ", " << a.size << " bytes, part " << a.partPath << ")\n";
        ctx.out << "\n" << body;
        if (!body.endsWith(QLatin1Char('\n')))
            ctx.out << "\n";
        if (!bytes)
            ctx.out << "[only the headers are in the cache; the body has not been downloaded"
                    << (parser.isSet(offline) ? "; run show without --offline to download it]\n" : "]\n");
        ctx.out.flush();
    } catch (const Store::StoreError &e) {
        return ctx.fail(e.text());
    }
    return Success;
}

} // namespace Petrel::Cli
