#pragma once

#include <QString>

namespace Petrel::Mime {

// A part of a multipart/related referenced from the HTML body by "cid:<contentId>".
struct InlinePart {
    QString contentId;   // bare, without angle brackets
    QString contentType; // lowercase "type/subtype"
    QString fileName;
    qint64 size = 0;     // decoded bytes
    QString partPath;
};

} // namespace Petrel::Mime
