#pragma once

#include "TestServers.h"
#include "sync/imap/ImapOfflinePolicy.h"
#include "sync/imap/ImapSyncResult.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace Petrel::Store {
class StoreWriter;
}

namespace Petrel::Bench {

// One timed run of Petrel's own code (core/), the way the applications drive it.
struct PetrelRun
{
    double seconds = -1;      // start() to finished(); negative with error set on failure
    double firstListed = -1;  // sync: when the Inbox held the first `listedThreshold` new messages
    QString error;
    Core::ImapSyncResult sync;
    int count = 0;            // messages downloaded / sent
    bool ok() const { return seconds >= 0 && error.isEmpty(); }
};

Net::ConnectionSettings benchSettings(const Test::TestServers &servers, quint16 port);

// One ImapSyncEngine pass of the account under policy.
PetrelRun petrelImapSync(Store::StoreWriter &writer, qint64 accountId, const Test::TestServers &servers,
                         const Test::TestUser &user, const Core::ImapOfflinePolicy &policy, int listedThreshold = 0,
                         bool stopWhenListed = false);
// Opening one headers-only message: ImapBodyFetcher downloads its body.
PetrelRun petrelOpenMessage(Store::StoreWriter &writer, qint64 messageId, const Test::TestServers &servers,
                            const Test::TestUser &user);
// One Pop3Fetcher check (messages left on the server) into the POP3 account's archive.
PetrelRun petrelPop3(Store::StoreWriter &writer, qint64 accountId, const Test::TestServers &servers,
                     const Test::TestUser &user);
// The messages enter the account's outbox (not timed), then one OutboxSender pass sends them.
PetrelRun petrelOutbox(Store::StoreWriter &writer, qint64 accountId, const Test::TestServers &servers,
                       const Test::TestUser &user, const QString &recipient, const QList<QByteArray> &messages);

// Messages for the SMTP item: CRLF lines, no line starting with '.', ending in CRLF.
QList<QByteArray> benchMessages(const QString &from, const QString &to, int count);

} // namespace Petrel::Bench
