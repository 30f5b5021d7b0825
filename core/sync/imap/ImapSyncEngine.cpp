#include "sync/imap/ImapSyncEngine.h"

#include "imap/ImapListOperation.h"
#include "imap/ImapSession.h"
#include "store/Database.h"
#include "store/ImapActionCache.h"
#include "store/ImapFolderCache.h"
#include "store/StoreError.h"
#include "store/StoreReader.h"
#include "store/StoreWriter.h"
#include "sync/imap/ImapFolderSync.h"
#include "sync/imap/ImapPendingReplay.h"
#include "sync/imap/ImapSyncPlan.h"

#include <QDateTime>
#include <QHash>
#include <QTimer>

namespace Petrel::Core {

namespace {

constexpr int LogoutGraceMs = 5000; // a server that never answers LOGOUT does not hold the result back

QString displayNameFor(const Imap::ImapListEntry &entry)
{
    if (!entry.delimiter)
        return entry.name;
    return entry.name.section(QLatin1Char(*entry.delimiter), -1);
}

} // namespace

ImapSyncEngine::ImapSyncEngine(Store::StoreWriter &writer, qint64 accountId, QObject *parent)
    : QObject(parent), m_writer(writer), m_accountId(accountId)
{
}

ImapSyncEngine::~ImapSyncEngine() = default;

void ImapSyncEngine::start()
{
    if (m_started)
        return;
    m_started = true;
    m_session = new Imap::ImapSession(this);
    connect(m_session, &Imap::ImapSession::opened, this, &ImapSyncEngine::onOpened);
    m_session->open(m_settings, m_credentials);
    m_credentials.password.clear(); // the session holds it until the login is answered
}

void ImapSyncEngine::abort()
{
    if (m_finished || !m_started)
        return;
    if (auto *folder = qobject_cast<ImapFolderSync *>(m_step.data()))
        folder->abort();
    if (auto *replay = qobject_cast<ImapPendingReplay *>(m_step.data()))
        replay->abort();
    if (m_session)
        m_session->abort();
    fail(ImapSyncResult::Error::Cancelled, QStringLiteral("The sync was cancelled"));
}

void ImapSyncEngine::onOpened(const Imap::ImapResult &r)
{
    if (m_finished)
        return;
    if (!r.isOk()) {
        failServer(QStringLiteral("Logging in to %1 failed").arg(m_settings.host), r);
        return;
    }
    replayPending();
}

void ImapSyncEngine::replayPending()
{
    // Local changes go first, so the folder syncs that follow read the server with them applied.
    auto *replay = new ImapPendingReplay(m_session, m_writer, m_accountId, &m_result, this);
    m_step = replay;
    connect(replay, &ImapPendingReplay::finished, this, [this, replay](bool ok) {
        replay->deleteLater();
        if (m_finished)
            return;
        if (!ok) {
            finish();
            return;
        }
        syncInboxBeforeListing();
    });
    replay->start();
}

void ImapSyncEngine::syncInboxBeforeListing()
{
    // Dovecot (maildir) charges every SELECT made after a LIST in the same session time in
    // proportion to the folder's size, while one made before any LIST costs what a SELECT with
    // QRESYNC should: at 100,000 messages 70 ms against 8 (tests/benchmarks/README.md, item 2).
    // INBOX always exists, so when the cache holds it from an earlier pass it goes first. Only
    // with QRESYNC: without it the pass reads every flag of the folder anyway.
    std::optional<Store::FolderRow> inbox;
    if (m_session->isEnabled("QRESYNC")) {
        try {
            Store::StoreReader reader(m_writer.database().path());
            for (const Store::FolderRow &f : reader.folders(m_accountId)) {
                if (!f.localOnly && f.role == Store::FolderRole::Inbox && f.uidValidity > 0 &&
                    f.path.compare(QLatin1String("INBOX"), Qt::CaseInsensitive) == 0)
                    inbox = f;
            }
        } catch (const Store::StoreError &e) {
            fail(ImapSyncResult::Error::Store, QStringLiteral("Reading the folder list from the cache failed: ") + e.text());
            return;
        }
    }
    if (!inbox) {
        listFolders();
        return;
    }
    m_inboxSyncedFirst = inbox->id;
    m_folders = {*inbox};
    m_progress.folderCount = 1; // until the list is known
    syncNextFolder();
}

void ImapSyncEngine::listFolders()
{
    auto *op = new Imap::ImapListOperation(m_session, QString(), QStringLiteral("*"), {}, this);
    op->setWantSubscriptions(true);
    m_step = op;
    connect(op, &Imap::ImapOperation::finished, this, [this, op](const Imap::ImapResult &r) {
        op->deleteLater();
        if (m_finished)
            return;
        if (!r.isOk()) {
            failServer(QStringLiteral("Listing the folders failed"), r);
            return;
        }
        onListed(op->entries(), op->subscriptionsKnown() ? std::optional(op->subscribed()) : std::nullopt);
    });
    op->start();
}

void ImapSyncEngine::onListed(const QList<Imap::ImapListEntry> &entries, const std::optional<QSet<QString>> &subscribed)
{
    try {
        Store::ImapFolderCache folderCache(m_writer.database());
        Store::ImapActionCache actionCache(m_writer.database());
        QHash<QString, Store::FolderRow> cached;
        QSet<QString> localOnly; // kept here only (e.g. a POP3 archive): the server's list says nothing of them
        {
            Store::StoreReader reader(m_writer.database().path());
            for (const Store::FolderRow &f : reader.folders(m_accountId)) {
                if (f.localOnly)
                    localOnly.insert(f.path);
                else
                    cached.insert(f.path, f);
            }
        }
        QList<qint64> ids;
        QSet<QString> seen;
        std::optional<qint64> inboxId;
        for (const Imap::ImapListEntry &entry : entries) {
            if (!ImapSyncPlan::isSelectable(entry) || entry.nameDecodeFailed || seen.contains(entry.name))
                continue;
            seen.insert(entry.name);
            if (localOnly.contains(entry.name)) {
                m_result.warnings << QStringLiteral("The server's folder '%1' is not shown: a local folder has that name")
                                         .arg(entry.name);
                continue;
            }
            if (!cached.contains(entry.name))
                ++m_result.foldersAdded;
            const Store::FolderRole role = ImapSyncPlan::roleFor(entry);
            const qint64 id = m_writer.ensureFolder(m_accountId, entry.name, role, displayNameFor(entry));
            ids.append(id);
            if (role == Store::FolderRole::Inbox)
                inboxId = id;
            if (entry.delimiter)
                actionCache.setDelimiter(id, QString(QLatin1Char(*entry.delimiter)));
            if (subscribed)
                folderCache.setSubscribed(id, subscribed->contains(entry.name));
        }
        for (auto it = cached.cbegin(); it != cached.cend(); ++it) {
            if (!seen.contains(it.key())) {
                // Messages only this cache holds (the server refused them) must not go with it.
                if (inboxId)
                    actionCache.rescueLocalOnly(it->id, *inboxId);
                m_writer.removeFolder(it->id);
                ++m_result.foldersRemoved;
            }
        }
        // Re-read so every row carries its stored sync state; Inbox first so it is browsable soonest.
        Store::StoreReader reader(m_writer.database().path());
        QList<Store::FolderRow> inbox, rest;
        for (const Store::FolderRow &f : reader.folders(m_accountId)) {
            if (!ids.contains(f.id))
                continue;
            (f.role == Store::FolderRole::Inbox ? inbox : rest).append(f);
        }
        m_folders = inbox + rest;
        // Synced before the list was asked for (syncInboxBeforeListing): not again.
        m_nextFolder = !m_folders.isEmpty() && m_folders.constFirst().id == m_inboxSyncedFirst ? 1 : 0;
        m_listed = true;
    } catch (const Store::StoreError &e) {
        fail(ImapSyncResult::Error::Store, QStringLiteral("Writing the folder list to the cache failed: ") + e.text());
        return;
    }
    m_result.folders = int(m_folders.size());
    m_progress.folderCount = m_result.folders;
    syncNextFolder();
}

void ImapSyncEngine::syncNextFolder()
{
    if (m_finished)
        return;
    if (m_nextFolder >= m_folders.size() && !m_listed) {
        listFolders();
        return;
    }
    if (m_nextFolder >= m_folders.size()) {
        // Polite end: LOGOUT, and the result once the server closed (or after a grace period).
        connect(m_session, &Imap::ImapSession::closed, this, [this] { finish(); });
        QTimer::singleShot(LogoutGraceMs, this, [this] { finish(); });
        m_session->logout();
        return;
    }
    const Store::FolderRow folder = m_folders.at(m_nextFolder++);
    m_progress.folder = folder.path;
    m_progress.folderIndex = m_nextFolder;
    m_progress.phase = ImapSyncProgress::Phase::Messages;
    m_progress.fetched = 0;
    m_progress.toFetch = 0;
    ImapFolderSync::Options options;
    options.batchSize = m_batchSize;
    options.bodies = m_offlinePolicy.bodyRuleFor(folder.role, QDateTime::currentDateTimeUtc());
    options.bodiesWithEnvelope = m_bodiesWithEnvelope;
    auto *sync = new ImapFolderSync(m_session, m_writer, folder, options, &m_result, this);
    m_step = sync;
    connect(sync, &ImapFolderSync::progressed, this, [this](int fetched, int toFetch) {
        m_progress.phase = ImapSyncProgress::Phase::Messages;
        m_progress.fetched = fetched;
        m_progress.toFetch = toFetch;
        m_progress.totalNew = m_result.newMessages;
        Q_EMIT progressed(m_progress);
    });
    connect(sync, &ImapFolderSync::bodiesProgressed, this, [this](int fetched, int toFetch) {
        m_progress.phase = ImapSyncProgress::Phase::Bodies;
        m_progress.fetched = fetched;
        m_progress.toFetch = toFetch;
        m_progress.totalNew = m_result.newMessages;
        Q_EMIT progressed(m_progress);
    });
    connect(sync, &ImapFolderSync::finished, this, [this, sync](bool ok) {
        sync->deleteLater();
        if (m_finished)
            return;
        if (!ok) {
            finish(); // the folder sync filled in the error
            return;
        }
        syncNextFolder();
    });
    sync->start();
}

void ImapSyncEngine::failServer(const QString &what, const Imap::ImapResult &r)
{
    m_result.serverError = r.kind;
    m_result.serverText = r.serverText;
    const QString why = !r.serverText.isEmpty() ? r.serverText : r.message;
    fail(r.kind == Imap::ImapResult::Kind::Cancelled ? ImapSyncResult::Error::Cancelled : ImapSyncResult::Error::Server,
         why.isEmpty() ? what : what + QStringLiteral(": ") + why);
}

void ImapSyncEngine::fail(ImapSyncResult::Error error, const QString &message)
{
    if (m_result.isOk()) {
        m_result.error = error;
        m_result.message = message;
    }
    if (m_session && m_session->isOpen() && error != ImapSyncResult::Error::Cancelled)
        m_session->abort();
    finish();
}

void ImapSyncEngine::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    QTimer::singleShot(0, this, [this] { Q_EMIT finished(m_result); });
}

} // namespace Petrel::Core
