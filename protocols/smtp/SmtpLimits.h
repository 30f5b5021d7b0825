#pragma once

namespace Petrel::Smtp {

// Bounds on what a server may send; exceeding one is a protocol error that closes the connection.
struct SmtpLimits
{
    int maxLineLength = 4096;    // one reply line, CRLF excluded (RFC 5321 asks for 512; servers vary)
    int maxLinesPerReply = 1000; // a multi-line reply that never ends is an error, not a hang
};

} // namespace Petrel::Smtp
