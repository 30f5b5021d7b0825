#include "smtp/SmtpResult.h"

namespace Petrel::Smtp {

QString SmtpResult::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Ok:
        return QStringLiteral("Ok");
    case Kind::Rejected:
        return QStringLiteral("Rejected");
    case Kind::TemporaryFailure:
        return QStringLiteral("TemporaryFailure");
    case Kind::NotSupported:
        return QStringLiteral("NotSupported");
    case Kind::InvalidState:
        return QStringLiteral("InvalidState");
    case Kind::Protocol:
        return QStringLiteral("Protocol");
    case Kind::Transport:
        return QStringLiteral("Transport");
    case Kind::Cancelled:
        return QStringLiteral("Cancelled");
    case Kind::Timeout:
        return QStringLiteral("Timeout");
    case Kind::TlsRequired:
        return QStringLiteral("TlsRequired");
    case Kind::AuthenticationFailed:
        return QStringLiteral("AuthenticationFailed");
    case Kind::SizeExceeded:
        return QStringLiteral("SizeExceeded");
    }
    return QStringLiteral("Unknown");
}

QString SmtpResult::stageName(Stage stage)
{
    switch (stage) {
    case Stage::None:
        return QStringLiteral("None");
    case Stage::Connect:
        return QStringLiteral("Connect");
    case Stage::Greeting:
        return QStringLiteral("Greeting");
    case Stage::Ehlo:
        return QStringLiteral("Ehlo");
    case Stage::StartTls:
        return QStringLiteral("StartTls");
    case Stage::Auth:
        return QStringLiteral("Auth");
    case Stage::MailFrom:
        return QStringLiteral("MailFrom");
    case Stage::RcptTo:
        return QStringLiteral("RcptTo");
    case Stage::Data:
        return QStringLiteral("Data");
    case Stage::Body:
        return QStringLiteral("Body");
    case Stage::FinalReply:
        return QStringLiteral("FinalReply");
    }
    return QStringLiteral("Unknown");
}

} // namespace Petrel::Smtp
