#pragma once

#include "mime/MailAddress.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <utility>

namespace Petrel::Mime {

// A file sent with the message. A caller with a path reads the bytes itself: composing never
// touches the disk. An empty contentType is detected from the name and the bytes.
// contentType "message/rfc822" sends data (a whole message) as an attached message.
struct OutgoingAttachment {
    QString fileName;
    QString contentType;
    QByteArray data;
};

// An image the HTML body shows through "cid:<contentId>".
struct InlineImage {
    QString contentId; // bare, without angle brackets
    QString contentType;
    QByteArray data;
    QString fileName;  // optional
};

// Everything a sent message says, as values. Ids are bare, without angle brackets.
struct OutgoingMessage {
    MailAddress from;      // the identity: display name and address
    MailAddressList replyTo;
    MailAddressList to;
    MailAddressList cc;
    MailAddressList bcc;   // envelope only: never written into the message
    QString subject;
    QString textBody;      // sent as text/plain; format=flowed
    QString htmlBody;      // optional: makes a multipart/alternative
    QList<OutgoingAttachment> attachments;
    QList<InlineImage> inlineImages; // need htmlBody
    QString inReplyTo;
    QStringList references;
    QList<std::pair<QByteArray, QString>> extraHeaders; // name, unstructured value
    QDateTime date;        // invalid: the time of composing
    QString messageId;     // required: the outbox makes it once and keeps it for every attempt
};

} // namespace Petrel::Mime
