#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace Petrel::Imap {

// Modified UTF-7 mailbox names (RFC 3501 5.1.3): printable ASCII stands for itself ('&' as "&-"),
// everything else is UTF-16 in a base64 variant ("," for "/") between '&' and '-'.
class ImapModifiedUtf7
{
public:
    static QByteArray encode(const QString &text);
    // Strict: nullopt (and *error set) on bad base64, an unterminated '&', non-zero padding bits,
    // an encoded run of printable ASCII, unpaired surrogates or 8-bit bytes.
    static std::optional<QString> decode(const QByteArray &bytes, QString *error = nullptr);
    // For display of names a server got wrong: invalid runs become U+FFFD, valid parts are kept.
    static QString decodeLenient(const QByteArray &bytes);
};

} // namespace Petrel::Imap
