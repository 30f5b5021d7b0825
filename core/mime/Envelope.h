#pragma once

#include "mime/MailAddress.h"

#include <QDateTime>
#include <QStringList>

namespace Petrel::Mime {

// The decoded header summary of a message. Ids are bare, without the angle brackets.
struct Envelope {
    QString subject;
    MailAddressList from;
    MailAddressList sender;
    MailAddressList replyTo;
    MailAddressList to;
    MailAddressList cc;
    MailAddressList bcc;
    QDateTime date; // UTC; invalid when the Date header is absent or unparsable
    QString messageId;
    QString inReplyTo;
    QStringList references;
};

} // namespace Petrel::Mime
