#pragma once

#include "TestServers.h"
#include "net/ConnectionSettings.h"
#include "sync/imap/ImapSyncResult.h"

#include <QMap>

#include <functional>
#include <QString>
#include <QStringList>

#include <memory>

namespace Petrel::Store {
class StoreWriter;
}

namespace Petrel::Core {
class ImapSyncEngine;
}

namespace Petrel::Test {

// What one message looks like, on either side, for comparison: sorted flag names (no \Recent),
// its Message-ID and its RFC822.SIZE.
struct ImapSyncSnapshotEntry
{
    QStringList flags;
    QString messageId;
    qint64 size = 0;
    bool operator==(const ImapSyncSnapshotEntry &) const = default;
};
using ImapSyncSnapshot = QMap<quint32, ImapSyncSnapshotEntry>; // by UID

// Shared steps of the IMAP sync integration tests: a store with one IMAP account for a fixture
// user, one synchronous pass, and both sides' view of a folder.
class ImapSyncHarness
{
public:
    // Adds an IMAP account for user, or uses the existing account named existingAccount (e.g.
    // one that petrel-cli added to a profile).
    ImapSyncHarness(const TestServers &servers, const TestUser &user, const QString &databasePath,
                    const QString &existingAccount = QString());
    ~ImapSyncHarness();

    qint64 accountId() const { return m_accountId; }
    Store::StoreWriter &writer() { return *m_writer; }
    QString databasePath() const { return m_path; }
    Net::ConnectionSettings settings() const;
    // The IMAP port to sync with (implicit TLS); the fixture's main Dovecot unless set.
    void setPort(quint16 port) { m_port = port; }
    // Runs one pass to its end; a second finished() turns the result into an error. configure, if
    // given, sets the engine up further (offline policy, ...) before it starts.
    Core::ImapSyncResult sync(int timeoutMs = 300000,
                              const std::function<void(Core::ImapSyncEngine &)> &configure = {});

    ImapSyncSnapshot stored(const QString &folder) const;
    ImapSyncSnapshot onServer(const QString &mailbox) const; // by doveadm fetch
    // "" when the cache holds exactly the server's messages of mailbox (UIDs, flags, Message-IDs,
    // sizes), else the first difference; the server side must not be empty.
    QString differences(const QString &mailbox) const;
    // The cache's message id of the message with this UID in folder; 0 if none.
    qint64 localId(const QString &folder, quint32 uid) const;
    int pendingOperations() const;
    QStringList storedFolders() const;
    int storedBodies(const QString &folder) const;

    // doveadm with "-u login" inserted after the command word(s); false + *error on failure.
    bool doveadm(const QStringList &commandWords, const QStringList &rest, QString *error,
                 QByteArray *out = nullptr) const;
    // Removes every mailbox but INBOX and empties INBOX.
    bool resetMailboxes(QString *error) const;
    // petrel-seed count messages into folder ("" for INBOX).
    bool seed(int count, const QString &folder, QString *error, int maxSize = 65536) const;

private:
    const TestServers &m_servers;
    TestUser m_user;
    QString m_path;
    std::unique_ptr<Store::StoreWriter> m_writer;
    qint64 m_accountId = 0;
    quint16 m_port = 0;
};

} // namespace Petrel::Test
