#pragma once

#include "net/Security.h"
#include "net/TlsPolicy.h"

#include <QString>

namespace Petrel::Net {

struct ConnectionSettings
{
    QString host;
    quint16 port = 0;
    Security security = Security::ImplicitTls;
    TlsPolicy tls;
    int connectTimeoutMs = 30000;    // name lookup + TCP + TLS handshake (also bounds a STARTTLS handshake)
    int idleTimeoutMs = 0;           // silence allowed while a reply is awaited; 0 = no limit
    int maxLineLength = 1024 * 1024; // longest line readLine() accepts, terminator excluded
};

} // namespace Petrel::Net
