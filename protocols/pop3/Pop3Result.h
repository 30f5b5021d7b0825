#pragma once

#include "net/ConnectionError.h"
#include "pop3/Pop3Listing.h"
#include "pop3/Pop3ResponseCode.h"

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace Petrel::Pop3 {

// The one answer of a POP3 operation: success with its typed data, or an error kind. Rejected
// (and the login kinds InUse, LoginDelay, AuthenticationFailed) keep the connection usable where
// the protocol allows; Protocol, Transport, Timeout and Cancelled mean the connection is gone.
struct Pop3Result
{
    enum class Error {
        None,
        Rejected,             // -ERR: serverText and code hold the server's own words
        NotSupported,         // the server does not offer it; nothing was sent
        InvalidState,         // not possible in the session's state (not logged in, after QUIT)
        Protocol,             // malformed reply or a limit exceeded; the connection was closed
        Transport,            // the connection failed (connectionError)
        Cancelled,
        Timeout,              // connect or idle timeout (connectionError)
        TlsRequired,          // TLS was required and could not be had; no credential was sent
        AuthenticationFailed, // the server refused the credentials
        InUse,                // [IN-USE]: another session holds the maildrop
        LoginDelay,           // [LOGIN-DELAY]: logged in too recently
    };

    Error error = Error::None;
    QString message;       // what happened, for users and logs (never a credential)
    QByteArray serverText; // the status text of the reply that decided the result
    Pop3ResponseCode code;
    std::optional<Net::ConnectionError> connectionError;

    // Typed data, filled by the operation that produces it.
    Pop3Stat stat;
    QList<Pop3ScanListing> listings;  // LIST (one entry for LIST n)
    QList<Pop3UniqueId> uniqueIds;    // UIDL (one entry for UIDL n)
    QByteArray data;                  // RETR, TOP: the message bytes, CRLF lines, dot-unstuffed

    bool isOk() const { return error == Error::None; }
    static QString errorName(Error error);
};

} // namespace Petrel::Pop3

Q_DECLARE_METATYPE(Petrel::Pop3::Pop3Result)
