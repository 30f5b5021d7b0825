#include "sync/imap/ImapFolderWatcher.h"

#include <QDateTime>

#include "imap/ImapIdleOperation.h"
#include "imap/ImapListOperation.h"
#include "imap/ImapSession.h"
#include "store/Database.h"
#include "store/StoreError.h"
#include "store/StoreReader.h"
#include "store/StoreWriter.h"
#include "sync/imap/ImapFolderSync.h"
#include "sync/imap/ImapPendingReplay.h"
#include "sync/imap/ImapSyncPlan.h"

#include <QRandomGenerator>

namespace Petrel::Core {

namespace {

// INBOX is case-insensitive (RFC 3501 5.1); every other name is exact.
bool samePath(const QString &a, const QString &b)
{
    if (a.compare(QLatin1String("INBOX"), Qt::CaseInsensitive) == 0)
        return b.compare(QLatin1String("INBOX"), Qt::CaseInsensitive) == 0;
    return a == b;
}

} // namespace

ImapFolderWatcher::ImapFolderWatcher(Store::StoreWriter &writer, qint64 accountId, const QString &folder,
                                     QObject *parent)
    : QObject(parent), m_writer(writer), m_accountId(accountId), m_folderPath(folder)
{
    m_pollTimer.setSingleShot(true);
    m_coalesceTimer.setSingleShot(true);
    m_coalesceTimer.setInterval(CoalesceMs);
    m_reconnectTimer.setSingleShot(true);
    m_logoutTimer.setSingleShot(true);
    connect(&m_pollTimer, &QTimer::timeout, this, [this] { syncFolder(); });
    connect(&m_coalesceTimer, &QTimer::timeout, this, [this] {
        if (m_idle)
            m_idle->stop(); // onIdleFinished catches up
    });
    connect(&m_reconnectTimer, &QTimer::timeout, this, &ImapFolderWatcher::connectSession);
    connect(&m_logoutTimer, &QTimer::timeout, this, &ImapFolderWatcher::finishStop);
}

ImapFolderWatcher::~ImapFolderWatcher()
{
    teardown();
}

QString ImapFolderWatcher::stateName(State state)
{
    switch (state) {
    case State::Stopped:
        return QStringLiteral("stopped");
    case State::Connecting:
        return QStringLiteral("connecting");
    case State::Syncing:
        return QStringLiteral("syncing");
    case State::Idling:
        return QStringLiteral("idling");
    case State::Polling:
        return QStringLiteral("polling");
    case State::Offline:
        return QStringLiteral("offline");
    case State::Stopping:
        return QStringLiteral("stopping");
    }
    return {};
}

void ImapFolderWatcher::start()
{
    if (m_state != State::Stopped)
        return;
    m_stopping = false;
    m_initialDone = false;
    m_replayWanted = false;
    m_failures = 0;
    connectSession();
}

void ImapFolderWatcher::connectSession()
{
    teardown();
    setState(State::Connecting);
    m_session = new Imap::ImapSession(this);
    connect(m_session, &Imap::ImapSession::opened, this, &ImapFolderWatcher::onOpened);
    connect(m_session, &Imap::ImapSession::closed, this, &ImapFolderWatcher::onClosed);
    connect(m_session, &Imap::ImapSession::existsReceived, this, &ImapFolderWatcher::onServerEvent);
    connect(m_session, &Imap::ImapSession::expungeReceived, this, &ImapFolderWatcher::onServerEvent);
    connect(m_session, &Imap::ImapSession::vanishedReceived, this, &ImapFolderWatcher::onServerEvent);
    connect(m_session, &Imap::ImapSession::fetchReceived, this, &ImapFolderWatcher::onServerEvent);
    connect(m_session, &Imap::ImapSession::alertReceived, this, &ImapFolderWatcher::alert);
    m_session->open(m_settings, m_credentials);
}

void ImapFolderWatcher::onOpened(const Imap::ImapResult &r)
{
    if (!r.isOk()) {
        const bool refused = r.kind == Imap::ImapResult::Kind::AuthenticationFailed;
        fail(QStringLiteral("Logging in to %1 failed: %2").arg(m_settings.host, serverWords(r)),
             refused ? Pause::Long : Pause::Backoff);
        return;
    }
    if (m_replayPending)
        replayPending();
    else
        ensureFolder();
}

void ImapFolderWatcher::replayLocalChanges()
{
    if (!m_replayPending || m_stopping)
        return;
    m_replayWanted = true;
    if (m_idle) {
        m_idle->stop(); // onIdleFinished replays
    } else if (m_state == State::Polling) {
        m_pollTimer.stop();
        replayPending();
    }
    // Connecting or catching up: the replay runs when that is done (or on connect).
}

void ImapFolderWatcher::replayPending()
{
    m_replayWanted = false;
    setState(State::Syncing);
    m_result = {};
    auto *replay = new ImapPendingReplay(m_session, m_writer, m_accountId, &m_result, this);
    m_step = replay;
    connect(replay, &ImapPendingReplay::finished, this, [this, replay](bool ok) {
        replay->deleteLater();
        if (!ok) {
            fail(m_result.message, Pause::Backoff);
            return;
        }
        ensureFolder();
    });
    replay->start();
}

std::optional<Store::FolderRow> ImapFolderWatcher::cachedFolder()
{
    // Read fresh each time: the row carries the sync state the last catch-up stored.
    Store::StoreReader reader(m_writer.database().path());
    for (const Store::FolderRow &f : reader.folders(m_accountId)) {
        if (samePath(f.path, m_folderPath))
            return f;
    }
    return std::nullopt;
}

void ImapFolderWatcher::ensureFolder()
{
    try {
        if (cachedFolder()) {
            syncFolder();
            return;
        }
    } catch (const Store::StoreError &e) {
        fail(QStringLiteral("Reading the cache failed: ") + e.text(), Pause::Backoff);
        return;
    }
    // Not cached yet (no full sync so far): ask the server for just this folder.
    auto *op = new Imap::ImapListOperation(m_session, QString(), m_folderPath, {}, this);
    m_list = op;
    connect(op, &Imap::ImapOperation::finished, this, [this, op](const Imap::ImapResult &r) {
        op->deleteLater();
        onListed(op, r);
    });
    op->start();
}

void ImapFolderWatcher::onListed(Imap::ImapListOperation *op, const Imap::ImapResult &r)
{
    if (!r.isOk()) {
        fail(QStringLiteral("Looking up folder '%1' failed: %2").arg(m_folderPath, serverWords(r)), Pause::Backoff);
        return;
    }
    for (const Imap::ImapListEntry &entry : op->entries()) {
        if (!samePath(entry.name, m_folderPath) || !ImapSyncPlan::isSelectable(entry) || entry.nameDecodeFailed)
            continue;
        const QString display = entry.delimiter ? entry.name.section(QLatin1Char(*entry.delimiter), -1) : entry.name;
        try {
            m_writer.ensureFolder(m_accountId, entry.name, ImapSyncPlan::roleFor(entry), display);
        } catch (const Store::StoreError &e) {
            fail(QStringLiteral("Writing folder '%1' to the cache failed: %2").arg(entry.name, e.text()), Pause::Backoff);
            return;
        }
        syncFolder();
        return;
    }
    fail(QStringLiteral("The server has no folder '%1' to watch").arg(m_folderPath), Pause::Long);
}

void ImapFolderWatcher::syncFolder()
{
    std::optional<Store::FolderRow> row;
    try {
        row = cachedFolder();
    } catch (const Store::StoreError &e) {
        fail(QStringLiteral("Reading the cache failed: ") + e.text(), Pause::Backoff);
        return;
    }
    if (!row) { // removed from the cache meanwhile (e.g. by a full sync that no longer saw it)
        ensureFolder();
        return;
    }
    setState(State::Syncing);
    m_dirty = false;
    m_result = {};
    m_storedIds.clear();
    ImapFolderSync::Options options;
    options.bodies = m_offlinePolicy.bodyRuleFor(row->role, QDateTime::currentDateTimeUtc());
    auto *sync = new ImapFolderSync(m_session, m_writer, *row, options, &m_result, this);
    m_step = sync;
    connect(sync, &ImapFolderSync::stored, this, [this](const QList<qint64> &ids) { m_storedIds.append(ids); });
    connect(sync, &ImapFolderSync::finished, this, [this, sync](bool ok) {
        sync->deleteLater();
        onSynced(ok);
    });
    sync->start();
}

void ImapFolderWatcher::onSynced(bool ok)
{
    if (!ok) {
        fail(m_result.message, Pause::Backoff);
        return;
    }
    m_failures = 0; // a good connection: the next failure starts the backoff over
    ImapFolderChange change;
    change.folder = m_folderPath;
    change.newMessageIds = m_storedIds;
    change.expunged = m_result.expunged;
    change.flagChanges = m_result.flagChanges;
    change.initial = !m_initialDone;
    m_initialDone = true;
    m_storedIds.clear();
    if (!change.isEmpty())
        Q_EMIT changed(change);
    if (m_stopping) {
        logout();
        return;
    }
    if (m_replayWanted) {
        replayPending(); // then a catch-up, which shows the server with the local changes applied
        return;
    }
    // Changes reported during the catch-up may not be in it: once more, but not forever.
    if (m_dirty && ++m_backToBack < MaxBackToBackSyncs) {
        syncFolder();
        return;
    }
    m_backToBack = 0;
    waitForChanges();
}

void ImapFolderWatcher::waitForChanges()
{
    if (!m_session->hasCapability(Imap::ImapCapability::Idle)) {
        setState(State::Polling);
        m_pollTimer.start(m_pollIntervalMs);
        return;
    }
    auto *idle = new Imap::ImapIdleOperation(m_session, this);
    idle->setRestartInterval(m_idleRestartMs);
    m_idle = idle;
    connect(idle, &Imap::ImapIdleOperation::idling, this, [this] {
        setState(State::Idling);
        if (m_dirty) // something arrived between the catch-up and IDLE's "+"
            m_coalesceTimer.start();
    });
    connect(idle, &Imap::ImapOperation::finished, this, [this, idle](const Imap::ImapResult &r) {
        idle->deleteLater();
        onIdleFinished(r);
    });
    idle->start();
}

void ImapFolderWatcher::onServerEvent()
{
    m_dirty = true;
    // While idling, wait a moment so a burst (say 50 messages moved in) becomes one catch-up.
    if (m_idle && m_idle->isIdling() && !m_coalesceTimer.isActive())
        m_coalesceTimer.start();
}

void ImapFolderWatcher::onIdleFinished(const Imap::ImapResult &r)
{
    m_coalesceTimer.stop();
    if (m_stopping) {
        logout();
        return;
    }
    if (!r.isOk()) {
        if (m_session && m_session->isLoggedIn() && r.kind == Imap::ImapResult::Kind::Rejected) {
            // The server advertised IDLE and refused it: poll instead, on the same session.
            setState(State::Polling);
            m_pollTimer.start(m_pollIntervalMs);
            return;
        }
        fail(QStringLiteral("The connection to %1 was lost: %2").arg(m_settings.host, serverWords(r)), Pause::Backoff);
        return;
    }
    if (m_replayWanted)
        replayPending();
    else
        syncFolder();
}

void ImapFolderWatcher::onClosed(const Imap::ImapResult &reason)
{
    if (m_stopping) {
        finishStop();
        return;
    }
    fail(QStringLiteral("The connection to %1 was lost: %2").arg(m_settings.host, serverWords(reason)), Pause::Backoff);
}

void ImapFolderWatcher::fail(const QString &message, Pause pause)
{
    teardown();
    if (m_stopping) {
        finishStop();
        return;
    }
    ++m_failures;
    m_lastError = message;
    m_retryMs = m_backoff.delayMs(m_failures, pause == Pause::Long, QRandomGenerator::global()->generateDouble());
    setState(State::Offline, message);
    m_reconnectTimer.start(m_retryMs);
}

void ImapFolderWatcher::stop()
{
    if (m_state == State::Stopped || m_stopping)
        return;
    m_stopping = true;
    setState(State::Stopping);
    m_reconnectTimer.stop();
    m_pollTimer.stop();
    m_coalesceTimer.stop();
    if (!m_session || !m_session->isLoggedIn()) {
        finishStop();
        return;
    }
    if (m_idle) {
        m_idle->stop(); // DONE; onIdleFinished logs out
        m_logoutTimer.start(LogoutGraceMs);
        return;
    }
    // A catch-up or lookup under way is cut short; what it committed stays.
    if (m_step) {
        m_step->disconnect(this);
        m_step->abort();
        m_step->deleteLater();
        m_step.clear();
    }
    if (m_list) {
        m_list->disconnect(this);
        m_list->cancel();
        m_list->deleteLater();
        m_list.clear();
    }
    logout();
}

void ImapFolderWatcher::logout()
{
    if (!m_session || !m_session->isOpen()) {
        finishStop();
        return;
    }
    m_logoutTimer.start(LogoutGraceMs);
    m_session->logout(); // closed(Ok) → finishStop
}

void ImapFolderWatcher::finishStop()
{
    if (m_state == State::Stopped)
        return;
    teardown();
    m_stopping = false;
    setState(State::Stopped);
    QTimer::singleShot(0, this, [this] { Q_EMIT stopped(); });
}

void ImapFolderWatcher::teardown()
{
    m_pollTimer.stop();
    m_coalesceTimer.stop();
    m_logoutTimer.stop();
    if (m_step) {
        m_step->disconnect(this);
        m_step->abort();
        m_step->deleteLater();
        m_step.clear();
    }
    if (m_idle) {
        m_idle->disconnect(this);
        m_idle->cancel();
        m_idle->deleteLater();
        m_idle.clear();
    }
    if (m_list) {
        m_list->disconnect(this);
        m_list->cancel();
        m_list->deleteLater();
        m_list.clear();
    }
    if (m_session) {
        m_session->disconnect(this);
        if (m_session->isOpen())
            m_session->abort();
        m_session->deleteLater();
        m_session = nullptr;
    }
}

void ImapFolderWatcher::setState(State state, const QString &why)
{
    if (m_state == state && why.isEmpty())
        return;
    m_state = state;
    Q_EMIT stateChanged(state, why);
}

QString ImapFolderWatcher::serverWords(const Imap::ImapResult &r)
{
    if (!r.serverText.isEmpty())
        return r.serverText;
    return r.message.isEmpty() ? Imap::ImapResult::kindName(r.kind) : r.message;
}

} // namespace Petrel::Core
