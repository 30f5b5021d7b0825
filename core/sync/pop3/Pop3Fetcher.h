#pragma once

#include "net/ConnectionSettings.h"
#include "pop3/Pop3Credentials.h"
#include "pop3/Pop3Limits.h"
#include "pop3/Pop3Result.h"
#include "store/Pop3Download.h"
#include "sync/pop3/Pop3FetchResult.h"
#include "sync/pop3/Pop3NewMessages.h"
#include "sync/pop3/Pop3Retention.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

namespace Petrel::Store {
class StoreWriter;
class Pop3UidlStore;
} // namespace Petrel::Store

namespace Petrel::Pop3 {
class Pop3Session;
}

namespace Petrel::Core {
class Pop3ArchiveWriter;
}

namespace Petrel::Core {

// One POP3 check of an account: log in, list by UIDL, RETR what the archive lacks (newest first,
// pipelined), commit each batch durably to the account's Inbox together with its UIDLs (on a
// writer thread, while the next batch downloads: Pop3ArchiveWriter), and only once every batch
// is committed DELE what the retention allows, then QUIT. A cut or crash at any point leaves every
// message on the server or in the archive; a rerun neither loses nor duplicates one.
// Without UIDL on the server, a message's id is "sha256:" + the SHA-256 of its TOP n 0 headers.
// Emits finished() exactly once, never from inside start().
class Pop3Fetcher : public QObject
{
    Q_OBJECT

public:
    using Clock = std::function<QDateTime()>;

    Pop3Fetcher(Store::StoreWriter &writer, qint64 accountId, QObject *parent = nullptr);
    ~Pop3Fetcher() override;

    void setConnectionSettings(const Net::ConnectionSettings &settings) { m_settings = settings; }
    void setCredentials(const Pop3::Pop3Credentials &credentials) { m_credentials = credentials; }
    void setRetention(const Pop3Retention &retention) { m_retention = retention; }
    void setClock(Clock clock) { m_clock = std::move(clock); }
    void setLimits(const Pop3::Pop3Limits &limits) { m_limits = limits; }
    // A batch is committed once it holds this many bytes or messages (whichever comes first).
    void setBatchLimits(qint64 bytes, int messages);

    // Starts the check; call once.
    void start();
    // Hard stop: the connection drops before any QUIT, so the server commits no DELE. What arrived
    // whole is still committed; finished() follows once it is.
    void abort();

Q_SIGNALS:
    void progressed(const Petrel::Core::Pop3FetchProgress &progress);
    // The messages one committed batch added to the archive (for watchers that report new mail).
    void stored(const QList<qint64> &messageIds);
    void finished(const Petrel::Core::Pop3FetchResult &result);

private:
    void requestListings();
    void onListed();
    void hashNext();
    void beginDownloads();
    void requestMore();
    void onRetrieved(const Pop3ServerMessage &message, const Pop3::Pop3Result &result);
    bool commitBatch(); // false: the store failed and the check has finished
    void onBatchCommitted(const Store::Pop3BatchResult &done);
    void onBatchFailed(const QString &error);
    void beginDeletes();
    void onQuit(const Pop3::Pop3Result &result);
    void failServer(const QString &what, const Pop3::Pop3Result &result);
    void fail(Pop3FetchResult::Error error, const QString &message);
    void finish();
    void emitFinished();
    void reportProgress();
    QDateTime now() const;

    Store::StoreWriter &m_writer;
    std::unique_ptr<Store::Pop3UidlStore> m_uidlStore;
    qint64 m_accountId;
    qint64 m_folderId = 0;
    Net::ConnectionSettings m_settings;
    Pop3::Pop3Credentials m_credentials;
    Pop3Retention m_retention;
    Clock m_clock;
    Pop3::Pop3Limits m_limits;
    qint64 m_batchBytesLimit = 8 * 1024 * 1024;
    int m_batchMessagesLimit = 100;

    QPointer<Pop3::Pop3Session> m_session;
    // Writes batches on its own thread and connection; null for a store without a file of its
    // own (then batches are written here, on the caller's connection).
    Pop3ArchiveWriter *m_archive = nullptr;
    bool m_deletesBegun = false;
    bool m_started = false;
    bool m_finished = false;
    bool m_noUidl = false;
    int m_listingRepliesPending = 0;
    QList<Pop3::Pop3UniqueId> m_uniqueIds;
    QList<Pop3::Pop3ScanListing> m_listings;
    int m_hashIndex = 0;

    QList<Pop3ServerMessage> m_onServer;
    QList<Pop3ServerMessage> m_toFetch;
    int m_nextToFetch = 0;
    int m_inFlight = 0;
    QList<Store::Pop3Download> m_batch;
    qint64 m_batchBytes = 0;

    QStringList m_deleting; // UIDLs with DELE sent
    QStringList m_deleted;  // UIDLs whose DELE was answered +OK
    int m_deletesPending = 0;

    Pop3FetchProgress m_progress;
    Pop3FetchResult m_result;
};

} // namespace Petrel::Core
