#pragma once

#include "pop3/Pop3Reply.h"

#include <QByteArray>
#include <QString>

namespace Petrel::Pop3 {

// One encoded command: the bytes for the wire, a form safe for logs, and the reply shape it expects.
// Invalid when an argument could not be encoded (CR, LF or NUL, empty, too long); error says why.
struct Pop3Command
{
    QByteArray wire;     // including CRLF
    QByteArray redacted; // without CRLF; credentials replaced by ***
    Pop3ReplyShape shape = Pop3ReplyShape::Status;
    QString error;

    bool isValid() const { return error.isEmpty() && !wire.isEmpty(); }
};

} // namespace Petrel::Pop3
