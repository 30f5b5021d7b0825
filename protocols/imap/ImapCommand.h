#pragma once

#include <QByteArray>
#include <QList>

namespace Petrel::Imap {

// A piece of a command as written to the socket. When waitForContinuation is set the session must
// wait for the server's "+" before it sends the next chunk (a synchronising literal, or SASL
// without an initial response).
struct ImapCommandChunk
{
    QByteArray bytes;
    bool waitForContinuation = false;
    bool operator==(const ImapCommandChunk &) const = default;
};

// One encoded command: its tag, its name (for logs and dispatch) and its chunks.
struct ImapCommand
{
    QByteArray tag;
    QByteArray name; // "LOGIN", "UID FETCH", ...
    QList<ImapCommandChunk> chunks;

    QByteArray bytes() const
    {
        QByteArray all;
        for (const auto &c : chunks)
            all += c.bytes;
        return all;
    }
};

} // namespace Petrel::Imap
