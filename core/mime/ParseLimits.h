#pragma once

#include <QtGlobal>

namespace Petrel::Mime {

// Bounds on the work one message may cause. Exceeding one gives a warning and a truncated result.
struct ParseLimits {
    int maxDepth = 32;                        // multipart / message nesting
    int maxParts = 10000;                     // parts visited in the whole message
    qint64 maxTextBytes = 16 * 1024 * 1024;   // per decoded body (UTF-8 bytes before conversion)
    int maxWarnings = 100;
};

} // namespace Petrel::Mime
