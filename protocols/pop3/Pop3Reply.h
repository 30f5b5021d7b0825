#pragma once

#include "pop3/Pop3ResponseCode.h"

#include <QByteArray>

namespace Petrel::Pop3 {

// The shape of the reply a command expects; the parser needs it to know whether data follows +OK.
enum class Pop3ReplyShape {
    Status,    // one status line
    MultiLine, // a status line and, after +OK, data lines up to "."
    Auth,      // a status line or an AUTH continuation "+ base64"
};

// One complete server reply.
struct Pop3Reply
{
    enum class Status { Ok, Err, Continuation };

    Status status = Status::Err;
    Pop3ResponseCode code; // extended response code, if the text began with one
    QByteArray text;       // the status text after the code (Continuation: the base64 challenge)
    QByteArray data;       // multi-line data, dot-unstuffed, each line ending in CRLF; "." excluded

    bool isOk() const { return status == Status::Ok; }
};

} // namespace Petrel::Pop3
