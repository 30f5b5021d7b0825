#include "mime/MessageComposer.h"

#include "mime/BodyBuilder.h"
#include "mime/HeaderEncoder.h"

#include <QSet>

#include <optional>

namespace Petrel::Mime {

namespace {

using namespace Detail;

// Header fields the composer writes itself; an extra header must not repeat or forge one.
bool isReservedHeader(const QByteArray &name)
{
    static const QList<QByteArray> reserved = {"from", "sender", "reply-to", "to", "cc", "bcc", "subject", "date",
                                               "message-id", "in-reply-to", "references", "mime-version"};
    const QByteArray lower = name.toLower();
    return reserved.contains(lower) || lower.startsWith("content-");
}

bool isHeaderName(const QByteArray &name)
{
    if (name.isEmpty() || name.size() > 76)
        return false;
    for (const char c : name) {
        if (c < 33 || c > 126 || c == ':')
            return false;
    }
    return true;
}

// Bare id ("x@y"), tolerating angle brackets; nullopt when it could not be one.
std::optional<QByteArray> bareId(const QString &input)
{
    QString id = input.trimmed();
    if (id.startsWith(QLatin1Char('<')) && id.endsWith(QLatin1Char('>')))
        id = id.mid(1, id.size() - 2);
    if (id.isEmpty())
        return std::nullopt;
    for (const QChar c : id) {
        const char16_t u = c.unicode();
        if (u <= 0x20 || u >= 0x7F || c == QLatin1Char('<') || c == QLatin1Char('>'))
            return std::nullopt;
    }
    return id.toLatin1();
}

// The first header input holding CR, LF or NUL, named for the error; empty when there is none.
QString injectedField(const OutgoingMessage &m)
{
    const auto addressBroken = [](const MailAddressList &list) {
        for (const MailAddress &a : list) {
            if (hasHeaderBreak(a.name) || hasHeaderBreak(a.address))
                return true;
        }
        return false;
    };
    if (hasHeaderBreak(m.from.name) || hasHeaderBreak(m.from.address))
        return QStringLiteral("From");
    if (addressBroken(m.replyTo))
        return QStringLiteral("Reply-To");
    if (addressBroken(m.to))
        return QStringLiteral("To");
    if (addressBroken(m.cc))
        return QStringLiteral("Cc");
    if (addressBroken(m.bcc))
        return QStringLiteral("Bcc");
    if (hasHeaderBreak(m.subject))
        return QStringLiteral("Subject");
    if (hasHeaderBreak(m.messageId))
        return QStringLiteral("Message-ID");
    if (hasHeaderBreak(m.inReplyTo))
        return QStringLiteral("In-Reply-To");
    for (const QString &id : m.references) {
        if (hasHeaderBreak(id))
            return QStringLiteral("References");
    }
    for (const auto &[name, value] : m.extraHeaders) {
        if (name.contains('\r') || name.contains('\n') || hasHeaderBreak(value))
            return QString::fromLatin1(name.left(40));
    }
    for (const OutgoingAttachment &a : m.attachments) {
        if (hasHeaderBreak(a.fileName) || hasHeaderBreak(a.contentType))
            return QStringLiteral("attachment name or type");
    }
    for (const InlineImage &i : m.inlineImages) {
        if (hasHeaderBreak(i.fileName) || hasHeaderBreak(i.contentType) || hasHeaderBreak(i.contentId))
            return QStringLiteral("inline image");
    }
    return {};
}

struct Composition {
    const OutgoingMessage &message;
    const ComposeLimits &limits;
    QByteArray headers;
    QStringList recipients;
    QString error;

    bool fail(const QString &text)
    {
        error = text;
        return false;
    }

    // "Name <addr>, …" for one address header; records envelope recipients when asked.
    bool addressField(const QByteArray &name, const MailAddressList &list, bool recipient)
    {
        QList<QByteArray> items;
        for (const MailAddress &address : list) {
            QString problem;
            const std::optional<QByteArray> normalized = normalizedAddress(address.address, &problem);
            if (!normalized)
                return fail(QString(QString::fromLatin1(name) + QStringLiteral(": ") + problem));
            if (recipient && !recipients.contains(QString::fromLatin1(*normalized)))
                recipients.append(QString::fromLatin1(*normalized));
            const QString displayName = address.name.trimmed();
            items.append(displayName.isEmpty() ? *normalized
                                               : QByteArray(encodePhrase(displayName) + " <" + *normalized + '>'));
        }
        if (!items.isEmpty() && !name.isEmpty())
            headers += foldedField(name, items.join(", "));
        return true;
    }

    bool checkLimits()
    {
        const qsizetype count = message.to.size() + message.cc.size() + message.bcc.size();
        if (count == 0)
            return fail(QStringLiteral("The message has no recipients."));
        if (count > limits.maxRecipients)
            return fail(QStringLiteral("The message has %1 recipients; at most %2 are allowed.").arg(count).arg(limits.maxRecipients));
        if (message.attachments.size() > limits.maxAttachments)
            return fail(QStringLiteral("The message has %1 attachments; at most %2 are allowed.")
                            .arg(message.attachments.size())
                            .arg(limits.maxAttachments));
        if (message.inlineImages.size() > limits.maxAttachments)
            return fail(QStringLiteral("The message has %1 inline images; at most %2 are allowed.")
                            .arg(message.inlineImages.size())
                            .arg(limits.maxAttachments));
        // Base64 grows data by a third; refuse early rather than encode what cannot be sent.
        qint64 estimate = message.textBody.size() + message.htmlBody.size();
        for (const OutgoingAttachment &a : message.attachments)
            estimate += a.data.size() * 4 / 3;
        for (const InlineImage &i : message.inlineImages)
            estimate += i.data.size() * 4 / 3;
        if (estimate > limits.maxMessageBytes)
            return fail(tooLarge(estimate));
        return true;
    }

