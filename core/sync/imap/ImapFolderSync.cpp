#include "sync/imap/ImapFolderSync.h"

#include "imap/ImapFetchOperation.h"
#include "imap/ImapParserLimits.h"
#include "imap/ImapSearchOperation.h"
#include "imap/ImapSelectOperation.h"
#include "imap/ImapSession.h"
#include "store/Database.h"
#include "store/StoreError.h"
#include "store/StoreWriter.h"
#include "store/WriterThread.h"
#include "sync/imap/ImapRecordBuilder.h"
#include "sync/imap/ImapSyncPlan.h"

#include <QTimer>

#include <limits>

namespace Petrel::Core {

ImapFolderSync::ImapFolderSync(Imap::ImapSession *session, Store::StoreWriter &writer, const Store::FolderRow &folder,
                               const Options &options, ImapSyncResult *result, QObject *parent)
    : ImapSyncStep(result, parent), m_session(session), m_writer(writer), m_cache(writer.database()), m_folder(folder),
      m_options(options)
{
}

ImapFolderSync::~ImapFolderSync() = default;

template<typename Op>
Op *ImapFolderSync::run(Op *op, std::function<void(Op *, const Imap::ImapResult &)> done)
{
    m_op = op;
    connect(op, &Imap::ImapOperation::finished, this, [this, op, done](const Imap::ImapResult &r) {
        op->deleteLater();
        if (m_op == op)
            m_op.clear();
        if (!isFinished())
            done(op, r);
    });
    op->start();
    return op;
}

void ImapFolderSync::start()
{
    if (!m_session) {
        finish(false);
        return;
    }
    // Parsing and storing a batch costs more than the server takes to send the next one: on a
    // thread of their own the two overlap (tests/benchmarks/README.md, item 1).
    if (Store::Database::canOpenTwice(m_writer.database().path()))
        m_writerThread = new Store::WriterThread(m_writer.database().path(), this);
    Imap::ImapSelectOptions options;
    options.condStore = m_session->isEnabled("CONDSTORE") || m_session->hasCapability(Imap::ImapCapability::CondStore);
    // QRESYNC needs what we knew last time; a first sync has nothing to resync from.
    if (m_session->isEnabled("QRESYNC") && m_folder.uidValidity > 0 && m_folder.highestModSeq > 0) {
        Imap::ImapSelectOptions::QResync q;
        q.uidValidity = quint64(m_folder.uidValidity);
        q.modSeq = quint64(m_folder.highestModSeq);
        options.qresync = q;
        m_usedQresync = true;
    }
    run<Imap::ImapSelectOperation>(new Imap::ImapSelectOperation(m_session, m_folder.path, options, this),
                                   [this](Imap::ImapSelectOperation *op, const Imap::ImapResult &r) {
                                       m_info = op->info();
                                       onSelected(r);
                                   });
}

void ImapFolderSync::onSelected(const Imap::ImapResult &r)
{
    if (!r.isOk()) {
        failServer(QStringLiteral("Opening folder '%1' failed").arg(m_folder.path), r);
        return;
    }
    using Action = ImapSyncPlan::UidValidityAction;
    const Action action = ImapSyncPlan::uidValidityAction(quint64(m_folder.uidValidity), m_info.uidValidity);
    if (action == Action::Discard) {
        if (!guard([this] { m_cache.discardFolder(m_folder.id); }))
            return;
        ++m_result->foldersDiscarded;
        m_folder.highestModSeq = 0;
        m_usedQresync = false; // what QRESYNC reported refers to UIDs we no longer hold
    }
    if (unchangedSinceLastPass()) {
        saveState(); // the new HIGHESTMODSEQ; then the bodies phase as usual
        return;
    }
    if (ended()) // the store failed while counting
        return;
    if (!guard([this] { m_cached = m_cache.messages(m_folder.id); }))
        return;
    if (m_usedQresync) {
        removeVanished(m_info.vanished);
        applyServerFlags(m_info.changes);
        if (ended())
            return;
        searchAll();
        return;
    }
    fetchFlagChanges();
}

bool ImapFolderSync::unchangedSinceLastPass()
{
    // QRESYNC reported no expunge and no flag change, no UID was assigned since the last pass
    // (UIDNEXT), and the server counts as many messages as the cache. Then the cache equals the
    // server: an expunge would be in VANISHED, an arrival would raise UIDNEXT, and a message the
    // cache alone lost would make the counts differ. Reading every cached UID and the server's
    // whole UID list was most of a no-change resync at 100,000 messages (tests/benchmarks/README.md).
    if (!m_usedQresync || !m_info.vanished.isEmpty() || !m_info.changes.isEmpty() || !m_info.uidNext ||
        *m_info.uidNext != quint64(m_folder.uidNext) || m_folder.uidNext <= 0)
        return false;
    int cached = -1;
    if (!guard([&] { cached = m_cache.messageCount(m_folder.id); }))
        return false;
    return cached >= 0 && quint64(cached) == m_info.exists;
}

void ImapFolderSync::fetchFlagChanges()
{
    if (m_cached.isEmpty()) {
        fetchNewestBeforeListing();
        return;
    }
    // With CONDSTORE only what changed since the last pass; without it every cached message's flags.
    const bool changedSince = m_info.highestModSeq && !m_info.noModSeq && m_folder.highestModSeq > 0;
    auto *op = new Imap::ImapFetchOperation(m_session, Imap::ImapSequenceSet(1, Imap::ImapSequenceSet::Star),
                                            {QByteArrayLiteral("UID"), QByteArrayLiteral("FLAGS")}, this);
    if (changedSince)
        op->setChangedSince(quint64(m_folder.highestModSeq));
    op->setBatchSize(1000);
    connect(op, &Imap::ImapFetchOperation::fetched, this,
            [this](const QList<Imap::ImapFetchData> &batch) { applyServerFlags(batch); });
    run<Imap::ImapFetchOperation>(op, [this](Imap::ImapFetchOperation *, const Imap::ImapResult &r) {
        if (!r.isOk()) {
            failServer(QStringLiteral("Reading flags in '%1' failed").arg(m_folder.path), r);
            return;
        }
        searchAll();
    });
}

void ImapFolderSync::applyServerFlags(const QList<Imap::ImapFetchData> &data)
{
    if (ended())
        return;
    QList<Store::ImapFlagUpdate> server;
    for (const Imap::ImapFetchData &d : data) {
        if (d.uid && d.flags)
            server.append(ImapSyncPlan::flagUpdate(*d.uid, *d.flags));
    }
    const QList<Store::ImapFlagUpdate> changed = ImapSyncPlan::changedFlags(server, m_cached);
    if (changed.isEmpty())
        return;
    int count = 0;
    if (!guard([&] { count = m_cache.applyFlags(m_folder.id, changed); }))
        return;
    m_result->flagChanges += count;
    for (const Store::ImapFlagUpdate &u : changed) {
        m_cached[u.uid].flags = u.flags;
        m_cached[u.uid].keywords = u.keywords;
    }
}

void ImapFolderSync::removeVanished(const Imap::ImapSequenceSet &uids)
{
    if (uids.isEmpty() || ended())
        return;
    QList<quint32> gone;
    for (auto it = m_cached.cbegin(); it != m_cached.cend(); ++it) {
        if (uids.contains(it.key()))
            gone.append(it.key());
    }
    int count = 0;
    if (!guard([&] { count = m_cache.removeUids(m_folder.id, gone); }))
        return;
    m_result->expunged += count;
    for (quint32 uid : std::as_const(gone))
        m_cached.remove(uid);
}

void ImapFolderSync::fetchNewestBeforeListing()
{
    // The cache holds nothing of this folder: its newest messages first, by sequence number (the
    // newest are the last), before the UID SEARCH of the whole folder, which at 1,000,000 messages
    // takes seconds to answer and plan (tests/benchmarks/README.md, item 1's newest 500). A UID
    // the search then lists again is not fetched twice (onSearched). A folder that small is
    // listed as soon by its first batches.
    if (m_info.exists <= quint64(NewestBeforeListing) || m_info.exists > std::numeric_limits<quint32>::max()) {
        searchAll();
        return;
    }
    const auto last = quint32(m_info.exists);
    const quint32 first = last - quint32(NewestBeforeListing) + 1;
    m_toFetch = int(qMin<quint64>(m_info.exists, quint64(std::numeric_limits<int>::max())));
    Imap::ImapFetchOperation *op = newMessagesFetch(Imap::ImapSequenceSet(first, last));
    op->setBySequenceNumber(true);
    runFetch(op, QStringLiteral("Fetching the newest messages of '%1' failed"), &ImapFolderSync::searchAll);
}

void ImapFolderSync::searchAll()
{
    // The server's whole UID set: what it lacks was expunged, what we lack is new. QRESYNC's
    // VANISHED already covered the first; this also catches servers that report it late or not at all.
    auto *search = new Imap::ImapSearchOperation(m_session, {Imap::ImapSearchArg::key("ALL")}, this);
    // Room for messages delivered since SELECT; a million UIDs as one plain SEARCH line would
    // exceed the line limit.
    search->setCompactResult(m_info.exists * 2 + 100000);
    // Without ESEARCH: UID windows of at most 50,000 messages each, bounded by the message count.
    search->setMessageCount(m_info.exists);
    search->setUidUpperBound(m_info.uidNext.value_or(0));
    run<Imap::ImapSearchOperation>(
        search,
        [this](Imap::ImapSearchOperation *op, const Imap::ImapResult &r) {
            if (!r.isOk()) {
                failServer(QStringLiteral("Listing the messages of '%1' failed").arg(m_folder.path), r);
                return;
            }
            onSearched(op->uids());
        });
}

void ImapFolderSync::onSearched(const QList<quint32> &serverUids)
{
    QSet<quint32> cached;
    for (auto it = m_cached.cbegin(); it != m_cached.cend(); ++it)
        cached.insert(it.key());
    // Those fetched before listing may still be on their way to the store: never expunged from it
    // here (one the server lost meanwhile goes at the next pass), never fetched again.
    const QList<quint32> gone = ImapSyncPlan::expungedUids(cached, serverUids);
    if (!gone.isEmpty()) {
        int count = 0;
        if (!guard([&] { count = m_cache.removeUids(m_folder.id, gone); }))
            return;
        m_result->expunged += count;
        for (quint32 uid : gone)
            cached.remove(uid);
    }
    cached.unite(m_fetchedBeforeListing);
    m_batches = ImapSyncPlan::newMessageBatches(serverUids, cached, m_options.batchSize,
                                                qMax(m_options.batchSize, m_options.maxBatchSize));
    m_uidsListed = true;
    m_toFetch = int(m_fetchedBeforeListing.size());
    for (const Imap::ImapSequenceSet &b : std::as_const(m_batches))
        m_toFetch += int(b.count());
    Q_EMIT progressed(m_fetched, m_toFetch);
    fetchNextBatch();
}

void ImapFolderSync::fetchNextBatch()
{
    if (!m_uidsListed) // fetchNewestBeforeListing() is on the wire: its end lists the UIDs
        return;
    // Up to FetchesInFlight FETCHes on the wire: the server already answers the next batch while
    // this one is parsed and stored; memory holds at most that many batches plus those waiting
    // for the writer thread.
    while (m_fetchesInFlight < FetchesInFlight && m_nextBatch < m_batches.size() && !ended() &&
           !(m_writerThread && m_writerThread->pending() >= MaxBatchesWriting))
        startBatchFetch(m_batches.at(m_nextBatch++));
    if (m_nextBatch >= m_batches.size() && m_fetchesInFlight == 0 && !writesPending() && !ended())
        saveState();
}

Imap::ImapFetchOperation *ImapFolderSync::newMessagesFetch(const Imap::ImapSequenceSet &set)
{
    // No ENVELOPE: the record is built from the header fields (recordFromFetch), as with BODY[].
    const bool withBodies = m_options.bodiesWithEnvelope && m_options.bodies.kind == ImapBodyRule::Kind::All;
    const QList<QByteArray> items = {"UID", "FLAGS", "INTERNALDATE", "RFC822.SIZE", "BODYSTRUCTURE",
                                     withBodies ? QByteArrayLiteral("BODY.PEEK[]") : headerFetchItem()};
    auto *op = new Imap::ImapFetchOperation(m_session, set, items, this);
    op->setBatchSize(int(qMax<qsizetype>(1, set.count()))); // one store transaction per FETCH
    connect(op, &Imap::ImapFetchOperation::fetched, this, &ImapFolderSync::onBatch);
    return op;
}

void ImapFolderSync::startBatchFetch(const Imap::ImapSequenceSet &uids)
{
    runFetch(newMessagesFetch(uids), QStringLiteral("Fetching messages of '%1' failed"),
             &ImapFolderSync::fetchNextBatch);
}

void ImapFolderSync::runFetch(Imap::ImapFetchOperation *op, const QString &failure, void (ImapFolderSync::*next)())
{
    ++m_fetchesInFlight;
    run<Imap::ImapFetchOperation>(op, [this, failure, next](Imap::ImapFetchOperation *, const Imap::ImapResult &r) {
        --m_fetchesInFlight;
        if (!r.isOk()) {
            failServer(failure.arg(m_folder.path), r);
            return;
        }
        (this->*next)();
    });
}

void ImapFolderSync::onBatch(const QList<Imap::ImapFetchData> &batch)
{
    if (ended())
        return;
    // Records are built here and stored on the writer thread: storing is the larger half.
    QList<Store::MessageRecord> records;
    records.reserve(batch.size());
    StoredBatch stored;
    for (const Imap::ImapFetchData &d : batch) {
        if (!d.uid)
            continue;
        if (!m_uidsListed)
            m_fetchedBeforeListing.insert(*d.uid);
        records.append(recordFromFetch(d));
        const Store::MessageRecord &r = records.constLast();
        if (!r.raw.isEmpty())
            ++stored.withBody;
        stored.uids.append(*d.uid);
        stored.states.append({0, r.flags, r.keywords});
    }
    const qint64 folderId = m_folder.id;
    write([this, folderId, records = std::move(records),
           stored = std::move(stored)](Store::StoreWriter &writer) mutable -> std::function<void()> {
        stored.insertedIds = writer.insertMessages(folderId, records, Store::DuplicatePolicy::SkipSameRemoteId,
                                                   Store::Durability::Refetchable)
                                 .insertedIds;
        return [this, stored = std::move(stored)] { onNewStored(stored); };
    });
}

void ImapFolderSync::onNewStored(const StoredBatch &batch)
{
    const int added = int(batch.insertedIds.size());
    m_result->newMessages += added;
    m_result->withBody += qMin(batch.withBody, added);
    m_fetched += int(batch.uids.size());
    for (qsizetype i = 0; i < batch.uids.size(); ++i) {
        m_cached.insert(batch.uids.at(i), batch.states.at(i));
        m_newUids.insert(batch.uids.at(i));
    }
    if (added > 0)
        Q_EMIT stored(batch.insertedIds);
    Q_EMIT progressed(m_fetched, m_toFetch);
    fetchNextBatch();
}

void ImapFolderSync::saveState()
{
    quint64 uidNext = m_info.uidNext.value_or(0);
    if (uidNext == 0) {
        for (auto it = m_cached.cbegin(); it != m_cached.cend(); ++it)
            uidNext = qMax<quint64>(uidNext, quint64(it.key()) + 1);
    }
    const quint64 modSeq = m_info.noModSeq ? 0 : m_info.highestModSeq.value_or(0);
    if (!guard([&] {
            m_writer.setFolderSyncState(m_folder.id, qint64(m_info.uidValidity), qint64(uidNext), qint64(modSeq));
        }))
        return;
    planBodies();
}

void ImapFolderSync::planBodies()
{
    if (!m_options.bodies.wantsAny()) {
        finish(true);
        return;
    }
    // From the cache, not from what this pass fetched: messages left headers-only by an earlier
    // pass or an earlier policy are caught up too.
    const QDateTime since = m_options.bodies.kind == ImapBodyRule::Kind::Recent ? m_options.bodies.since : QDateTime();
    QList<Store::ImapBodylessMessage> bodyless;
    if (!guard([&] { bodyless = m_cache.bodylessMessages(m_folder.id, since); }))
        return;
    // The parser refuses larger literals, and such a response would end the connection.
    const qint64 maxMessage = Imap::ImapParserLimits().maxLiteralSize;
    m_bodyPlan = ImapSyncPlan::bodyBatches(bodyless, m_options.batchSize, m_options.bodyBatchBytes, maxMessage);
    if (!m_bodyPlan.tooLarge.isEmpty()) {
        m_result->bodiesTooLarge += int(m_bodyPlan.tooLarge.size());
        m_result->warnings.append(QStringLiteral("'%1': %2 messages are larger than %3 MB; only their headers are kept")
                                      .arg(m_folder.path)
                                      .arg(m_bodyPlan.tooLarge.size())
                                      .arg(maxMessage / (1024 * 1024)));
    }
    if (m_bodyPlan.count > 0)
        Q_EMIT bodiesProgressed(0, m_bodyPlan.count);
    fetchNextBodies();
}

void ImapFolderSync::fetchNextBodies()
{
    // Pipelined like the new messages' batches (fetchNextBatch); a body batch is bounded in bytes.
    while (m_fetchesInFlight < FetchesInFlight && m_nextBodyBatch < m_bodyPlan.batches.size() && !ended() &&
           !(m_writerThread && m_writerThread->pending() >= MaxBatchesWriting))
        startBodiesFetch(m_bodyPlan.batches.at(m_nextBodyBatch++));
    if (m_nextBodyBatch >= m_bodyPlan.batches.size() && m_fetchesInFlight == 0 && !writesPending() && !ended())
        finish(true);
}

void ImapFolderSync::startBodiesFetch(const Imap::ImapSequenceSet &uids)
{
    auto *op = new Imap::ImapFetchOperation(m_session, uids, {QByteArrayLiteral("UID"), QByteArrayLiteral("BODY.PEEK[]")},
                                            this);
    op->setBatchSize(m_options.batchSize);
    connect(op, &Imap::ImapFetchOperation::fetched, this, &ImapFolderSync::onBodies);
    runFetch(op, QStringLiteral("Downloading message bodies of '%1' failed"), &ImapFolderSync::fetchNextBodies);
}

void ImapFolderSync::onBodies(const QList<Imap::ImapFetchData> &batch)
{
    if (ended())
        return;
    QList<Store::MessageRecord> records;
    records.reserve(batch.size());
    for (const Imap::ImapFetchData &d : batch) {
        const Imap::ImapFetchSection *full = d.section("BODY", QByteArray());
        // A message expunged meanwhile answers with nothing (or NIL); the next pass drops it.
        if (d.uid && full && full->bytes)
            records.append(recordFromFetch(d));
    }
    const qint64 folderId = m_folder.id;
    write([this, folderId, records = std::move(records)](Store::StoreWriter &writer) -> std::function<void()> {
        const QList<quint32> attached = writer.attachBodies(folderId, records, Store::Durability::Refetchable);
        return [this, attached, count = int(records.size())] { onBodiesStored(attached, count); };
    });
}

void ImapFolderSync::onBodiesStored(const QList<quint32> &attached, int count)
{
    for (quint32 uid : attached) {
        if (m_newUids.contains(uid))
            ++m_result->withBody;
        else
            ++m_result->bodiesCompleted;
    }
    m_bodiesFetched += count;
    Q_EMIT bodiesProgressed(m_bodiesFetched, m_bodyPlan.count);
    fetchNextBodies();
}

void ImapFolderSync::write(std::function<std::function<void()>(Store::StoreWriter &)> work)
{
    if (!m_writerThread) {
        std::function<void()> done;
        if (guard([&] { done = work(m_writer); }))
            done();
        return;
    }
    m_writerThread->submit(
        [work = std::move(work), this](Store::StoreWriter &writer) -> Store::WriterThread::Done {
            std::function<void()> done = work(writer);
            // On this step's thread: once the step is ending, only the count of pending writes matters.
            return [this, done = std::move(done)] {
                if (!isFinished())
                    done();
                if (m_ending && !writesPending())
                    finish(*m_ending);
            };
        },
        [this](const QString &error) {
            failStore(error);
            if (m_ending && !writesPending())
                finish(*m_ending);
        });
}

bool ImapFolderSync::writesPending() const
{
    return m_writerThread && m_writerThread->pending() > 0;
}

void ImapFolderSync::finishAfterWrites(bool ok)
{
    if (ended())
        return;
    if (!writesPending()) {
        finish(ok);
        return;
    }
    m_ending = ok;
}

void ImapFolderSync::failStore(const QString &error)
{
    if (ended())
        return;
    m_result->error = ImapSyncResult::Error::Store;
    m_result->message = QStringLiteral("Writing folder '%1' to the cache failed: %2").arg(m_folder.path, error);
    finishAfterWrites(false);
}

bool ImapFolderSync::guard(const std::function<void()> &storeWork)
{
    try {
        storeWork();
        return true;
    } catch (const Store::StoreError &e) {
        failStore(e.text());
        return false;
    }
}

void ImapFolderSync::failServer(const QString &what, const Imap::ImapResult &r)
{
    if (ended())
        return;
    m_result->error = r.kind == Imap::ImapResult::Kind::Cancelled ? ImapSyncResult::Error::Cancelled
                                                                  : ImapSyncResult::Error::Server;
    m_result->serverError = r.kind;
    m_result->serverText = r.serverText;
    const QString why = !r.serverText.isEmpty() ? r.serverText : r.message;
    m_result->message = why.isEmpty() ? what : what + QStringLiteral(": ") + why;
    finishAfterWrites(false);
}



} // namespace Petrel::Core
