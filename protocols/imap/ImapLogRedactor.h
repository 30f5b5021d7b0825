#pragma once

#include "imap/ImapResponse.h"

#include <QByteArray>

namespace Petrel::Imap {

// What the protocol logger passes every outgoing write through. It finds credentials itself:
// LOGIN passwords and AUTHENTICATE data in a command become ***, and so does every later write
// that can only be secret — SASL responses after a continuation, or the rest of a LOGIN split by
// a synchronising literal — until the tagged reply to that command arrives.
class ImapLogRedactor
{
public:
    QByteArray outgoing(const QByteArray &bytes);
    void responseReceived(const ImapResponse &response);
    bool isHidingWrites() const { return !m_secretTag.isEmpty(); }

private:
    QByteArray m_secretTag; // tag of the command whose later writes are secret
};

} // namespace Petrel::Imap
