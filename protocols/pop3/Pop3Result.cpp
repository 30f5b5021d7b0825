#include "pop3/Pop3Result.h"

namespace Petrel::Pop3 {

QString Pop3Result::errorName(Error error)
{
    switch (error) {
    case Error::None: return QStringLiteral("None");
    case Error::Rejected: return QStringLiteral("Rejected");
    case Error::NotSupported: return QStringLiteral("NotSupported");
    case Error::InvalidState: return QStringLiteral("InvalidState");
    case Error::Protocol: return QStringLiteral("Protocol");
    case Error::Transport: return QStringLiteral("Transport");
    case Error::Cancelled: return QStringLiteral("Cancelled");
    case Error::Timeout: return QStringLiteral("Timeout");
    case Error::TlsRequired: return QStringLiteral("TlsRequired");
    case Error::AuthenticationFailed: return QStringLiteral("AuthenticationFailed");
    case Error::InUse: return QStringLiteral("InUse");
    case Error::LoginDelay: return QStringLiteral("LoginDelay");
    }
    return QStringLiteral("Unknown");
}

} // namespace Petrel::Pop3
