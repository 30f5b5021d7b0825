#pragma once

#include <QtGlobal>

namespace Petrel::Pop3 {

// What a server may make the client hold. Each bound turns a broken or hostile server into a
// Protocol error instead of unbounded memory; nothing is ever allocated from a size the server sent.
struct Pop3Limits
{
    qint64 maxStatusLineLength = 8 * 1024;         // RFC 2449 allows 512 octets; margin for real servers
    qint64 maxDataLineLength = 1024 * 1024;        // one line inside a multi-line reply
    qint64 maxMessageSize = 64LL * 1024 * 1024;    // RETR and TOP bodies (after dot-unstuffing)
    qint64 maxListingSize = 1024 * 1024;           // CAPA, LIST, UIDL bodies
    int maxPipelined = 32;                         // commands in flight when the server offers PIPELINING
};

} // namespace Petrel::Pop3
