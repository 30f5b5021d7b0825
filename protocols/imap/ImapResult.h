#pragma once

#include "net/ConnectionError.h"
#include "imap/ImapResponseCode.h"

#include <QMetaType>
#include <QString>

#include <optional>

namespace Petrel::Imap {

// The one answer of an IMAP operation. Rejected, NotSupported, InvalidState and
// AuthenticationFailed keep the connection; Protocol, Transport, Timeout and TlsRequired mean the
// session closed it (and failed everything queued with the same result).
struct ImapResult
{
    enum class Kind {
        Ok,
        Rejected,             // tagged NO or BAD: serverText and code are the server's own
        NotSupported,         // the server lacks the capability; nothing was sent
        InvalidState,         // not possible now (not logged in, no mailbox selected, closed)
        Protocol,             // unparsable or out-of-step server data, or BYE; connection closed
        Transport,            // the connection failed: see transport
        Cancelled,
        Timeout,              // connect or idle timeout: see transport
        TlsRequired,          // TLS required and not to be had; no credential was sent
        AuthenticationFailed, // the server refused the credentials
    };

    Kind kind = Kind::Ok;
    QString message;    // what happened, for users and logs (never a credential)
    QString serverText; // text of the response that decided the result
    ImapResponseCode code;
    std::optional<Net::ConnectionError> transport; // Transport and Timeout

    bool isOk() const { return kind == Kind::Ok; }
    static ImapResult ok() { return {}; }
    static ImapResult make(Kind kind, const QString &message) { return {kind, message, {}, {}, {}}; }
    static QString kindName(Kind kind);
};

} // namespace Petrel::Imap

Q_DECLARE_METATYPE(Petrel::Imap::ImapResult)
