#include "GMimeView.h"

#include <gmime/gmime.h>

namespace {

QStringList mailboxes(InternetAddressList *list)
{
    QStringList out;
    const int count = list ? internet_address_list_length(list) : 0;
    for (int i = 0; i < count; ++i) {
        InternetAddress *address = internet_address_list_get_address(list, i);
        if (!INTERNET_ADDRESS_IS_MAILBOX(address))
            continue;
        out.append(QString::fromUtf8(internet_address_get_name(address)) + QLatin1Char('|')
                   + QString::fromUtf8(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(address))));
    }
    return out;
}

QString typeOf(GMimeObject *object)
{
    GMimeContentType *type = g_mime_object_get_content_type(object);
    return QString::fromUtf8(g_mime_content_type_get_media_type(type)).toLower() + QLatin1Char('/')
        + QString::fromUtf8(g_mime_content_type_get_media_subtype(type)).toLower();
}

QByteArray streamBytes(GMimeStream *stream)
{
    GByteArray *array = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(stream));
    return QByteArray(reinterpret_cast<const char *>(array->data), qsizetype(array->len));
}

QString walk(GMimeObject *object, GMimeView &view)
{
    const QString type = typeOf(object);
    if (GMIME_IS_MULTIPART(object)) {
        QStringList children;
        GMimeMultipart *multipart = GMIME_MULTIPART(object);
        for (int i = 0; i < g_mime_multipart_get_count(multipart); ++i)
            children.append(walk(g_mime_multipart_get_part(multipart, i), view));
        return type + QLatin1Char('(') + children.join(QLatin1Char(',')) + QLatin1Char(')');
    }
    GMimeLeaf leaf;
    leaf.contentType = type;
    leaf.contentId = QString::fromUtf8(g_mime_object_get_content_id(object));
    leaf.disposition = QString::fromUtf8(g_mime_object_get_disposition(object));
    leaf.format = QString::fromUtf8(g_mime_object_get_content_type_parameter(object, "format"));
    leaf.charset = QString::fromUtf8(g_mime_object_get_content_type_parameter(object, "charset"));
    GMimeStream *stream = g_mime_stream_mem_new();
    if (GMIME_IS_PART(object)) {
        leaf.fileName = QString::fromUtf8(g_mime_part_get_filename(GMIME_PART(object)));
        if (GMimeDataWrapper *content = g_mime_part_get_content(GMIME_PART(object)))
            g_mime_data_wrapper_write_to_stream(content, stream);
    } else if (GMIME_IS_MESSAGE_PART(object)) {
        leaf.fileName = QString::fromUtf8(g_mime_object_get_content_disposition_parameter(object, "filename"));
        if (GMimeMessage *inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(object)))
            g_mime_object_write_to_stream(GMIME_OBJECT(inner), nullptr, stream);
    }
    leaf.data = streamBytes(stream);
    g_object_unref(stream);
    view.leaves.append(leaf);
    return type;
}

} // namespace

GMimeView viewWithGMime(const QByteArray &raw)
{
    g_mime_init();
    GMimeView view;
    GMimeStream *stream = g_mime_stream_mem_new_with_buffer(raw.constData(), size_t(raw.size()));
    GMimeParser *parser = g_mime_parser_new_with_stream(stream);
    GMimeMessage *message = g_mime_parser_construct_message(parser, nullptr);
    g_object_unref(parser);
    g_object_unref(stream);
    if (!message)
        return view;
    view.parsed = true;
    view.subject = QString::fromUtf8(g_mime_message_get_subject(message));
    view.from = mailboxes(g_mime_message_get_from(message));
    view.to = mailboxes(g_mime_message_get_to(message));
    view.cc = mailboxes(g_mime_message_get_cc(message));
    view.hasBcc = g_mime_object_get_header(GMIME_OBJECT(message), "Bcc") != nullptr
        || internet_address_list_length(g_mime_message_get_bcc(message)) > 0;
    view.messageId = QString::fromUtf8(g_mime_message_get_message_id(message));
    view.inReplyTo = QString::fromUtf8(g_mime_object_get_header(GMIME_OBJECT(message), "In-Reply-To"));
    QString references = QString::fromUtf8(g_mime_object_get_header(GMIME_OBJECT(message), "References"));
    references.replace(QLatin1String("\r\n"), QString()).replace(QLatin1Char('\n'), QString());
    view.references = references.simplified();
    if (GMimeObject *body = g_mime_message_get_mime_part(message))
        view.structure = walk(body, view);
    g_object_unref(message);
    return view;
}
