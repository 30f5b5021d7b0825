#include "sync/pop3/Pop3Fetcher.h"

#include "importing/MessageRecordBuilder.h"
#include "localmail/LocalFolders.h"
#include "mime/MessageParser.h"
#include "pop3/Pop3Session.h"
#include "store/ContentHash.h"
#include "store/Database.h"
#include "store/Pop3UidlStore.h"
#include "store/StoreReader.h"
#include "store/StoreError.h"
#include "store/StoreWriter.h"
#include "sync/pop3/Pop3ArchiveWriter.h"

#include <QLoggingCategory>

namespace Petrel::Core {

Q_LOGGING_CATEGORY(lcPop3Sync, "petrel.sync.pop3")

namespace {

constexpr int MaxRetrievesQueued = 8; // RETRs queued at once: bounds memory, keeps the pipe full
// Batches handed to the archive writer and not yet committed: while one is written the next one
// downloads; more would only hold memory.
constexpr int MaxBatchesWriting = 2;
const QString InboxPath = QStringLiteral("INBOX");

// A store failure for the user: what was going on, and that the server keeps every message (each
// caller ends the check with an abort, before any QUIT could commit a DELE). The bare SQLite text
// ("database or disk is full") says neither.
QString storeFailure(const QString &what, const QString &error)
{
    return what + QStringLiteral(" failed; nothing was deleted from the server: ") + error;
}

QString storeFailure(const QString &what, const Store::StoreError &e)
{
    return storeFailure(what, e.text());
}

} // namespace

Pop3Fetcher::Pop3Fetcher(Store::StoreWriter &writer, qint64 accountId, QObject *parent)
    : QObject(parent), m_writer(writer), m_accountId(accountId),
      m_clock([] { return QDateTime::currentDateTimeUtc(); })
{
}

// The session is a child: deleting it drops its jobs silently and the connection without QUIT,
// so no DELE is committed.
Pop3Fetcher::~Pop3Fetcher() = default;

void Pop3Fetcher::setBatchLimits(qint64 bytes, int messages)
{
    m_batchBytesLimit = qMax<qint64>(1, bytes);
    m_batchMessagesLimit = qMax(1, messages);
}

QDateTime Pop3Fetcher::now() const
{
    const QDateTime t = m_clock ? m_clock() : QDateTime();
    return t.isValid() ? t : QDateTime::currentDateTimeUtc();
}

void Pop3Fetcher::start()
{
    if (m_started)
        return;
    m_started = true;
    try {
        m_uidlStore = std::make_unique<Store::Pop3UidlStore>(m_writer.database());
        m_folderId = m_writer.ensureFolder(m_accountId, InboxPath, Store::FolderRole::Inbox, QStringLiteral("Inbox"));
        Store::StoreReader reader(m_writer.database().path());
        LocalFolders::ensureDefaults(m_writer, reader, m_accountId);
        if (Store::Database::canOpenTwice(m_writer.database().path())) {
            m_archive = new Pop3ArchiveWriter(m_writer.database().path(), m_accountId, m_folderId, this);
            connect(m_archive, &Pop3ArchiveWriter::committed, this, &Pop3Fetcher::onBatchCommitted);
            connect(m_archive, &Pop3ArchiveWriter::failed, this, &Pop3Fetcher::onBatchFailed);
        }
    } catch (const Store::StoreError &e) {
        fail(Pop3FetchResult::Error::Store, storeFailure(QStringLiteral("Preparing the local folders"), e));
        return;
    }
    m_session = new Pop3::Pop3Session(this);
    m_session->setLimits(m_limits);
    connect(m_session->open(m_settings, m_credentials), &Pop3::Pop3Job::finished, this,
            [this](const Pop3::Pop3Result &r) {
                if (m_finished)
                    return;
                if (!r.isOk())
                    return failServer(QStringLiteral("Could not log in to the POP3 server"), r);
                requestListings();
            });
}

void Pop3Fetcher::requestListings()
{
    // Asked only after login, when CAPA tells whether UIDL exists (NotSupported: nothing is sent).
    m_listingRepliesPending = 2;
    connect(m_session->uidl(), &Pop3::Pop3Job::finished, this, [this](const Pop3::Pop3Result &r) {
        if (m_finished)
            return;
        // -ERR to UIDL from a server without CAPA means the same: no UIDL here.
        if (r.error == Pop3::Pop3Result::Error::NotSupported || r.error == Pop3::Pop3Result::Error::Rejected)
            m_noUidl = true;
        else if (!r.isOk())
            return failServer(QStringLiteral("UIDL failed"), r);
        m_uniqueIds = r.uniqueIds;
        if (--m_listingRepliesPending == 0)
            onListed();
    });
    connect(m_session->list(), &Pop3::Pop3Job::finished, this, [this](const Pop3::Pop3Result &r) {
        if (m_finished)
            return;
        if (!r.isOk())
            return failServer(QStringLiteral("LIST failed"), r);
        m_listings = r.listings;
        if (--m_listingRepliesPending == 0)
            onListed();
    });
}

void Pop3Fetcher::abort()
{
    if (m_finished)
        return;
    if (m_session)
        m_session->abort();
    // What arrived completely is kept: it saves downloading it again.
    if (commitBatch())
        fail(Pop3FetchResult::Error::Cancelled, QStringLiteral("The check was cancelled."));
}

void Pop3Fetcher::onListed()
{
    if (!m_noUidl)
        return beginDownloads();
    // No UIDL: identify each message by a hash of its headers (TOP n 0).
    m_uniqueIds.clear();
    m_hashIndex = 0;
    if (m_listings.isEmpty())
        return beginDownloads();
    for (const Pop3::Pop3ScanListing &listing : std::as_const(m_listings)) {
        const quint32 number = listing.number;
        connect(m_session->top(number, 0), &Pop3::Pop3Job::finished, this, [this, number](const Pop3::Pop3Result &r) {
            if (m_finished)
                return;
            if (!r.isOk()) {
                return failServer(r.error == Pop3::Pop3Result::Error::NotSupported
                                      ? QStringLiteral("The server offers neither UIDL nor TOP, so messages "
                                                       "cannot be told apart safely")
                                      : QStringLiteral("TOP failed"),
                                  r);
            }
            const QByteArray digest = Store::sha256Hex(r.data);
            m_uniqueIds.append({number, QByteArray("sha256:") + digest});
            if (++m_hashIndex == m_listings.size())
                beginDownloads();
        });
    }
}

void Pop3Fetcher::beginDownloads()
{
    m_onServer = pop3ServerMessages(m_uniqueIds, m_listings);
    QSet<QString> known;
    try {
        const QHash<QString, Store::Pop3UidlState> state = m_uidlStore->knownUidls(m_accountId);
        for (auto it = state.begin(); it != state.end(); ++it)
            known.insert(it.key());
    } catch (const Store::StoreError &e) {
        return fail(Pop3FetchResult::Error::Store, storeFailure(QStringLiteral("Reading the archive"), e));
    }
    m_toFetch = pop3NewMessages(m_onServer, known);
    m_result.onServer = int(m_onServer.size());
    m_result.alreadyArchived = int(m_onServer.size() - m_toFetch.size());
    m_progress.total = int(m_toFetch.size());
    for (const Pop3ServerMessage &m : std::as_const(m_toFetch))
        m_progress.bytesTotal += qMax<qint64>(0, m.size);
    qCInfo(lcPop3Sync) << "account" << m_accountId << ":" << m_onServer.size() << "on server,"
                       << m_toFetch.size() << "new";
    reportProgress();
    requestMore();
}

void Pop3Fetcher::requestMore()
{
    if (m_finished)
        return;
    while (m_inFlight < MaxRetrievesQueued && m_nextToFetch < m_toFetch.size()
           && (!m_archive || m_archive->pending() < MaxBatchesWriting)) {
        const Pop3ServerMessage message = m_toFetch.at(m_nextToFetch++);
        if (message.size > m_limits.maxMessageSize) {
            // Fetching it would only fail at the limit and drop the connection on every check.
            ++m_result.skipped;
            ++m_progress.done;
            m_result.warnings << QStringLiteral("Message %1 (%2 bytes) is larger than the limit of %3 bytes; "
                                                "it stays on the server.")
                                     .arg(message.uidl)
                                     .arg(message.size)
                                     .arg(m_limits.maxMessageSize);
            continue;
        }
        ++m_inFlight;
        connect(m_session->retrieve(message.number), &Pop3::Pop3Job::finished, this,
                [this, message](const Pop3::Pop3Result &r) { onRetrieved(message, r); });
    }
    if (m_inFlight == 0 && m_nextToFetch >= m_toFetch.size() && !m_deletesBegun) {
        if (!commitBatch())
            return;
        // DELE only once every downloaded message is committed.
        if (m_archive && m_archive->pending() > 0)
            return; // onBatchCommitted() comes back here
        m_deletesBegun = true;
        beginDeletes();
    }
}

void Pop3Fetcher::onRetrieved(const Pop3ServerMessage &message, const Pop3::Pop3Result &r)
{
    if (m_finished)
        return;
    --m_inFlight;
    ++m_progress.done;
    if (r.error == Pop3::Pop3Result::Error::Rejected) {
        ++m_result.skipped;
        m_result.warnings << QStringLiteral("The server refused message %1: %2")
                                 .arg(message.uidl, QString::fromUtf8(r.serverText));
    } else if (!r.isOk()) {
        // The connection is gone: keep what arrived whole, then report.
        if (commitBatch())
            failServer(QStringLiteral("Downloading a message failed"), r);
        return;
    } else {
        const Mime::ParseResult parsed = Mime::MessageParser::parse(r.data);
        // Unparseable mail is still mail: keep its bytes even when nothing else is known.
        Store::MessageRecord record = buildMessageRecord(r.data, parsed.isOk() ? parsed.message : Mime::ParsedMessage());
        if (!record.internalDate.isValid())
            record.internalDate = now();
        // Hashed here rather than by the store: the archive writer's thread is the busier one.
        record.contentHash = Store::contentHash(r.data);
        m_batchBytes += r.data.size();
        m_progress.bytesDone += qMax<qint64>(0, message.size);
        m_result.bytes += r.data.size();
        m_batch.append({message.uidl, record});
    }
    if (m_batch.size() >= m_batchMessagesLimit || m_batchBytes >= m_batchBytesLimit) {
        if (!commitBatch())
            return;
    }
    reportProgress();
    requestMore();
}

bool Pop3Fetcher::commitBatch()
{
    if (m_batch.isEmpty())
        return true;
    if (m_archive) {
        m_archive->submit(std::exchange(m_batch, {}), now());
        m_batchBytes = 0;
        return true;
    }
    try {
        const Store::Pop3BatchResult done = m_uidlStore->insertDownloaded(m_accountId, m_folderId, m_batch, now());
        m_result.downloaded += done.inserted;
        m_result.alreadyArchived += done.alreadyKnown;
        m_progress.downloaded = m_result.downloaded;
        if (!done.insertedIds.isEmpty())
            Q_EMIT stored(done.insertedIds);
    } catch (const Store::StoreError &e) {
        m_batch.clear();
        m_batchBytes = 0;
        if (m_session)
            m_session->abort(); // nothing may be deleted now
        fail(Pop3FetchResult::Error::Store, storeFailure(QStringLiteral("Saving the downloaded messages"), e));
        return false;
    }
    m_batch.clear();
    m_batchBytes = 0;
    return true;
}

void Pop3Fetcher::onBatchCommitted(const Store::Pop3BatchResult &done)
{
    m_result.downloaded += done.inserted;
    m_result.alreadyArchived += done.alreadyKnown;
    m_progress.downloaded = m_result.downloaded;
    if (!done.insertedIds.isEmpty())
        Q_EMIT stored(done.insertedIds);
    if (m_finished) {
        if (m_archive->pending() == 0)
            emitFinished();
        return;
    }
    reportProgress();
    requestMore();
}

void Pop3Fetcher::onBatchFailed(const QString &error)
{
    if (!m_finished) {
        if (m_session)
            m_session->abort(); // nothing may be deleted now
        fail(Pop3FetchResult::Error::Store, storeFailure(QStringLiteral("Saving the downloaded messages"), error));
    } else if (m_archive->pending() == 0) {
        emitFinished();
    }
}

void Pop3Fetcher::beginDeletes()
{
    if (m_finished)
        return;
    QHash<QString, Store::Pop3UidlState> known;
    try {
        known = m_uidlStore->knownUidls(m_accountId);
    } catch (const Store::StoreError &e) {
        return fail(Pop3FetchResult::Error::Store, storeFailure(QStringLiteral("Reading the archive"), e));
    }
    const QDateTime at = now();
    for (const Pop3ServerMessage &message : std::as_const(m_onServer)) {
        const auto it = known.constFind(message.uidl);
        if (it == known.constEnd())
            continue;
        const Pop3LocalCopy local{true, it->messageId.has_value(), it->downloadedAt};
        if (!shouldDeleteFromServer(m_retention, local, at))
            continue;
        const QString uidl = message.uidl;
        m_deleting << uidl;
        connect(m_session->deleteMessage(message.number), &Pop3::Pop3Job::finished, this,
                [this, uidl](const Pop3::Pop3Result &r) {
                    if (r.isOk())
                        m_deleted << uidl;
                    else if (r.error == Pop3::Pop3Result::Error::Rejected)
                        m_result.warnings << QStringLiteral("The server refused to delete %1: %2")
                                                 .arg(uidl, QString::fromUtf8(r.serverText));
                });
    }
    connect(m_session->quit(), &Pop3::Pop3Job::finished, this, [this](const Pop3::Pop3Result &r) { onQuit(r); });
}

void Pop3Fetcher::onQuit(const Pop3::Pop3Result &r)
{
    if (m_finished)
        return;
    if (!r.isOk()) {
        // Without QUIT's +OK the deletions may or may not have happened; every local copy is
        // committed either way, and the next check sees what is left.
        if (m_deleting.isEmpty())
            return finish();
        return failServer(QStringLiteral("The server did not confirm the deletions (QUIT failed); "
                                         "the next check will delete what is still there"),
                          r);
    }
    m_result.deletedOnServer = int(m_deleted.size());
    m_progress.deletedOnServer = m_result.deletedOnServer;
    if (!m_deleted.isEmpty()) {
        try {
            m_uidlStore->markDeletedFromServer(m_accountId, m_deleted);
        } catch (const Store::StoreError &e) {
            // Only bookkeeping: the local copies are committed.
            m_result.warnings << e.text();
        }
    }
    reportProgress();
    finish();
}

void Pop3Fetcher::failServer(const QString &what, const Pop3::Pop3Result &result)
{
    if (m_finished)
        return;
    m_result.serverError = result.error;
    m_result.serverText = result.serverText;
    QString detail = result.message;
    if (!result.serverText.isEmpty() && !detail.contains(QString::fromUtf8(result.serverText)))
        detail += QStringLiteral(" (server said: %1)").arg(QString::fromUtf8(result.serverText));
    fail(result.error == Pop3::Pop3Result::Error::Cancelled ? Pop3FetchResult::Error::Cancelled
                                                             : Pop3FetchResult::Error::Server,
         what + QStringLiteral(": ") + detail);
}

void Pop3Fetcher::fail(Pop3FetchResult::Error error, const QString &message)
{
    if (m_finished)
        return;
    m_result.error = error;
    m_result.message = message;
    finish();
}

void Pop3Fetcher::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    if (m_session && m_session->state() != Pop3::Pop3Session::State::Closed
        && m_session->state() != Pop3::Pop3Session::State::Disconnected)
        m_session->abort();
    // The result counts what is committed: a batch still being written is waited for.
    if (m_archive && m_archive->pending() > 0)
        return; // onBatchCommitted() or onBatchFailed() emits
    emitFinished();
}

void Pop3Fetcher::emitFinished()
{
    qCInfo(lcPop3Sync) << "account" << m_accountId << "check finished:" << m_result.downloaded << "downloaded,"
                       << m_result.deletedOnServer << "deleted on server," << m_result.skipped << "skipped"
                       << (m_result.isOk() ? QString() : m_result.message);
    const Pop3FetchResult result = m_result;
    QMetaObject::invokeMethod(this, [this, result] { Q_EMIT finished(result); }, Qt::QueuedConnection);
}

void Pop3Fetcher::reportProgress()
{
    Q_EMIT progressed(m_progress);
}

} // namespace Petrel::Core
