#include "mime/BodyBuilder.h"

#include "mime/FlowedText.h"
#include "mime/GMimeDocument.h"

#include <QHash>
#include <QMimeDatabase>
#include <QRegularExpression>

#include <gmime/gmime.h>

#include <memory>
#include <vector>

namespace Petrel::Mime::Detail {

namespace {

struct Unref {
    void operator()(gpointer object) const { g_object_unref(object); }
};
using ObjectPtr = std::unique_ptr<GMimeObject, Unref>;

constexpr qsizetype maxSmtpLine = 998;

bool fitsSevenBit(const QByteArray &bytes)
{
    qsizetype lineLength = 0;
    for (const char c : bytes) {
        if (c == '\n') {
            lineLength = 0;
            continue;
        }
        if (uchar(c) >= 0x80 || c == '\0' || c == '\r' || ++lineLength > maxSmtpLine)
            return false;
    }
    return true;
}

bool fitsEightBit(const QByteArray &bytes)
{
    qsizetype lineLength = 0;
    for (const char c : bytes) {
        if (c == '\n') {
            lineLength = 0;
            continue;
        }
        if (c == '\0' || ++lineLength > maxSmtpLine)
            return false;
    }
    return true;
}

void setContent(GMimePart *part, const QByteArray &bytes, GMimeContentEncoding encoding)
{
    GMimeStream *stream = g_mime_stream_mem_new_with_buffer(bytes.constData(), size_t(bytes.size()));
    GMimeDataWrapper *wrapper = g_mime_data_wrapper_new_with_stream(stream, GMIME_CONTENT_ENCODING_DEFAULT);
    g_mime_part_set_content(part, wrapper);
    g_object_unref(wrapper);
    g_object_unref(stream);
    g_mime_part_set_content_encoding(part, encoding);
}

ObjectPtr textPart(const char *subtype, const QString &text, bool flowed)
{
    GMimePart *part = g_mime_part_new_with_type("text", subtype);
    QString lf = text;
    lf.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    lf.replace(QLatin1Char('\r'), QLatin1Char('\n'));
    const QByteArray bytes = (flowed ? encodeFlowed(lf) : lf).toUtf8();
    g_mime_object_set_content_type_parameter(GMIME_OBJECT(part), "charset", "utf-8");
    if (flowed)
        g_mime_object_set_content_type_parameter(GMIME_OBJECT(part), "format", "flowed");
    setContent(part, bytes, fitsSevenBit(bytes) ? GMIME_CONTENT_ENCODING_7BIT : GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);
    return ObjectPtr(GMIME_OBJECT(part));
}

QString contentTypeFor(const QString &given, const QString &fileName, const QByteArray &data)
{
    const QString valid = validContentType(given);
    if (!valid.isEmpty())
        return valid;
    const QMimeDatabase database;
    return database.mimeTypeForFileNameAndData(fileName, data).name();
}

GMimePart *newPart(const QString &type)
{
    const QByteArray media = type.section(QLatin1Char('/'), 0, 0).toLatin1();
    const QByteArray sub = type.section(QLatin1Char('/'), 1).toLatin1();
    return g_mime_part_new_with_type(media.constData(), sub.constData());
}

void setFileName(GMimePart *part, const QString &fileName)
{
    if (fileName.isEmpty())
        return;
    g_mime_part_set_filename(part, fileName.toUtf8().constData());
    // Content-Disposition carries the real name (RFC 2231, UTF-8); Content-Type's name, read by old
    // readers only, an ASCII stand-in.
    GMimeContentDisposition *disposition = g_mime_object_get_content_disposition(GMIME_OBJECT(part));
    GMimeParam *param = g_mime_param_list_get_parameter(g_mime_content_disposition_get_parameters(disposition), "filename");
    if (param)
        g_mime_param_set_charset(param, "UTF-8");
    g_mime_object_set_content_type_parameter(GMIME_OBJECT(part), "name", asciiFileName(fileName).toUtf8().constData());
}

ObjectPtr attachmentPart(const OutgoingAttachment &attachment, QString *error)
{
    const QString type = contentTypeFor(attachment.contentType, attachment.fileName, attachment.data);
    GMimePart *part = newPart(type);
    ObjectPtr owner(GMIME_OBJECT(part));
    g_mime_object_set_disposition(GMIME_OBJECT(part), "attachment");
    setFileName(part, attachment.fileName);
    if (type == QLatin1String("message/rfc822")) {
        // RFC 2046 allows only 7bit/8bit/binary here: the message goes as it is, with line ends.
        QByteArray data = attachment.data;
        if (!data.endsWith('\n'))
            data += '\n';
        if (!fitsEightBit(data)) {
            *error = QStringLiteral("The attached message \"%1\" has NUL bytes or lines longer than %2 characters "
                                    "and cannot be sent as a message; attach it as a file instead.")
                         .arg(attachment.fileName)
                         .arg(maxSmtpLine);
            return nullptr;
        }
        setContent(part, data, fitsSevenBit(data) ? GMIME_CONTENT_ENCODING_7BIT : GMIME_CONTENT_ENCODING_8BIT);
        return owner;
    }
    setContent(part, attachment.data, GMIME_CONTENT_ENCODING_BASE64);
    return owner;
}

ObjectPtr inlinePart(const InlineImage &image)
{
    const QString type = contentTypeFor(image.contentType, image.fileName, image.data);
    GMimePart *part = newPart(type);
    ObjectPtr owner(GMIME_OBJECT(part));
    g_mime_object_set_disposition(GMIME_OBJECT(part), "inline");
    setFileName(part, image.fileName);
    g_mime_object_set_content_id(GMIME_OBJECT(part), image.contentId.toUtf8().constData());
    setContent(part, image.data, GMIME_CONTENT_ENCODING_BASE64);
    return owner;
}

ObjectPtr multipart(const char *subtype, const QList<GMimeObject *> &parts)
{
    GMimeMultipart *multipart = g_mime_multipart_new_with_subtype(subtype);
    for (GMimeObject *part : parts)
        g_mime_multipart_add(multipart, part); // takes its own reference
    return ObjectPtr(GMIME_OBJECT(multipart));
}

QByteArray serialized(GMimeObject *object)
{
    GMimeFormatOptions *options = g_mime_format_options_new();
    g_mime_format_options_set_param_encoding_method(options, GMIME_PARAM_ENCODING_METHOD_RFC2231);
    GMimeStream *stream = g_mime_stream_mem_new();
    g_mime_object_write_to_stream(object, options, stream);
    GByteArray *array = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(stream));
    QByteArray bytes(reinterpret_cast<const char *>(array->data), qsizetype(array->len));
    g_object_unref(stream);
    g_mime_format_options_free(options);
    return bytes;
}

} // namespace

