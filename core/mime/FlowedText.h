#pragma once

#include <QString>

namespace Petrel::Mime {

// format=flowed (RFC 3676, DelSp=No). Text uses "\n" line ends on both sides.
//
// encodeFlowed: each paragraph line is wrapped at spaces to lines of at most `width` characters;
// every line but the last of a paragraph ends with a space (a soft break). Leading '>' characters
// are the quote depth: a quoted line is written as ">…> " + text and its wrapped lines keep the
// depth. An unquoted line starting with a space or "From " is space-stuffed. Trailing spaces
// before a hard break are dropped, except on the signature separator "-- ".
QString encodeFlowed(const QString &text, int width = 78);

// The reverse: soft breaks joined, stuffing removed; quoted lines come back as ">…> " + text.
QString decodeFlowed(const QString &flowed);

} // namespace Petrel::Mime
