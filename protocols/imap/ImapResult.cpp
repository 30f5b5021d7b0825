#include "imap/ImapResult.h"

namespace Petrel::Imap {

QString ImapResult::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Ok: return QStringLiteral("Ok");
    case Kind::Rejected: return QStringLiteral("Rejected");
    case Kind::NotSupported: return QStringLiteral("NotSupported");
    case Kind::InvalidState: return QStringLiteral("InvalidState");
    case Kind::Protocol: return QStringLiteral("Protocol");
    case Kind::Transport: return QStringLiteral("Transport");
    case Kind::Cancelled: return QStringLiteral("Cancelled");
    case Kind::Timeout: return QStringLiteral("Timeout");
    case Kind::TlsRequired: return QStringLiteral("TlsRequired");
    case Kind::AuthenticationFailed: return QStringLiteral("AuthenticationFailed");
    }
    return {};
}

} // namespace Petrel::Imap
