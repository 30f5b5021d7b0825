#pragma once

#include <QByteArray>
#include <QString>

namespace Petrel::Mime {

// Decodes an unstructured header value (Subject and the like) as found on the wire: unfolds it,
// decodes RFC 2047 encoded words (B and Q, any charset, also inside words as in the wild) joining
// adjacent words of one charset before conversion so that a character split across words survives,
// and reads raw 8-bit text as UTF-8 (RFC 6532) or else windows-1252. Malformed encoded words stay
// as they are. Never fails.
QString decodeHeaderText(const QByteArray &raw);

// Rewrites runs of adjacent encoded words of one charset (separated by whitespace only) into a
// single B-encoded word, so that a parser decoding word by word (GMime's address parser) cannot
// break a character split across words. Everything else is left byte for byte.
QByteArray joinEncodedWords(const QByteArray &raw);

} // namespace Petrel::Mime
