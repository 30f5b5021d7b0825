#pragma once

#include <QByteArray>
#include <QByteArrayList>
#include <QFlags>

namespace Petrel::Pop3 {

// What the server announced in its CAPA reply (RFC 2449, RFC 2595 STLS, RFC 5034 SASL, RFC 6856
// UTF8): one bit per capability plus the values some of them carry. A server without CAPA has none.
class Pop3Capabilities
{
public:
    enum Flag {
        Top = 1 << 0,
        User = 1 << 1,
        Sasl = 1 << 2,
        RespCodes = 1 << 3,
        LoginDelay = 1 << 4,
        Pipelining = 1 << 5,
        Expire = 1 << 6,
        Uidl = 1 << 7,
        Implementation = 1 << 8,
        Stls = 1 << 9,
        Utf8 = 1 << 10,
        AuthRespCode = 1 << 11,
    };
    Q_DECLARE_FLAGS(Flags, Flag)

    // Parses a CAPA reply's data (lines ending in CRLF). Unknown capabilities are ignored.
    static Pop3Capabilities parse(const QByteArray &data);

    Flags flags() const { return m_flags; }
    bool has(Flag flag) const { return m_flags.testFlag(flag); }
    // Upper-cased SASL mechanism names, e.g. "PLAIN".
    QByteArrayList saslMechanisms() const { return m_saslMechanisms; }
    bool hasSaslMechanism(const QByteArray &name) const;
    QByteArray implementation() const { return m_implementation; }
    QByteArray expire() const { return m_expire; }         // "NEVER", a number of days, or empty
    QByteArray loginDelay() const { return m_loginDelay; } // seconds, as sent

private:
    Flags m_flags;
    QByteArrayList m_saslMechanisms;
    QByteArray m_implementation;
    QByteArray m_expire;
    QByteArray m_loginDelay;
};

} // namespace Petrel::Pop3

Q_DECLARE_OPERATORS_FOR_FLAGS(Petrel::Pop3::Pop3Capabilities::Flags)
