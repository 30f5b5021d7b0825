#include "mime/ReplyBuilder.h"

#include "mime/FileNameSanitizer.h"
#include "mime/HeaderEncoder.h"
#include "mime/MessageParser.h"

#include <QLocale>
#include <QRegularExpression>

namespace Petrel::Mime {

namespace {

// Decoded header text may hold control characters (an encoded CR, say) that no header may carry.
QString oneLine(const QString &text)
{
    QString out = text;
    for (QChar &c : out) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7F)
            c = QLatin1Char(' ');
    }
    return out;
}

MailAddressList oneLine(MailAddressList list)
{
    for (MailAddress &address : list) {
        address.name = oneLine(address.name);
        address.address = oneLine(address.address);
    }
    return list;
}

bool startsWithPrefix(const QString &subject, const QRegularExpression &prefix)
{
    return prefix.match(subject.trimmed()).hasMatch();
}

QString nameOf(const MailAddressList &list)
{
    if (list.isEmpty())
        return QStringLiteral("Unknown sender");
    return list.first().name.isEmpty() ? list.first().address : list.first().name;
}

QString displayList(const MailAddressList &list)
{
    QStringList shown;
    for (const MailAddress &address : list)
        shown.append(address.toDisplayString());
    return shown.join(QStringLiteral(", "));
}

QString shownDate(const QDateTime &date)
{
    return QLocale::c().toString(date.toLocalTime(), QStringLiteral("ddd, d MMM yyyy 'at' hh:mm"));
}

