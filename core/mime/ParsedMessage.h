#pragma once

#include "mime/AttachmentInfo.h"
#include "mime/Envelope.h"
#include "mime/InlinePart.h"

#include <QList>
#include <QStringList>

namespace Petrel::Mime {

struct ParsedMessage {
    Envelope envelope;
    QString textBody;
    bool textBodyFlowed = false; // textBody is format=flowed (RFC 3676): decode with decodeFlowed()
    QString htmlBody;
    QList<AttachmentInfo> attachments;
    QList<InlinePart> inlineParts;
    QList<ParsedMessage> embeddedMessages; // message/rfc822 parts, in document order
    QStringList warnings;

    // The text to show or index: textBody, else the text of htmlBody.
    QString displayText() const;
    bool hasAttachments() const { return !attachments.isEmpty(); }
};

} // namespace Petrel::Mime
