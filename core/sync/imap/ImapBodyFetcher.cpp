#include "sync/imap/ImapBodyFetcher.h"

#include "imap/ImapFetchOperation.h"
#include "imap/ImapParserLimits.h"
#include "imap/ImapSelectOperation.h"
#include "imap/ImapSession.h"
#include "store/Database.h"
#include "store/ImapFolderCache.h"
#include "store/StoreError.h"
#include "store/StoreReader.h"
#include "store/StoreWriter.h"
#include "sync/imap/ImapRecordBuilder.h"

#include <QTimer>

namespace Petrel::Core {

namespace {

constexpr int LogoutGraceMs = 5000; // a server that never answers LOGOUT does not hold the result back

} // namespace

ImapBodyFetcher::ImapBodyFetcher(Store::StoreWriter &writer, const QList<qint64> &messageIds, QObject *parent)
    : QObject(parent), m_writer(writer), m_ids(messageIds)
{
}

ImapBodyFetcher::~ImapBodyFetcher() = default;

void ImapBodyFetcher::start()
{
    if (m_started)
        return;
    m_started = true;
    if (!plan())
        return;
    if (m_idByUid.isEmpty()) {
        finish(); // every body is here already: no network
        return;
    }
    m_session = new Imap::ImapSession(this);
    connect(m_session, &Imap::ImapSession::opened, this, &ImapBodyFetcher::onOpened);
    m_session->open(m_settings, m_credentials);
    m_credentials.password.clear(); // the session holds it until the login is answered
}

void ImapBodyFetcher::abort()
{
    if (m_finished || !m_started)
        return;
    if (m_op)
        m_op->cancel();
    if (m_session)
        m_session->abort();
    fail(ImapBodyFetchResult::Error::Cancelled, QStringLiteral("Downloading the message was cancelled"));
}

bool ImapBodyFetcher::plan()
{
    using Error = ImapBodyFetchResult::Error;
    const qint64 maxSize = Imap::ImapParserLimits().maxLiteralSize;
    try {
        Store::StoreReader reader(m_writer.database().path());
        std::optional<qint64> folderId;
        for (const qint64 id : std::as_const(m_ids)) {
            const std::optional<Store::MessageRow> row = reader.message(id);
            if (!row) {
                fail(Error::InvalidArgument, QStringLiteral("There is no message %1 in the cache").arg(id));
                return false;
            }
            if (folderId && *folderId != row->folderId) {
                fail(Error::InvalidArgument, QStringLiteral("Bodies are downloaded one folder at a time"));
                return false;
            }
            folderId = row->folderId;
            if (row->hasBody) {
                m_result.withBody.append(id);
                continue;
            }
            if (!row->uid) {
                // Moved locally: its UID in the target folder is known only after the next sync.
                fail(Error::InvalidArgument,
                     QStringLiteral("Message %1 waits for the next sync before its body can be downloaded")
                         .arg(id));
                return false;
            }
            if (row->size > maxSize) {
                fail(Error::TooLarge,
                     QStringLiteral("Message %1 is %2 MB, larger than the %3 MB Petrel downloads")
                         .arg(id)
                         .arg(row->size / (1024 * 1024))
                         .arg(maxSize / (1024 * 1024)));
                return false;
            }
            m_idByUid.insert(quint32(*row->uid), id);
        }
        if (m_idByUid.isEmpty())
            return true;
        const std::optional<Store::FolderRow> folder = reader.folder(*folderId);
        if (!folder) {
            fail(Error::InvalidArgument,
                 QStringLiteral("The folder of message %1 is gone").arg(m_ids.first()));
            return false;
        }
        m_folder = *folder;
    } catch (const Store::StoreError &e) {
        fail(Error::Store, QStringLiteral("Reading the cache failed: ") + e.text());
        return false;
    }
    return true;
}

void ImapBodyFetcher::onOpened(const Imap::ImapResult &r)
{
    if (m_finished)
        return;
    if (!r.isOk()) {
        failServer(QStringLiteral("Logging in to %1 failed").arg(m_settings.host), r);
        return;
    }
    examine();
}

void ImapBodyFetcher::examine()
{
    Imap::ImapSelectOptions options;
    options.readOnly = true;
    auto *op = new Imap::ImapSelectOperation(m_session, m_folder.path, options, this);
    m_op = op;
    connect(op, &Imap::ImapOperation::finished, this, [this, op](const Imap::ImapResult &r) {
        op->deleteLater();
        if (m_finished)
            return;
        if (!r.isOk()) {
            failServer(QStringLiteral("Opening folder '%1' failed").arg(m_folder.path), r);
            return;
        }
        if (m_folder.uidValidity > 0 && quint64(m_folder.uidValidity) != op->info().uidValidity) {
            // The cache is stale, not wrong about one message: the next sync rebuilds the folder.
            fail(
                ImapBodyFetchResult::Error::FolderChanged,
                QStringLiteral(
                    "Folder '%1' was rebuilt on the server (its UIDVALIDITY changed); sync the account first")
                    .arg(m_folder.path));
            return;
        }
        fetch();
    });
    op->start();
}

void ImapBodyFetcher::fetch()
{
    QList<quint32> uids = m_idByUid.keys();
    auto *op =
        new Imap::ImapFetchOperation(m_session, Imap::ImapSequenceSet::fromValues(uids),
                                     {QByteArrayLiteral("UID"), QByteArrayLiteral("BODY.PEEK[]")}, this);
    op->setBatchSize(1);
    m_op = op;
    connect(op, &Imap::ImapFetchOperation::fetched, this, [this](const QList<Imap::ImapFetchData> &batch) {
        for (const Imap::ImapFetchData &d : batch) {
            const Imap::ImapFetchSection *full = d.section("BODY", QByteArray());
            if (d.uid && m_idByUid.contains(*d.uid) && full && full->bytes)
                m_records.append(recordFromFetch(d));
        }
    });
    connect(op, &Imap::ImapOperation::finished, this, [this, op](const Imap::ImapResult &r) {
        op->deleteLater();
        if (m_finished)
            return;
        if (!r.isOk()) {
            failServer(QStringLiteral("Downloading from folder '%1' failed").arg(m_folder.path), r);
            return;
        }
        storeAndFinish();
    });
    op->start();
}

void ImapBodyFetcher::storeAndFinish()
{
    try {
        QSet<quint32> answered;
        for (const Store::MessageRecord &r : std::as_const(m_records))
            answered.insert(quint32(r.uid.value_or(0)));
        // Re-fetchable from the server, like the sync's bodies: no fsync for the user to wait on.
        // At FULL this commit paid for writing back everything a large sync had left in the page
        // cache (0.3 s after a first sync of 100,000 messages, 3.3 s after 1,000,000).
        const QList<quint32> attachedList =
            m_writer.attachBodies(m_folder.id, m_records, Store::Durability::Refetchable);
        m_records.clear();
        const QSet<quint32> attached(attachedList.cbegin(), attachedList.cend());
        Store::StoreReader reader(m_writer.database().path());
        QList<quint32> gone;
        for (auto it = m_idByUid.cbegin(); it != m_idByUid.cend(); ++it) {
            if (attached.contains(it.key())) {
                m_result.withBody.append(it.value());
                continue;
            }
            // Not stored now: a sync may have filled it in meanwhile; else, unanswered, it was expunged.
            const std::optional<Store::MessageRow> row = reader.message(it.value());
            if (row && row->hasBody)
                m_result.withBody.append(it.value());
            else if (!answered.contains(it.key()))
                gone.append(it.key());
        }
        Store::ImapFolderCache(m_writer.database()).removeUids(m_folder.id, gone);
        for (quint32 uid : std::as_const(gone))
            m_result.gone.append(m_idByUid.value(uid));
    } catch (const Store::StoreError &e) {
        fail(ImapBodyFetchResult::Error::Store,
             QStringLiteral("Writing the message to the cache failed: ") + e.text());
        return;
    }
    if (!m_result.gone.isEmpty()) {
        m_result.error = ImapBodyFetchResult::Error::Gone;
        m_result.message =
            m_result.gone.size() == 1 && m_ids.size() == 1
                ? QStringLiteral("The server no longer has this message; it was removed from the cache")
                : QStringLiteral("The server no longer has %1 of these messages; they were removed from "
                                 "the cache")
                      .arg(m_result.gone.size());
    }
    logoutAndFinish();
}

void ImapBodyFetcher::logoutAndFinish()
{
    connect(m_session, &Imap::ImapSession::closed, this, [this] { finish(); });
    QTimer::singleShot(LogoutGraceMs, this, [this] { finish(); });
    m_session->logout();
}

void ImapBodyFetcher::failServer(const QString &what, const Imap::ImapResult &r)
{
    m_result.serverError = r.kind;
    m_result.serverText = r.serverText;
    const QString why = !r.serverText.isEmpty() ? r.serverText : r.message;
    fail(r.kind == Imap::ImapResult::Kind::Cancelled ? ImapBodyFetchResult::Error::Cancelled
                                                     : ImapBodyFetchResult::Error::Server,
         why.isEmpty() ? what : what + QStringLiteral(": ") + why);
}

void ImapBodyFetcher::fail(ImapBodyFetchResult::Error error, const QString &message)
{
    if (m_result.isOk()) {
        m_result.error = error;
        m_result.message = message;
    }
    if (m_session && m_session->isOpen() && error != ImapBodyFetchResult::Error::Cancelled)
        m_session->abort();
    finish();
}

void ImapBodyFetcher::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    QTimer::singleShot(0, this, [this] { Q_EMIT finished(m_result); });
}

} // namespace Petrel::Core
