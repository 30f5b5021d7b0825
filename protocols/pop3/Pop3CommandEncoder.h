#pragma once

#include "pop3/Pop3Command.h"

#include <QString>

namespace Petrel::Pop3 {

// Every POP3 command as bytes (RFC 1939, 2449, 2595, 5034). Pure: testable by byte comparison.
// Arguments containing CR, LF or NUL are refused (an invalid Pop3Command), so no argument can
// smuggle a second command onto the wire.
class Pop3CommandEncoder
{
public:
    static Pop3Command capa();
    static Pop3Command stls();
    static Pop3Command user(const QString &name);
    static Pop3Command pass(const QString &password);
    static Pop3Command apop(const QString &name, const QByteArray &hexDigest);
    // "AUTH PLAIN <initial response>" (RFC 5034); the response is base64("\0" login "\0" password).
    static Pop3Command authPlain(const QString &login, const QString &password);
    // "AUTH PLAIN" alone, for a response too long for the command line; then plainResponse().
    static Pop3Command authPlainWithoutInitialResponse();
    static Pop3Command plainResponse(const QString &login, const QString &password);
    static Pop3Command cancelAuthentication(); // "*"
    static Pop3Command stat();
    static Pop3Command list(quint32 number = 0); // 0: all messages (multi-line)
    static Pop3Command uidl(quint32 number = 0); // 0: all messages (multi-line)
    static Pop3Command retr(quint32 number);
    static Pop3Command top(quint32 number, quint32 lines);
    static Pop3Command dele(quint32 number);
    static Pop3Command rset();
    static Pop3Command noop();
    static Pop3Command quit();

    // RFC 5034: an AUTH command line with its initial response may hold at most 255 octets.
    static constexpr int maxAuthLineLength = 255;
};

} // namespace Petrel::Pop3
