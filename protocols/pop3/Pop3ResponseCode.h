#pragma once

#include <QByteArray>

namespace Petrel::Pop3 {

// An extended response code (RFC 2449 "[CODE/SUB]", RFC 3206 SYS and AUTH, RFC 6856 UTF8) at the
// start of a status line's text.
struct Pop3ResponseCode
{
    enum class Kind {
        None,       // no code on the line
        InUse,      // IN-USE: the maildrop is locked by another session
        LoginDelay, // LOGIN-DELAY: logged in too recently
        SysTemp,    // SYS/TEMP: a temporary server problem
        SysPerm,    // SYS/PERM: a permanent server problem
        Sys,        // SYS without a known subcode
        Auth,       // AUTH: the credentials were wrong
        Utf8,       // UTF8
        Other,      // a well-formed code this client does not know
    };

    Kind kind = Kind::None;
    QByteArray raw; // the code as sent, without brackets, e.g. "SYS/TEMP"

    bool isNone() const { return kind == Kind::None; }
    // Recognises "CODE" or "CODE/SUB/..." (letters, digits, '-'); anything else is Kind::None.
    static Pop3ResponseCode fromText(const QByteArray &code);
};

} // namespace Petrel::Pop3
