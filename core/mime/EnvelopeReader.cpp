#include "mime/EnvelopeReader.h"

#include "mime/HeaderText.h"

#include <gmime/gmime.h>

namespace Petrel::Mime::Detail {

namespace {

constexpr int maxAddresses = 10000; // per header; a bound for hostile address lists

void appendAddresses(InternetAddressList *list, MailAddressList *out, int depth)
{
    if (!list)
        return;
    const int count = internet_address_list_length(list);
    for (int i = 0; i < count && out->size() < maxAddresses; ++i) {
        InternetAddress *address = internet_address_list_get_address(list, i);
        if (INTERNET_ADDRESS_IS_GROUP(address)) {
            if (depth < 2)
                appendAddresses(internet_address_group_get_members(INTERNET_ADDRESS_GROUP(address)), out, depth + 1);
            continue;
        }
        if (!INTERNET_ADDRESS_IS_MAILBOX(address))
            continue;
        MailAddress mailbox;
        mailbox.name = QString::fromUtf8(internet_address_get_name(address)).trimmed();
        mailbox.address = QString::fromUtf8(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(address)));
        if (mailbox.name.isEmpty() && mailbox.address.isEmpty())
            continue;
        out->append(mailbox);
    }
}

MailAddressList addresses(InternetAddressList *list)
{
    MailAddressList out;
    appendAddresses(list, &out, 0);
    return out;
}

// GMime decodes each encoded word of a display name alone, which breaks a character split across
// words; such headers are re-parsed after joining the words.
MailAddressList addresses(GMimeMessage *message, GMimeParserOptions *options, const char *header,
                          InternetAddressList *parsed)
{
    GMimeHeader *raw = g_mime_header_list_get_header(g_mime_object_get_header_list(GMIME_OBJECT(message)), header);
    const QByteArray value = raw ? QByteArray(g_mime_header_get_raw_value(raw)) : QByteArray();
    const QByteArray joined = value.contains("=?") ? joinEncodedWords(value) : value;
    if (joined == value)
        return addresses(parsed);
    InternetAddressList *list = internet_address_list_parse(options, joined.constData());
    const MailAddressList out = list ? addresses(list) : addresses(parsed);
    if (list)
        g_object_unref(list);
    return out;
}

QString stripBrackets(QString id)
{
    id = id.trimmed();
    if (id.startsWith(QLatin1Char('<')))
        id.remove(0, 1);
    if (id.endsWith(QLatin1Char('>')))
        id.chop(1);
    return id.trimmed();
}

// Message ids from In-Reply-To / References; tolerates ids written without angle brackets.
QStringList messageIds(GMimeMessage *message, GMimeParserOptions *options, const char *header)
{
    QStringList ids;
    const char *value = g_mime_object_get_header(GMIME_OBJECT(message), header);
    if (!value || !*value)
        return ids;
    GMimeReferences *refs = g_mime_references_parse(options, value);
    if (refs) {
        const int count = g_mime_references_length(refs);
        for (int i = 0; i < count && ids.size() < 1000; ++i)
            ids.append(QString::fromUtf8(g_mime_references_get_message_id(refs, i)));
        g_mime_references_free(refs);
    }
    if (ids.isEmpty()) {
        const QString bare = stripBrackets(QString::fromUtf8(value));
        if (!bare.isEmpty() && !bare.contains(QLatin1Char(' ')))
            ids.append(bare);
    }
    return ids;
}

} // namespace

Envelope readEnvelope(GMimeMessage *message, GMimeParserOptions *options)
{
    Envelope envelope;
    if (!message)
        return envelope;
    // Our own decoder: GMime decodes each encoded word alone and so breaks characters split
    // across B-encoded words.
    GMimeHeader *subject = g_mime_header_list_get_header(g_mime_object_get_header_list(GMIME_OBJECT(message)), "Subject");
    if (subject)
        envelope.subject = decodeHeaderText(QByteArray(g_mime_header_get_raw_value(subject))).trimmed();
    envelope.from = addresses(message, options, "From", g_mime_message_get_from(message));
    envelope.sender = addresses(message, options, "Sender", g_mime_message_get_sender(message));
    envelope.replyTo = addresses(message, options, "Reply-To", g_mime_message_get_reply_to(message));
    envelope.to = addresses(message, options, "To", g_mime_message_get_to(message));
    envelope.cc = addresses(message, options, "Cc", g_mime_message_get_cc(message));
    envelope.bcc = addresses(message, options, "Bcc", g_mime_message_get_bcc(message));
    if (GDateTime *date = g_mime_message_get_date(message))
        envelope.date = QDateTime::fromSecsSinceEpoch(g_date_time_to_unix(date), Qt::UTC);
    envelope.messageId = stripBrackets(QString::fromUtf8(g_mime_message_get_message_id(message)));
    const QStringList inReplyTo = messageIds(message, options, "In-Reply-To");
    if (!inReplyTo.isEmpty())
        envelope.inReplyTo = inReplyTo.first();
    envelope.references = messageIds(message, options, "References");
    return envelope;
}

} // namespace Petrel::Mime::Detail
