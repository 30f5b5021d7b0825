#pragma once

#include <QByteArray>
#include <QString>

namespace Petrel::Mime {

// Converts text in a declared MIME charset to Unicode. Never fails: an absent or unknown charset
// falls back to UTF-8 when the bytes are valid UTF-8, else to windows-1252; bytes invalid in the
// charset become U+FFFD. Common mislabels are widened (ISO-8859-1 → windows-1252, GB2312 → GB18030).
QString decodeCharset(const QByteArray &bytes, const QByteArray &charset);

} // namespace Petrel::Mime
