#pragma once

#include "net/Security.h"
#include "net/ConnectionSettings.h"
#include "store/AccountRow.h"
#include "sync/imap/ImapOfflinePolicy.h"
#include "sync/pop3/Pop3Retention.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace Petrel::Core {

using IncomingProtocol = Store::AccountProtocol;

// How a connection is protected. Implicit TLS (RFC 8314) is the default for new accounts;
// None exists only as an explicit per-account opt-out.
using Security = Net::Security;

struct ServerSettings
{
    QString host;
    quint16 port = 0;        // 0: the protocol's default for the chosen security
    Security security = Security::ImplicitTls;
    QString userName;        // empty: the account's address
};

// Everything Petrel knows about an account except its password, which lives in the keychain under
// credentialKey. Persisted as JSON in the store's accounts table.
struct AccountSettings
{
    QString name;                 // unique, chosen by the user ("Work")
    QString address;              // alice@example.org
    QString displayName;          // "Alice Example"
    IncomingProtocol protocol = IncomingProtocol::Imap;
    ServerSettings incoming;
    ServerSettings outgoing;      // SMTP submission
    QString trustedCaFile;        // extra CA trusted for this account's servers (PEM)
    QString pinnedCertificateSha256; // a certificate the user accepted, by fingerprint (hex)
    // The SMTP server's accepted certificate where it differs from the incoming server's; empty:
    // the incoming pin applies to SMTP only when both are the same host.
    QString outgoingPinnedCertificateSha256;
    QString credentialKey;        // keychain key; stable across renames
    Pop3Retention pop3Retention;  // POP3 only: when messages leave the server (default: never)
    int checkIntervalMinutes = 0; // scheduled checks; 0: only when asked (0..MaxCheckIntervalMinutes)
    ImapOfflinePolicy imapOffline; // IMAP only: which bodies are downloaded ahead of time
    // IMAP only: folders kept open with IDLE (or polled where the server lacks IDLE) while online.
    QStringList imapWatchFolders{QStringLiteral("INBOX")};
    // After sending, Petrel files a copy in Sent; false where the server files sent mail itself
    // (Gmail and others), which would otherwise give two copies.
    bool saveSentCopy = true;

    static constexpr int MaxCheckIntervalMinutes = 7 * 24 * 60;
    static constexpr int MaxWatchFolders = 8;

    // The port actually used: the explicit one, or the default for protocol and security.
    quint16 incomingPort() const;
    quint16 outgoingPort() const;
    QString incomingUserName() const { return incoming.userName.isEmpty() ? address : incoming.userName; }
    QString outgoingUserName() const { return outgoing.userName.isEmpty() ? address : outgoing.userName; }

    // How to reach the incoming server: host, port, security and the account's trust settings.
    Net::ConnectionSettings incomingConnection() const;
    // How to reach the SMTP submission server, with the same trust settings.
    Net::ConnectionSettings outgoingConnection() const;

    // Empty when the settings can be saved; otherwise one message per problem.
    QStringList validate() const;

    // Settings-only JSON (name, address, display name and protocol are columns of their own).
    QJsonObject toJson() const;
    static AccountSettings fromJson(const QJsonObject &json);
};

QString securityName(Security security);
bool parseSecurity(const QString &text, Security *out);
quint16 defaultPort(IncomingProtocol protocol, Security security);
quint16 defaultSubmissionPort(Security security);

} // namespace Petrel::Core
