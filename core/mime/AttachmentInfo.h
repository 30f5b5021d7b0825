#pragma once

#include <QString>

namespace Petrel::Mime {

// A part shown to the user as an attachment. partPath is IMAP-style ("1.2.1") and can be passed to
// MessageParser::partContent() to get the decoded bytes.
struct AttachmentInfo {
    QString fileName;    // decoded, not yet sanitized: use sanitizeFileName() before touching disk
    QString contentType; // lowercase "type/subtype"
    qint64 size = 0;     // decoded bytes
    QString contentId;   // bare, without angle brackets
    bool isInline = false;
    QString partPath;
};

} // namespace Petrel::Mime
