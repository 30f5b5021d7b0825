#pragma once

#include <QString>

namespace Petrel::Mime {

// A file name safe to create in any directory on Windows, macOS and Linux: path components and
// "..", control and bidi-override characters, Windows-reserved characters and device names
// (CON, NUL, COM1…), leading dots and trailing dots/spaces are removed or neutralised; the length
// is bounded (255 UTF-8 bytes at most) keeping the extension. Never empty: "attachment".
QString sanitizeFileName(const QString &name);

} // namespace Petrel::Mime
