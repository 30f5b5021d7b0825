#pragma once

#include "smtp/SmtpReply.h"

#include <QByteArray>
#include <QFlags>
#include <QList>

namespace Petrel::Smtp {

// What a server offers, from its EHLO reply: one flag per extension, AUTH mechanisms, SIZE limit.
// Learned again after STARTTLS (RFC 3207: forget what was said in plaintext).
class SmtpCapabilities
{
public:
    enum Capability {
        StartTls = 1 << 0,            // RFC 3207
        Auth = 1 << 1,                // RFC 4954
        Pipelining = 1 << 2,          // RFC 2920
        Size = 1 << 3,                // RFC 1870
        EightBitMime = 1 << 4,        // RFC 6152
        SmtpUtf8 = 1 << 5,            // RFC 6531
        EnhancedStatusCodes = 1 << 6, // RFC 2034
        Chunking = 1 << 7,            // RFC 3030
        Dsn = 1 << 8,                 // RFC 3461
    };
    Q_DECLARE_FLAGS(Capabilities, Capability)

    // The first line of an EHLO reply is the server's name; each further line one extension.
    static SmtpCapabilities fromEhlo(const SmtpReply &reply);

    bool has(Capability capability) const { return m_flags.testFlag(capability); }
    Capabilities flags() const { return m_flags; }
    // Upper-case mechanism names, in the server's order.
    QList<QByteArray> authMechanisms() const { return m_mechanisms; }
    bool hasAuthMechanism(QByteArrayView mechanism) const;
    // SIZE's declared maximum message size in octets; 0 when the server states no limit.
    qint64 maximumSize() const { return m_maximumSize; }

private:
    Capabilities m_flags;
    QList<QByteArray> m_mechanisms;
    qint64 m_maximumSize = 0;
};

Q_DECLARE_OPERATORS_FOR_FLAGS(SmtpCapabilities::Capabilities)

} // namespace Petrel::Smtp
