#pragma once

#include "TestServers.h"
#include "net/ConnectionSettings.h"
#include "sync/pop3/Pop3Fetcher.h"

#include <QByteArray>
#include <QList>
#include <QMultiHash>
#include <QString>

#include <memory>

namespace Petrel::Store {
class StoreWriter;
}

namespace Petrel::Test {

// Shared steps of the POP3 archive integration tests: a profile store with one POP3 account,
// one synchronous check, and both sides' contents keyed by Message-ID.
class Pop3SyncHarness
{
public:
    // Adds a POP3 account for user, or uses the existing account named existingAccount.
    Pop3SyncHarness(const TestServers &servers, const TestUser &user, const QString &databasePath,
                    const QString &existingAccount = QString());
    ~Pop3SyncHarness();

    qint64 accountId() const { return m_accountId; }
    Store::StoreWriter &writer() { return *m_writer; }

    Net::ConnectionSettings settings(quint16 port = 0) const; // 0: Dovecot's implicit-TLS port

    // Runs one check to its end (bounded by timeoutMs).
    Core::Pop3FetchResult fetch(const Core::Pop3Retention &retention, quint16 port = 0,
                                Core::Pop3Fetcher::Clock clock = {}, int timeoutMs = 300000);

    // Message-ID -> raw bytes of every archived message of the account (any folder).
    QMultiHash<QByteArray, QByteArray> archived() const;
    // Message-ID -> raw bytes of every message in the user's server maildir (LF line ends there).
    QMultiHash<QByteArray, QByteArray> onServer() const;
    QString integrityCheck() const;

    static QByteArray messageId(const QByteArray &raw);
    static QByteArray toLf(QByteArray raw);

private:
    const TestServers &m_servers;
    TestUser m_user;
    QString m_path;
    std::unique_ptr<Store::StoreWriter> m_writer;
    qint64 m_accountId = 0;
};

// Empties the user's INBOX on the server; false with a message on failure.
bool expungeAll(const TestServers &servers, const TestUser &user, QString *error);
// Injects count small messages with Message-IDs <tag-i@petrel.test> and waits for delivery.
bool injectNumbered(const TestServers &servers, const TestUser &user, const QByteArray &tag, int count,
                    QString *error);
int serverCount(const TestServers &servers, const TestUser &user);

} // namespace Petrel::Test
