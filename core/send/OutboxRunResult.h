#pragma once

#include <QMetaType>
#include <QString>
#include <QStringList>

namespace Petrel::Core {

// What one pass of OutboxSender did. error is set when the pass could not do its work (the
// server could not be reached or refused the login, or the store failed); per-message outcomes
// are in the counts and in the outbox rows themselves.
struct OutboxRunResult
{
    enum class Error { None, Server, Store, Cancelled, Busy };
    Error error = Error::None;
    QString message;          // for the user: what failed, in the server's words where it spoke
    int sent = 0;             // taken by the server (after the final 250)
    int resolvedFromSent = 0; // "unknown" messages found in Sent, so known to be delivered
    int retryLater = 0;       // not delivered; queued again with a later attempt time
    int failed = 0;           // refused for good (5xx): kept for the user
    int unknown = 0;          // the body left, no answer came: maybe delivered, not resent
    QStringList warnings;     // e.g. recipients the server refused, a Sent copy not filed

    bool isOk() const { return error == Error::None; }
};

} // namespace Petrel::Core

Q_DECLARE_METATYPE(Petrel::Core::OutboxRunResult)
