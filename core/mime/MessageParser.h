#pragma once

#include "mime/Envelope.h"
#include "mime/ParseLimits.h"
#include "mime/ParseResult.h"

#include <QByteArray>

#include <optional>

namespace Petrel::Mime {

// Parses RFC 5322 / MIME messages. Stateless and thread-safe; never throws. Malformed input gives
// a best-effort result with warnings; only input with nothing recognisable is an error.
class MessageParser {
public:
    static ParseResult parse(const QByteArray &raw, const ParseLimits &limits = {});

    // The decoded bytes of the part an IMAP-style path names ("1", "2.1.3"); nullopt when absent.
    static std::optional<QByteArray> partContent(const QByteArray &raw, const QString &partPath);

    // Only the header block is parsed; the body is never looked at.
    static Envelope parseHeadersOnly(const QByteArray &raw);
};

} // namespace Petrel::Mime
