#pragma once

#include "net/Security.h"

#include <QList>
#include <QMetaType>
#include <QString>

namespace Petrel::Core {

// What a server found during account setup speaks.
enum class ServerRole { Imap, Pop3, Smtp };

// Where a candidate came from, shown to the user ("found by DNS records").
enum class DiscoverySource { None, Srv, Autoconfig, ProviderTable, Probe };

// One server account setup may use. userName is already resolved for the address ("%EMAILADDRESS%"
// replaced); empty means "the address".
struct ServerCandidate
{
    ServerRole role = ServerRole::Imap;
    QString host;
    quint16 port = 0;
    Net::Security security = Net::Security::ImplicitTls;
    QString userName;
    DiscoverySource source = DiscoverySource::None;

    bool operator==(const ServerCandidate &other) const
    {
        return role == other.role && host == other.host && port == other.port && security == other.security
               && userName == other.userName;
    }
};

// What discovery found, best first in each list.
struct DiscoveryResult
{
    QList<ServerCandidate> imap;
    QList<ServerCandidate> pop3;
    QList<ServerCandidate> smtp;
    bool saveSentCopy = true; // false where the server files sent mail itself (Gmail)
    QString note;             // something the user should know (a provider without password access)

    bool hasIncoming() const { return !imap.isEmpty() || !pop3.isEmpty(); }
    bool isEmpty() const { return !hasIncoming() && smtp.isEmpty(); }
    QList<ServerCandidate> &listFor(ServerRole role)
    {
        return role == ServerRole::Imap ? imap : role == ServerRole::Pop3 ? pop3 : smtp;
    }
    // Adds candidate to its role's list unless an equal one is there.
    void add(const ServerCandidate &candidate)
    {
        QList<ServerCandidate> &list = listFor(candidate.role);
        if (!list.contains(candidate))
            list.append(candidate);
    }
};

// The domain of an address ("Example.ORG" of "a@Example.ORG" → "example.org"); empty if none.
inline QString addressDomain(const QString &address)
{
    const qsizetype at = address.lastIndexOf(QLatin1Char('@'));
    return at < 0 ? QString() : address.mid(at + 1).trimmed().toLower();
}

} // namespace Petrel::Core

Q_DECLARE_METATYPE(Petrel::Core::DiscoveryResult)
