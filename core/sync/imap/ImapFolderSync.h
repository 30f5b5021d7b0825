#pragma once

#include "imap/ImapFetchData.h"
#include "imap/ImapResult.h"
#include "imap/ImapSelectInfo.h"
#include "imap/ImapSequenceSet.h"
#include "store/FolderRow.h"
#include "store/ImapFolderCache.h"
#include "store/MessageRecord.h"
#include "sync/imap/ImapOfflinePolicy.h"
#include "sync/imap/ImapSyncPlan.h"
#include "sync/imap/ImapSyncResult.h"
#include "sync/imap/ImapSyncStep.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

namespace Petrel::Store {
class StoreWriter;
class WriterThread;
} // namespace Petrel::Store

namespace Petrel::Imap {
class ImapSession;
class ImapOperation;
class ImapFetchOperation;
} // namespace Petrel::Imap

namespace Petrel::Core {

// One folder's part of a sync pass, on a logged-in session: SELECT (with QRESYNC or CONDSTORE when
// the session enabled them), the UIDVALIDITY check, flag changes (from QRESYNC, else CHANGEDSINCE,
// else all flags), expunges (VANISHED and a UID SEARCH ALL comparison), then the new messages in
// batches, newest first (a larger folder the cache holds nothing of gets its newest
// NewestBeforeListing by sequence number before the UID SEARCH, so they are listed whatever the
// folder's size), one store transaction per batch, then the folder's sync state. Last the
// bodies phase: the cached headers-only messages the body rule wants get their bodies, newest first,
// in batches bounded by count and bytes (a body is never fetched twice: only has_body = 0 rows).
// Both phases keep two FETCHes on the wire: the server answers the next batch while this one is
// parsed and stored. The server answers them in order and each batch commits alone, so a cut
// leaves whole batches, newest first, and the next pass fetches the rest.
// finished() comes exactly once; counts go into the result passed in.
class ImapFolderSync : public ImapSyncStep
{
    Q_OBJECT

public:
    static constexpr int NewestBeforeListing = 500; // a new folder's messages listed before its UID SEARCH

    struct Options
    {
        int batchSize = 50;       // new messages in the first FETCH (and store transaction)
        int maxBatchSize = 1000;  // later batches double up to this (ImapSyncPlan::newMessageBatches)
        ImapBodyRule bodies; // which messages should hold their body
        // Rule All: BODY.PEEK[] in the new messages' FETCH itself rather than in the bodies phase.
        bool bodiesWithEnvelope = false;
        qint64 bodyBatchBytes = 8 * 1024 * 1024; // bytes per bodies-phase FETCH (one message may exceed it)
    };

    ImapFolderSync(Imap::ImapSession *session, Store::StoreWriter &writer, const Store::FolderRow &folder,
                   const Options &options, ImapSyncResult *result, QObject *parent = nullptr);
    ~ImapFolderSync() override;

    void start();

Q_SIGNALS:
    // Stored new messages of this folder so far, of toFetch.
    void progressed(int fetched, int toFetch);
    // The store ids of the messages one batch added (for watchers that report new mail).
    void stored(const QList<qint64> &messageIds);
    // Bodies phase: bodies stored so far, of toFetch.
    void bodiesProgressed(int fetched, int toFetch);

private:
    void onSelected(const Imap::ImapResult &r);
    bool unchangedSinceLastPass(); // nothing to compare: see the .cpp
    void fetchFlagChanges();
    void fetchNewestBeforeListing();
    void searchAll();
    void onSearched(const QList<quint32> &serverUids);
    void fetchNextBatch();
    Imap::ImapFetchOperation *newMessagesFetch(const Imap::ImapSequenceSet &set);
    void startBatchFetch(const Imap::ImapSequenceSet &uids);
    // Starts a FETCH counted in flight; on success calls next, on failure ends with failure
    // (%1: the folder) and the server's words.
    void runFetch(Imap::ImapFetchOperation *op, const QString &failure, void (ImapFolderSync::*next)());
    void onBatch(const QList<Imap::ImapFetchData> &batch);
    struct StoredBatch // what the sync keeps of a stored batch of new messages
    {
        QList<quint32> uids;
        QList<Store::ImapCachedMessage> states; // flags of uids[i]
        QList<qint64> insertedIds;
        int withBody = 0;
    };
    void onNewStored(const StoredBatch &batch);
    void saveState();
    void planBodies();
    void fetchNextBodies();
    void startBodiesFetch(const Imap::ImapSequenceSet &uids);
    void onBodies(const QList<Imap::ImapFetchData> &batch);
    void onBodiesStored(const QList<quint32> &attached, int count);
    // Runs store work on the writer thread when there is one, else here; done() on this thread.
    void write(std::function<std::function<void()>(Store::StoreWriter &)> work);
    bool writesPending() const;
    bool ended() const { return isFinished() || m_ending.has_value(); }
    void failStore(const QString &error);
    // Ends the step once the writer thread has stored what it was given: the result then counts
    // everything this pass wrote, and nothing of this folder is written after finished().
    void finishAfterWrites(bool ok);
    void applyServerFlags(const QList<Imap::ImapFetchData> &data);
    void removeVanished(const Imap::ImapSequenceSet &uids);
    bool guard(const std::function<void()> &storeWork); // false: the store failed, finished
    void failServer(const QString &what, const Imap::ImapResult &r);
    template<typename Op>
    Op *run(Op *op, std::function<void(Op *, const Imap::ImapResult &)> done);

    QPointer<Imap::ImapSession> m_session;
    Store::StoreWriter &m_writer;
    Store::ImapFolderCache m_cache;
    Store::FolderRow m_folder;
    Options m_options;
    Imap::ImapSelectInfo m_info;
    bool m_usedQresync = false;
    QHash<quint32, Store::ImapCachedMessage> m_cached;
    QList<Imap::ImapSequenceSet> m_batches;
    static constexpr int FetchesInFlight = 2; // FETCH commands on the wire at once
    static constexpr int MaxBatchesWriting = 2; // fetched batches waiting for the writer thread, at most
    Store::WriterThread *m_writerThread = nullptr; // null for a store in memory: written here then
    std::optional<bool> m_ending; // finishAfterWrites() was called with this outcome
    int m_fetchesInFlight = 0;
    int m_nextBatch = 0;
    int m_fetched = 0;
    int m_toFetch = 0;
    bool m_uidsListed = false; // onSearched() planned the batches
    QSet<quint32> m_fetchedBeforeListing; // UIDs fetchNewestBeforeListing() brought
    QSet<quint32> m_newUids; // stored by this pass, for telling new bodies from completed ones
    ImapSyncPlan::BodyBatches m_bodyPlan;
    int m_nextBodyBatch = 0;
    int m_bodiesFetched = 0;
};

} // namespace Petrel::Core
