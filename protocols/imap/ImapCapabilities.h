#pragma once

#include <QByteArray>
#include <QList>

namespace Petrel::Imap {

// One bit per capability Petrel knows, so a check is a mask test; AUTH= mechanisms and unknown
// capabilities are kept as strings (upper-cased, as capability names are case-insensitive).
enum class ImapCapability : quint8 {
    Imap4rev1,
    Imap4rev2,
    StartTls,
    LoginDisabled,
    AuthPlain,
    AuthLogin,
    AuthXOAuth2,
    AuthOAuthBearer,
    SaslIr,
    Idle,
    LiteralPlus,
    LiteralMinus,
    UidPlus,
    Move,
    CondStore,
    QResync,
    Enable,
    Id,
    Namespace,
    SpecialUse,
    CreateSpecialUse,
    ListExtended,
    ListStatus,
    Utf8Accept,
    Utf8Only,
    ESearch,
    Binary,
    Unselect,
    Children,
    Quota,
    Sort,
    Thread,
    AppendLimit,
    ObjectId,
    StatusSize,
    Count // not a capability: the number of bits
};

class ImapCapabilities
{
public:
    ImapCapabilities() = default;
    // From the atoms of a CAPABILITY response or response code.
    static ImapCapabilities fromAtoms(const QList<QByteArray> &atoms);
    static QByteArray name(ImapCapability capability);

    bool has(ImapCapability capability) const { return m_bits & bit(capability); }
    void insert(ImapCapability capability) { m_bits |= bit(capability); }
    bool hasAuthMechanism(const QByteArray &mechanism) const;
    bool isEmpty() const { return m_bits == 0 && m_authMechanisms.isEmpty() && m_unknown.isEmpty(); }

    quint64 bits() const { return m_bits; }
    const QList<QByteArray> &authMechanisms() const { return m_authMechanisms; } // "PLAIN", "LOGIN"...
    const QList<QByteArray> &unknown() const { return m_unknown; }

    bool operator==(const ImapCapabilities &) const = default;

private:
    static quint64 bit(ImapCapability c) { return quint64(1) << quint8(c); }

    quint64 m_bits = 0;
    QList<QByteArray> m_authMechanisms;
    QList<QByteArray> m_unknown;
};

} // namespace Petrel::Imap
