#pragma once

// Internal to core/mime: writes RFC 5322 header fields for outgoing mail. Non-ASCII text becomes
// RFC 2047 encoded words in UTF-8; nothing here accepts CR or LF (callers refuse such input first).

#include "mime/MailAddress.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <optional>

namespace Petrel::Mime::Detail {

// True when text holds CR, LF or NUL: one of them in a header would end or forge a header field.
bool hasHeaderBreak(const QString &text);

// Subject and other unstructured text: ASCII words stay as they are, runs of words that need it
// (non-ASCII, control characters, "=?", very long words) become B-encoded UTF-8 words.
QByteArray encodeUnstructured(const QString &text);

// A display name as an RFC 5322 phrase: an atom, a quoted string or encoded words.
QByteArray encodePhrase(const QString &name);

// The address as it goes into headers and SMTP: "local@domain" with the domain lower-cased and
// in ASCII (IDNA). nullopt with *error set when it is not a usable address.
std::optional<QByteArray> normalizedAddress(const QString &address, QString *error);

// "Name: value" folded at spaces to lines of 78 characters where possible, ending in CRLF.
QByteArray foldedField(const QByteArray &name, const QByteArray &value);

// RFC 5322 date-time in the date's own offset from UTC: "Sun, 22 Nov 2026 06:01:02 +0100".
QByteArray formatDate(const QDateTime &date);

} // namespace Petrel::Mime::Detail
