#pragma once

#include "mime/OutgoingMessage.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace Petrel::Mime {

// Bounds on what one outgoing message may hold; exceeding one is an error, nothing is composed.
struct ComposeLimits {
    qint64 maxMessageBytes = 50 * 1024 * 1024; // the composed message, encodings included
    int maxAttachments = 200;                   // attachments and inline images each
    int maxRecipients = 1000;                   // To + Cc + Bcc
};

struct ComposeResult {
    QByteArray raw;                  // RFC 5322 with CRLF line ends; empty on error
    QString error;                   // empty on success
    QStringList envelopeRecipients;  // To, Cc and Bcc for RCPT TO: deduplicated, domains lower-cased

    bool isOk() const { return error.isEmpty(); }
};

// Turns an OutgoingMessage into the bytes to send: text/plain format=flowed, multipart/alternative
// with the HTML, multipart/related with inline images, multipart/mixed with attachments (base64,
// RFC 2231 file names). Bcc never appears in the bytes. Any CR or LF in a header input, an unusable
// address or a limit exceeded is an error and nothing is composed. Stateless and thread-safe.
class MessageComposer {
public:
    static ComposeResult compose(const OutgoingMessage &message, const ComposeLimits &limits = {});
};

} // namespace Petrel::Mime