bool isOwn(const MailAddress &address, const QStringList &own)
{
    for (const QString &mine : own) {
        if (address.address.compare(mine, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

// Appends what is neither own nor already present in `seen` (compared case-insensitively).
void appendRecipients(MailAddressList *out, const MailAddressList &from, const QStringList &own, QStringList *seen)
{
    for (const MailAddress &address : from) {
        const QString key = address.address.toLower();
        QString unusable;
        // A name without an address, or garbage from a broken header, cannot be answered.
        if (!Detail::normalizedAddress(address.address, &unusable) || isOwn(address, own) || seen->contains(key))
            continue;
        seen->append(key);
        out->append(address);
    }
}

// An id the composer can write back: broken ones from the wild are left out rather than refused.
bool isUsableId(const QString &id)
{
    if (id.isEmpty() || !id.contains(QLatin1Char('@')))
        return false;
    for (const QChar c : id) {
        if (c.unicode() <= 0x20 || c.unicode() >= 0x7F || c == QLatin1Char('<') || c == QLatin1Char('>'))
            return false;
    }
    return true;
}

QByteArray withoutMboxLine(const QByteArray &raw)
{
    if (!raw.startsWith("From "))
        return raw;
    const qsizetype eol = raw.indexOf('\n');
    return eol < 0 ? QByteArray() : raw.mid(eol + 1);
}

bool parseOriginal(const QByteArray &raw, ParsedMessage *out, QString *error)
{
    const ParseResult result = MessageParser::parse(raw);
    if (!result.isOk()) {
        *error = QStringLiteral("The original message cannot be read: %1").arg(result.errorString);
        return false;
    }
    *out = result.message;
    Envelope &envelope = out->envelope;
    envelope.subject = oneLine(envelope.subject);
    envelope.from = oneLine(envelope.from);
    envelope.replyTo = oneLine(envelope.replyTo);
    envelope.to = oneLine(envelope.to);
    envelope.cc = oneLine(envelope.cc);
    return true;
}

} // namespace

QString ReplyBuilder::replySubject(const QString &subject)
{
    static const QRegularExpression prefix(QStringLiteral("^re(\\[\\d+\\])?\\s*:"), QRegularExpression::CaseInsensitiveOption);
    const QString trimmed = subject.trimmed();
    return startsWithPrefix(trimmed, prefix) ? trimmed : QString(QStringLiteral("Re: ") + trimmed);
}

QString ReplyBuilder::forwardSubject(const QString &subject)
{
    static const QRegularExpression prefix(QStringLiteral("^fwd?\\s*:"), QRegularExpression::CaseInsensitiveOption);
    const QString trimmed = subject.trimmed();
    return startsWithPrefix(trimmed, prefix) ? trimmed : QString(QStringLiteral("Fwd: ") + trimmed);
}

QStringList ReplyBuilder::replyReferences(const Envelope &original, int maxIds)
{
    QStringList ids;
    for (const QString &id : original.references) {
        if (isUsableId(id))
            ids.append(id);
    }
    if (ids.isEmpty() && isUsableId(original.inReplyTo))
        ids.append(original.inReplyTo);
    if (isUsableId(original.messageId) && (ids.isEmpty() || ids.last() != original.messageId))
        ids.append(original.messageId);
    if (maxIds >= 2 && ids.size() > maxIds)
        ids = QStringList{ids.first()} + ids.mid(ids.size() - (maxIds - 1));
    return ids;
}

QString ReplyBuilder::quote(const QString &text)
{
    QString normalized = text;
    normalized.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    while (normalized.endsWith(QLatin1Char('\n')))
        normalized.chop(1);
    QStringList lines = normalized.split(QLatin1Char('\n'));
    for (QString &line : lines) {
        const bool bare = line.isEmpty() || line.startsWith(QLatin1Char('>'));
        line = (bare ? QStringLiteral(">") : QStringLiteral("> ")) + line;
    }
    return lines.join(QLatin1Char('\n'));
}

DraftResult ReplyBuilder::reply(const QByteArray &raw, const MailAddress &identity, ReplyMode mode,
                                const QStringList &ownAddresses)
{
    DraftResult result;
    ParsedMessage original;
    if (!parseOriginal(raw, &original, &result.error))
        return result;
    const Envelope &envelope = original.envelope;
    QStringList own = ownAddresses;
    own.append(identity.address);

    OutgoingMessage &reply = result.message;
    reply.from = identity;
    reply.subject = replySubject(envelope.subject);
    const bool sentByMe = !envelope.from.isEmpty() && isOwn(envelope.from.first(), own);
    const MailAddressList primary = sentByMe ? envelope.to : (envelope.replyTo.isEmpty() ? envelope.from : envelope.replyTo);
    QStringList seen;
    if (mode == ReplyMode::All) {
        appendRecipients(&reply.to, primary, own, &seen);
        appendRecipients(&reply.to, envelope.to, own, &seen);
        appendRecipients(&reply.cc, envelope.cc, own, &seen);
    } else {
        appendRecipients(&reply.to, primary, {}, &seen);
    }
    if (reply.to.isEmpty() && reply.cc.isEmpty())
        reply.to = primary; // a message to oneself is answered to oneself

    reply.inReplyTo = isUsableId(envelope.messageId) ? envelope.messageId : QString();
    reply.references = replyReferences(envelope);

    const QString who = nameOf(envelope.from);
    const QString attribution = envelope.date.isValid()
        ? QStringLiteral("On %1, %2 wrote:").arg(shownDate(envelope.date), who)
        : QStringLiteral("%1 wrote:").arg(who);
    reply.textBody = attribution + QLatin1Char('\n') + quote(original.displayText()) + QLatin1Char('\n');
    return result;
}

DraftResult ReplyBuilder::forwardInline(const QByteArray &raw, const MailAddress &identity)
{
    DraftResult result;
    ParsedMessage original;
    if (!parseOriginal(raw, &original, &result.error))
        return result;
    const Envelope &envelope = original.envelope;
    OutgoingMessage &forward = result.message;
    forward.from = identity;
    forward.subject = forwardSubject(envelope.subject);

    QString summary = QStringLiteral("---------- Forwarded message ----------\n");
    summary += QStringLiteral("From: ") + displayList(envelope.from) + QLatin1Char('\n');
    if (envelope.date.isValid())
        summary += QStringLiteral("Date: ") + shownDate(envelope.date) + QLatin1Char('\n');
    summary += QStringLiteral("Subject: ") + envelope.subject + QLatin1Char('\n');
    if (!envelope.to.isEmpty())
        summary += QStringLiteral("To: ") + displayList(envelope.to) + QLatin1Char('\n');
    if (!envelope.cc.isEmpty())
        summary += QStringLiteral("Cc: ") + displayList(envelope.cc) + QLatin1Char('\n');
    forward.textBody = QString(QStringLiteral("\n\n") + summary + QLatin1Char('\n') + original.displayText());

    for (const AttachmentInfo &info : std::as_const(original.attachments)) {
        const std::optional<QByteArray> data = MessageParser::partContent(raw, info.partPath);
        if (!data) {
            result.error = QStringLiteral("The attachment \"%1\" of the original cannot be read.").arg(info.fileName);
            return result;
        }
        const QString name = info.fileName.isEmpty() ? QStringLiteral("attachment") : sanitizeFileName(info.fileName);
        forward.attachments.append(OutgoingAttachment{name, info.contentType, *data});
    }
    return result;
}

DraftResult ReplyBuilder::forwardAsAttachment(const QByteArray &raw, const MailAddress &identity)
{
    DraftResult result;
    ParsedMessage original;
    if (!parseOriginal(raw, &original, &result.error))
        return result;
    OutgoingMessage &forward = result.message;
    forward.from = identity;
    forward.subject = forwardSubject(original.envelope.subject);
    const QString stem = original.envelope.subject.trimmed().left(100);
    const QString name = sanitizeFileName(QString((stem.isEmpty() ? QStringLiteral("message") : stem) + QStringLiteral(".eml")));
    forward.attachments.append(OutgoingAttachment{name, QStringLiteral("message/rfc822"), withoutMboxLine(raw)});
    return result;
}

} // namespace Petrel::Mime