    QString tooLarge(qint64 bytes) const
    {
        return QStringLiteral("The message would be %1 MB; the limit is %2 MB.")
            .arg(double(bytes) / (1024 * 1024), 0, 'f', 1)
            .arg(double(limits.maxMessageBytes) / (1024 * 1024), 0, 'f', 1);
    }

    bool checkParts()
    {
        for (const OutgoingAttachment &a : message.attachments) {
            if (!a.contentType.isEmpty() && validContentType(a.contentType).isEmpty())
                return fail(QStringLiteral("The attachment \"%1\" has an invalid content type \"%2\".").arg(a.fileName, a.contentType));
        }
        QSet<QString> ids;
        for (const InlineImage &i : message.inlineImages) {
            if (!bareId(i.contentId))
                return fail(QStringLiteral("The inline image \"%1\" has an invalid Content-ID \"%2\".").arg(i.fileName, i.contentId));
            if (!i.contentType.isEmpty() && validContentType(i.contentType).isEmpty())
                return fail(QStringLiteral("The inline image \"%1\" has an invalid content type \"%2\".").arg(i.fileName, i.contentType));
            if (ids.contains(i.contentId))
                return fail(QStringLiteral("Two inline images share the Content-ID \"%1\".").arg(i.contentId));
            ids.insert(i.contentId);
        }
        return true;
    }

    bool writeHeaders()
    {
        const QDateTime date = message.date.isValid() ? message.date : QDateTime::currentDateTime();
        headers += foldedField("Date", formatDate(date));
        if (message.from.address.trimmed().isEmpty())
            return fail(QStringLiteral("The sender has no address."));
        if (!addressField("From", {message.from}, false) || !addressField("Reply-To", message.replyTo, false)
            || !addressField("To", message.to, true) || !addressField("Cc", message.cc, true)
            || !addressField(QByteArray(), message.bcc, true)) // Bcc: envelope only, never a header
            return false;
        const QString subject = message.subject.trimmed();
        if (!subject.isEmpty())
            headers += foldedField("Subject", encodeUnstructured(subject));
        const std::optional<QByteArray> messageId = bareId(message.messageId);
        if (!messageId)
            return fail(message.messageId.isEmpty() ? QStringLiteral("The message has no Message-ID.")
                                                    : QStringLiteral("\"%1\" is not a Message-ID.").arg(message.messageId));
        headers += foldedField("Message-ID", '<' + *messageId + '>');
        if (!message.inReplyTo.isEmpty()) {
            const std::optional<QByteArray> id = bareId(message.inReplyTo);
            if (!id)
                return fail(QStringLiteral("\"%1\" is not a Message-ID (In-Reply-To).").arg(message.inReplyTo));
            headers += foldedField("In-Reply-To", '<' + *id + '>');
        }
        QList<QByteArray> references;
        for (const QString &reference : message.references) {
            const std::optional<QByteArray> id = bareId(reference);
            if (!id)
                return fail(QStringLiteral("\"%1\" is not a Message-ID (References).").arg(reference));
            references.append('<' + *id + '>');
        }
        if (!references.isEmpty())
            headers += foldedField("References", references.join(' '));
        for (const auto &[name, value] : message.extraHeaders) {
            if (!isHeaderName(name) || isReservedHeader(name))
                return fail(QStringLiteral("\"%1\" cannot be added as a header.").arg(QString::fromLatin1(name)));
            headers += foldedField(name, encodeUnstructured(value));
        }
        headers += "MIME-Version: 1.0\r\n";
        return true;
    }
};

} // namespace

ComposeResult MessageComposer::compose(const OutgoingMessage &message, const ComposeLimits &limits)
{
    ComposeResult result;
    const QString injected = injectedField(message);
    if (!injected.isEmpty()) {
        result.error = QStringLiteral("A line break in %1 is not allowed; nothing was composed.").arg(injected);
        return result;
    }
    Composition composition{message, limits, {}, {}, {}};
    if (!composition.checkLimits() || !composition.checkParts() || !composition.writeHeaders()) {
        result.error = composition.error;
        return result;
    }
    QString error;
    const QByteArray body = buildBody(message, &error);
    if (body.isEmpty()) {
        result.error = error.isEmpty() ? QStringLiteral("The message body could not be built.") : error;
        return result;
    }
    const QByteArray raw = composition.headers + body;
    if (raw.size() > limits.maxMessageBytes) {
        result.error = composition.tooLarge(raw.size());
        return result;
    }
    result.raw = raw;
    result.envelopeRecipients = composition.recipients;
    return result;
}

} // namespace Petrel::Mime
