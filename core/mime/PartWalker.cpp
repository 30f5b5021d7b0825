#include "mime/PartWalker.h"

#include "mime/Charset.h"
#include "mime/EnvelopeReader.h"

#include <QRegularExpression>

#include <gmime/gmime.h>

namespace Petrel::Mime::Detail {

namespace {

// Where a message's body came from: once one is chosen, a later text part joins it only as the other
// half of the same multipart/alternative; in multipart/mixed it is an attachment.
struct BodyChoice {
    bool taken = false;
    GMimeObject *alternative = nullptr;
};

// What the enclosing multiparts say about a part.
struct Scope {
    bool inRelated = false;
    GMimeObject *alternative = nullptr; // nearest multipart/alternative ancestor
};

struct WalkState {
    const ParseLimits &limits;
    GMimeParserOptions *options;
    int parts = 0;
    bool depthWarned = false;
    bool partsWarned = false;
};

QString childPath(const QString &parent, int index)
{
    const QString n = QString::number(index + 1);
    return parent.isEmpty() ? n : parent + QLatin1Char('.') + n;
}

QString lowerContentType(GMimeObject *object)
{
    GMimeContentType *type = g_mime_object_get_content_type(object);
    const QString media = QString::fromUtf8(type ? g_mime_content_type_get_media_type(type) : nullptr).toLower();
    const QString sub = QString::fromUtf8(type ? g_mime_content_type_get_media_subtype(type) : nullptr).toLower();
    if (media.isEmpty() || sub.isEmpty())
        return media == QLatin1String("text") ? QStringLiteral("text/plain") : QStringLiteral("application/octet-stream");
    return media + QLatin1Char('/') + sub;
}

qint64 decodedSize(GMimePart *part)
{
    GMimeDataWrapper *content = g_mime_part_get_content(part);
    if (!content)
        return 0;
    GMimeStream *null = g_mime_stream_null_new();
    g_mime_data_wrapper_write_to_stream(content, null);
    const qint64 size = qint64(GMIME_STREAM_NULL(null)->written);
    g_object_unref(null);
    return size;
}

qint64 serializedSize(GMimeObject *object)
{
    GMimeStream *null = g_mime_stream_null_new();
    g_mime_object_write_to_stream(object, nullptr, null);
    const qint64 size = qint64(GMIME_STREAM_NULL(null)->written);
    g_object_unref(null);
    return size;
}

QString decodedText(GMimeObject *object, WalkState &state, ParsedMessage &out)
{
    QByteArray bytes = partBytes(object);
    if (bytes.size() > state.limits.maxTextBytes) {
        bytes.truncate(state.limits.maxTextBytes);
        out.warnings.append(QStringLiteral("text part truncated to %1 bytes").arg(state.limits.maxTextBytes));
    }
    const char *charset = g_mime_object_get_content_type_parameter(object, "charset");
    QString text = decodeCharset(bytes, QByteArray(charset));
    text.remove(QChar(0)); // binary mislabelled as text: NULs only break consumers of text
    return text;
}

void walkObject(GMimeObject *object, const QString &path, int depth, Scope scope, WalkState &state,
                ParsedMessage &out, BodyChoice &choice);

// GMime drops the parameters of a Content-Type it cannot parse ("application-x-gzip; name=…");
// the name is still worth showing.
QString nameFromRawContentType(GMimeObject *object)
{
    static const QRegularExpression re(QStringLiteral("(?:^|;)\\s*name\\s*=\\s*(?:\"([^\"]*)\"|([^;\\s]+))"),
                                       QRegularExpression::CaseInsensitiveOption);
    const QString raw = QString::fromUtf8(g_mime_object_get_header(object, "Content-Type"));
    const QRegularExpressionMatch match = re.match(raw);
    if (!match.hasMatch())
        return {};
    return match.captured(1).isEmpty() ? match.captured(2) : match.captured(1);
}

void walkBody(GMimeMessage *message, const QString &prefix, int depth, WalkState &state, ParsedMessage &out)
{
    GMimeObject *body = g_mime_message_get_mime_part(message);
    if (!body)
        return;
    BodyChoice choice;
    if (GMIME_IS_MULTIPART(body))
        walkObject(body, prefix, depth, Scope(), state, out, choice);
    else
        walkObject(body, childPath(prefix, 0), depth, Scope(), state, out, choice);
}

void walkEmbedded(GMimeMessagePart *part, const QString &path, int depth, WalkState &state, ParsedMessage &out)
{
    GMimeMessage *inner = g_mime_message_part_get_message(part);
    AttachmentInfo info;
    info.contentType = lowerContentType(GMIME_OBJECT(part));
    info.partPath = path;
    const char *disposition = g_mime_object_get_disposition(GMIME_OBJECT(part));
    info.isInline = disposition && g_ascii_strcasecmp(disposition, "inline") == 0;
    info.fileName = QString::fromUtf8(g_mime_object_get_content_disposition_parameter(GMIME_OBJECT(part), "filename"));
    if (!inner) {
        out.attachments.append(info);
        return;
    }
    ParsedMessage embedded;
    embedded.envelope = readEnvelope(inner, state.options);
    walkBody(inner, path, depth + 1, state, embedded);
    if (info.fileName.isEmpty()) {
        const QString subject = embedded.envelope.subject.left(100);
        info.fileName = (subject.isEmpty() ? QStringLiteral("message") : subject) + QStringLiteral(".eml");
    }
    info.size = serializedSize(GMIME_OBJECT(inner));
    out.attachments.append(info);
    out.embeddedMessages.append(embedded);
}

bool mayTakeBody(const QString &slot, Scope scope, BodyChoice &choice)
{
    if (!slot.isNull())
        return false;
    if (choice.taken && (!choice.alternative || choice.alternative != scope.alternative))
        return false;
    choice.taken = true;
    choice.alternative = scope.alternative;
    return true;
}

void walkLeaf(GMimePart *part, const QString &path, Scope scope, WalkState &state, ParsedMessage &out,
              BodyChoice &choice)
{
    GMimeObject *object = GMIME_OBJECT(part);
    const QString type = lowerContentType(object);
    const char *rawDisposition = g_mime_object_get_disposition(object);
    const QString disposition = QString::fromUtf8(rawDisposition).toLower();
    QString fileName = QString::fromUtf8(g_mime_part_get_filename(part));
    if (fileName.isEmpty())
        fileName = nameFromRawContentType(object);
    const QString contentId = QString::fromUtf8(g_mime_object_get_content_id(object));

    const bool mayBeBody = disposition != QLatin1String("attachment")
        && (fileName.isEmpty() || disposition == QLatin1String("inline"));
    if (mayBeBody && type == QLatin1String("text/plain") && mayTakeBody(out.textBody, scope, choice)) {
        out.textBody = decodedText(object, state, out);
        if (out.textBody.isNull())
            out.textBody = QLatin1String("");
        const char *format = g_mime_object_get_content_type_parameter(object, "format");
        out.textBodyFlowed = format && g_ascii_strcasecmp(format, "flowed") == 0;
        return;
    }
    if (mayBeBody && type == QLatin1String("text/html") && mayTakeBody(out.htmlBody, scope, choice)) {
        out.htmlBody = decodedText(object, state, out);
        if (out.htmlBody.isNull())
            out.htmlBody = QLatin1String("");
        return;
    }
    if (scope.inRelated && !contentId.isEmpty() && disposition != QLatin1String("attachment")) {
        out.inlineParts.append(InlinePart{contentId, type, fileName, decodedSize(part), path});
        return;
    }
    AttachmentInfo info;
    info.fileName = fileName;
    info.contentType = type;
    info.size = decodedSize(part);
    info.contentId = contentId;
    info.isInline = disposition == QLatin1String("inline");
    info.partPath = path;
    out.attachments.append(info);
}

void walkObject(GMimeObject *object, const QString &path, int depth, Scope scope, WalkState &state,
                ParsedMessage &out, BodyChoice &choice)
{
    if (++state.parts > state.limits.maxParts) {
        if (!state.partsWarned)
            out.warnings.append(QStringLiteral("more than %1 MIME parts; the rest is ignored").arg(state.limits.maxParts));
        state.partsWarned = true;
        return;
    }
    if (depth > state.limits.maxDepth) {
        if (!state.depthWarned)
            out.warnings.append(QStringLiteral("MIME nesting deeper than %1; deeper parts are ignored").arg(state.limits.maxDepth));
        state.depthWarned = true;
        return;
    }
    if (GMIME_IS_MULTIPART(object)) {
        GMimeMultipart *multipart = GMIME_MULTIPART(object);
        const QString type = lowerContentType(object);
        Scope inner = scope;
        inner.inRelated = type == QLatin1String("multipart/related");
        if (type == QLatin1String("multipart/alternative"))
            inner.alternative = object;
        const int count = g_mime_multipart_get_count(multipart);
        const char *prologue = g_mime_multipart_get_prologue(multipart);
        if (count == 0 && prologue && *prologue && mayTakeBody(out.textBody, scope, choice)) {
            // The boundary never appeared: what GMime kept as prologue is the only text there is.
            out.textBody = decodeCharset(QByteArray(prologue), QByteArray());
            out.warnings.append(QStringLiteral("multipart without any part; its text is shown as the body"));
        }
        for (int i = 0; i < count && !state.partsWarned; ++i)
            walkObject(g_mime_multipart_get_part(multipart, i), childPath(path, i), depth + 1, inner, state, out, choice);
    } else if (GMIME_IS_MESSAGE_PART(object)) {
        walkEmbedded(GMIME_MESSAGE_PART(object), path, depth, state, out);
    } else if (GMIME_IS_PART(object)) {
        walkLeaf(GMIME_PART(object), path, scope, state, out, choice);
    }
}

} // namespace

ParsedMessage walkMessage(GMimeMessage *message, GMimeParserOptions *options, const ParseLimits &limits)
{
    ParsedMessage out;
    out.envelope = readEnvelope(message, options);
    WalkState state{limits, options};
    walkBody(message, QString(), 0, state, out);
    return out;
}

GMimeObject *findPart(GMimeMessage *message, const QString &partPath)
{
    const QStringList components = partPath.split(QLatin1Char('.'));
    GMimeObject *current = message ? g_mime_message_get_mime_part(message) : nullptr;
    bool atMessageBody = true;
    for (const QString &component : components) {
        bool ok = false;
        const int n = component.toInt(&ok);
        if (!current || !ok || n < 1)
            return nullptr;
        if (!atMessageBody && GMIME_IS_MESSAGE_PART(current)) {
            GMimeMessage *inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(current));
            current = inner ? g_mime_message_get_mime_part(inner) : nullptr;
            atMessageBody = true;
            if (!current)
                return nullptr;
        }
        if (GMIME_IS_MULTIPART(current)) {
            GMimeMultipart *multipart = GMIME_MULTIPART(current);
            if (n > g_mime_multipart_get_count(multipart))
                return nullptr;
            current = g_mime_multipart_get_part(multipart, n - 1);
        } else if (!atMessageBody || n != 1) {
            return nullptr;
        }
        atMessageBody = false;
    }
    return current;
}

QByteArray partBytes(GMimeObject *object)
{
    GMimeStream *stream = g_mime_stream_mem_new();
    if (GMIME_IS_PART(object)) {
        if (GMimeDataWrapper *content = g_mime_part_get_content(GMIME_PART(object)))
            g_mime_data_wrapper_write_to_stream(content, stream);
    } else if (GMIME_IS_MESSAGE_PART(object)) {
        if (GMimeMessage *inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(object)))
            g_mime_object_write_to_stream(GMIME_OBJECT(inner), nullptr, stream);
    } else {
        g_mime_object_write_to_stream(object, nullptr, stream);
    }
    GByteArray *array = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(stream));
    QByteArray bytes(reinterpret_cast<const char *>(array->data), qsizetype(array->len));
    g_object_unref(stream);
    return bytes;
}

} // namespace Petrel::Mime::Detail
