#pragma once

#include <QString>

namespace Petrel::Imap {

// Why the parser gave up. Every kind means the byte stream can no longer be trusted: the session
// closes the connection.
struct ImapParseError
{
    enum class Kind {
        LineTooLong,
        LiteralTooLarge,
        ResponseTooLarge,
        NestingTooDeep,
        TooManyItems,
        Malformed,
    };

    Kind kind = Kind::Malformed;
    QString message;
    qint64 offset = 0; // stream offset where the offending response or byte begins

    static QString kindName(Kind kind);
    QString toString() const;
};

} // namespace Petrel::Imap
