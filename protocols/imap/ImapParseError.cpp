#include "imap/ImapParseError.h"

namespace Petrel::Imap {

QString ImapParseError::kindName(Kind kind)
{
    switch (kind) {
    case Kind::LineTooLong:
        return QStringLiteral("LineTooLong");
    case Kind::LiteralTooLarge:
        return QStringLiteral("LiteralTooLarge");
    case Kind::ResponseTooLarge:
        return QStringLiteral("ResponseTooLarge");
    case Kind::NestingTooDeep:
        return QStringLiteral("NestingTooDeep");
    case Kind::TooManyItems:
        return QStringLiteral("TooManyItems");
    case Kind::Malformed:
        return QStringLiteral("Malformed");
    }
    return QStringLiteral("Unknown");
}

QString ImapParseError::toString() const
{
    return kindName(kind) + QStringLiteral(" at byte ") + QString::number(offset) + QStringLiteral(": ") +
           message;
}

} // namespace Petrel::Imap