QString validContentType(const QString &contentType)
{
    static const QRegularExpression typePattern(QStringLiteral("^[a-z0-9!#$&^_.+-]+/[a-z0-9!#$&^_.+-]+$"));
    const QString type = contentType.section(QLatin1Char(';'), 0, 0).trimmed().toLower();
    return typePattern.match(type).hasMatch() ? type : QString();
}

QString asciiFileName(const QString &fileName)
{
    // Letters that compatibility decomposition leaves alone but have a usual ASCII spelling.
    static const QHash<QChar, QString> spelled = {
        {QChar(0xDF), QStringLiteral("ss")}, {QChar(0xC6), QStringLiteral("AE")}, {QChar(0xE6), QStringLiteral("ae")},
        {QChar(0xD8), QStringLiteral("O")},  {QChar(0xF8), QStringLiteral("o")},  {QChar(0x152), QStringLiteral("OE")},
        {QChar(0x153), QStringLiteral("oe")}, {QChar(0x141), QStringLiteral("L")}, {QChar(0x142), QStringLiteral("l")},
        {QChar(0x110), QStringLiteral("D")}, {QChar(0x111), QStringLiteral("d")}, {QChar(0x2013), QStringLiteral("-")},
        {QChar(0x2014), QStringLiteral("-")}};
    QString out;
    for (const QChar c : fileName.normalized(QString::NormalizationForm_KD)) {
        if (c.category() == QChar::Mark_NonSpacing)
            continue;
        if (spelled.contains(c)) {
            out += spelled.value(c);
            continue;
        }
        const char16_t u = c.unicode();
        out += (u < 0x20 || u > 0x7E || c == QLatin1Char('"') || c == QLatin1Char('\\')) ? QLatin1Char('_') : c;
    }
    return out;
}

QByteArray withCrlf(const QByteArray &bytes)
{
    QByteArray out;
    out.reserve(bytes.size() + bytes.size() / 30);
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const char c = bytes.at(i);
        if (c == '\r') {
            out += "\r\n";
            if (i + 1 < bytes.size() && bytes.at(i + 1) == '\n')
                ++i;
        } else if (c == '\n') {
            out += "\r\n";
        } else {
            out += c;
        }
    }
    return out;
}

QByteArray buildBody(const OutgoingMessage &message, QString *error)
{
    ensureGMimeInitialized();
    ObjectPtr body = textPart("plain", message.textBody, true);
    if (!message.htmlBody.isEmpty()) {
        ObjectPtr html = textPart("html", message.htmlBody, false);
        if (!message.inlineImages.isEmpty()) {
            std::vector<ObjectPtr> images;
            QList<GMimeObject *> related{html.get()};
            for (const InlineImage &image : message.inlineImages) {
                images.push_back(inlinePart(image));
                related.append(images.back().get());
            }
            ObjectPtr relatedPart = multipart("related", related);
            g_mime_object_set_content_type_parameter(relatedPart.get(), "type", "text/html");
            html = std::move(relatedPart);
        }
        body = multipart("alternative", {body.get(), html.get()});
    } else if (!message.inlineImages.isEmpty()) {
        *error = QStringLiteral("Inline images need an HTML body that shows them.");
        return {};
    }
    if (!message.attachments.isEmpty()) {
        std::vector<ObjectPtr> owned;
        QList<GMimeObject *> parts{body.get()};
        for (const OutgoingAttachment &attachment : message.attachments) {
            ObjectPtr part = attachmentPart(attachment, error);
            if (!part)
                return {};
            parts.append(part.get());
            owned.push_back(std::move(part));
        }
        body = multipart("mixed", parts);
    }
    return withCrlf(serialized(body.get()));
}

} // namespace Petrel::Mime::Detail
