#pragma once

#include "net/ConnectionError.h"
#include "smtp/SmtpRecipientResult.h"

#include <QList>
#include <QMetaType>
#include <QString>

namespace Petrel::Smtp {

// The one answer of SmtpSession::open() or of an SmtpSubmission. stage says where it ended, which
// is what an outbox needs: a failure before the final "." of DATA was sent means the message was
// not delivered and may be retried; deliveryUnknown means the final "." was sent but no reply was
// read (connection lost, timeout, garbage), so the server may have accepted it: never resend
// automatically.
struct SmtpResult
{
    enum class Kind {
        Ok,
        Rejected,         // 5xx: permanent; code, enhancedCode and serverText hold the server's words
        TemporaryFailure, // 4xx: try again later
        NotSupported,     // the server lacks what the message needs (8BITMIME, SMTPUTF8, a mechanism)
        InvalidState,     // not possible now (session not open) or bad input (an address)
        Protocol,         // malformed reply or a limit exceeded; the connection was closed
        Transport,        // the connection failed (transport)
        Cancelled,
        Timeout,              // connect or idle timeout (transport)
        TlsRequired,          // TLS required and not had; no credential and no message was sent
        AuthenticationFailed, // the server refused the credentials
        SizeExceeded,         // larger than the server's SIZE limit; nothing was sent for it
    };
    enum class Stage {
        None,
        Connect,
        Greeting,
        Ehlo,
        StartTls,
        Auth,
        MailFrom,
        RcptTo,
        Data,
        Body,
        FinalReply
    };

    Kind kind = Kind::Ok;
    Stage stage = Stage::None;
    bool deliveryUnknown = false;
    int code = 0;
    QString enhancedCode;
    QString serverText;
    QString message; // what happened, for users and logs (never a credential)
    QList<SmtpRecipientResult> recipients;
    Net::ConnectionError transport; // meaningful for Transport and Timeout
    bool hasTransportError = false;

    bool isOk() const { return kind == Kind::Ok; }
    // Not delivered for sure: the outbox may try again (now or later, depending on kind).
    bool isSafeToRetry() const { return kind != Kind::Ok && !deliveryUnknown; }
    static QString kindName(Kind kind);
    static QString stageName(Stage stage);
};

} // namespace Petrel::Smtp

Q_DECLARE_METATYPE(Petrel::Smtp::SmtpResult)
