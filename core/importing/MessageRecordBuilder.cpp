#include "MessageRecordBuilder.h"

#include "store/FolderRow.h"

namespace Petrel::Core {

namespace {

QString joinAddresses(const Mime::MailAddressList &list)
{
    QStringList parts;
    parts.reserve(list.size());
    for (const Mime::MailAddress &a : list)
        parts.append(a.toDisplayString());
    return parts.join(QStringLiteral(", "));
}

} // namespace

Store::MessageRecord buildMessageRecord(const QByteArray &raw, const Mime::ParsedMessage &parsed)
{
    const Mime::Envelope &env = parsed.envelope;
    Store::MessageRecord r;
    r.subject = env.subject;
    if (!env.from.isEmpty()) {
        r.fromDisplay = env.from.first().toDisplayString();
        r.fromAddress = env.from.first().address;
    }
    r.to = joinAddresses(env.to);
    r.cc = joinAddresses(env.cc);
    r.replyTo = joinAddresses(env.replyTo);
    r.date = env.date;
    r.messageId = env.messageId;
    r.inReplyTo = env.inReplyTo;
    r.references = env.references;
    r.hasAttachments = parsed.hasAttachments();
    r.raw = raw;
    r.size = raw.size();
    r.bodyText = parsed.displayText();
    for (const Mime::AttachmentInfo &info : parsed.attachments) {
        Store::AttachmentRecord a;
        a.partPath = info.partPath;
        a.fileName = info.fileName;
        a.contentType = info.contentType;
        a.size = info.size;
        a.contentId = info.contentId;
        a.isInline = info.isInline;
        r.attachments.append(a);
    }
    return r;
}

Store::FolderRole roleForFolderName(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("inbox"))
        return Store::FolderRole::Inbox;
    if (n == QLatin1String("sent") || n == QLatin1String("sent items") || n == QLatin1String("sent mail"))
        return Store::FolderRole::Sent;
    if (n == QLatin1String("drafts"))
        return Store::FolderRole::Drafts;
    if (n == QLatin1String("trash") || n == QLatin1String("deleted items"))
        return Store::FolderRole::Trash;
    if (n == QLatin1String("junk") || n == QLatin1String("spam"))
        return Store::FolderRole::Junk;
    if (n == QLatin1String("archive"))
        return Store::FolderRole::Archive;
    return Store::FolderRole::None;
}

} // namespace Petrel::Core
