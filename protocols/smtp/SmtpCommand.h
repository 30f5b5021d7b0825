#pragma once

#include <QByteArray>
#include <QString>

namespace Petrel::Smtp {

// One encoded command: the bytes for the wire and a form safe for logs. Invalid when an argument
// could not be encoded (CR, LF, NUL, angle brackets, empty, too long); error says why.
struct SmtpCommand
{
    QByteArray wire;     // including CRLF
    QByteArray redacted; // without CRLF; credentials replaced by ***
    QString error;

    bool isValid() const { return error.isEmpty() && !wire.isEmpty(); }
};

} // namespace Petrel::Smtp
