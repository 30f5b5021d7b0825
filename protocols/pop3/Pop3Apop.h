#pragma once

#include <QByteArray>
#include <QString>

namespace Petrel::Pop3 {

// APOP (RFC 1939 section 7): MD5 over the greeting's "<...>" timestamp followed by the password.
// Only used when the account is configured for it: MD5 is weak, but the password stays off the wire.
class Pop3Apop
{
public:
    // The "<...>" timestamp of a greeting's text, brackets included; empty if there is none.
    static QByteArray timestamp(const QByteArray &greetingText);
    // Lower-case hex MD5 of timestamp + password.
    static QByteArray digest(const QByteArray &timestamp, const QString &password);
};

} // namespace Petrel::Pop3
