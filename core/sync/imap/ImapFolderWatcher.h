#pragma once

#include "imap/ImapCredentials.h"
#include "imap/ImapResult.h"
#include "net/ConnectionSettings.h"
#include "store/FolderRow.h"
#include "sync/imap/ImapFolderChange.h"
#include "sync/imap/ImapOfflinePolicy.h"
#include "sync/imap/ImapSyncResult.h"
#include "sync/imap/ImapWatchBackoff.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <optional>

namespace Petrel::Store {
class StoreWriter;
}

namespace Petrel::Imap {
class ImapIdleOperation;
class ImapListOperation;
class ImapSession;
} // namespace Petrel::Imap

namespace Petrel::Core {

class ImapSyncStep;

// Keeps one folder of an IMAP account live on a session of its own. Connect and log in; replay the
// account's pending local operations (so local actions reach the server promptly); catch the
// folder up (ImapFolderSync; the folder is added to the cache when it is not there yet); then
// IDLE. When the server reports EXISTS, EXPUNGE, VANISHED or FETCH, IDLE ends (after a short pause
// that gathers a burst into one catch-up), the folder is caught up again on the same session
// (cheap with QRESYNC/CONDSTORE), changed() says what the cache got, and IDLE resumes. A server
// without IDLE is polled: a catch-up every pollInterval.
//
// A lost connection or a failed login makes the watcher Offline with the error (in the server's
// words where it spoke); it reconnects by itself after ImapWatchBackoff's delay, which starts over
// after a good connection. A refused login, or a folder the server does not have, waits the long
// pause so a wrong password does not hammer the server. stop() ends IDLE (DONE) and logs out.
class ImapFolderWatcher : public QObject
{
    Q_OBJECT

public:
    enum class State {
        Stopped,
        Connecting, // connecting and logging in
        Syncing,    // replaying local changes or catching the folder up
        Idling,     // IDLE accepted by the server: changes arrive as they happen
        Polling,    // the server has no IDLE: waiting for the next catch-up
        Offline,    // the connection failed: waiting to reconnect (lastError() says why)
        Stopping,   // stop() was called: DONE and LOGOUT under way
    };
    Q_ENUM(State)

    static constexpr int DefaultPollIntervalMs = 120 * 1000;
    static constexpr int CoalesceMs = 250;       // how long a burst of server events is gathered
    static constexpr int LogoutGraceMs = 5000;   // a server that never answers LOGOUT does not hold stop()
    static constexpr int MaxBackToBackSyncs = 5; // catch-ups in a row before idling regardless
    // IDLE is re-issued this often: a connection that died silently (NAT timeout, suspended
    // laptop) shows up then, instead of after the 29 minutes RFC 2177 allows.
    static constexpr int DefaultIdleRestartMs = 10 * 60 * 1000;

    ImapFolderWatcher(Store::StoreWriter &writer, qint64 accountId, const QString &folder, QObject *parent = nullptr);
    ~ImapFolderWatcher() override;

    void setConnectionSettings(const Net::ConnectionSettings &settings) { m_settings = settings; }
    // Kept in memory while the watcher runs: it logs in again after each lost connection.
    void setCredentials(const Imap::ImapCredentials &credentials) { m_credentials = credentials; }
    // Which messages a catch-up stores with their body (by the folder's role, as in a full sync).
    void setOfflinePolicy(const ImapOfflinePolicy &policy) { m_offlinePolicy = policy; }
    void setPollIntervalMs(int ms) { m_pollIntervalMs = qMax(100, ms); }
    void setBackoff(const ImapWatchBackoff &backoff) { m_backoff = backoff; }
    void setReplayPending(bool on) { m_replayPending = on; }
    void setIdleRestartMs(int ms) { m_idleRestartMs = qMax(1000, ms); }

    void start();
    // Ends IDLE and logs out; stopped() follows (at once when not connected).
    void stop();
    // The account's pending local operations changed (the user flagged, moved or deleted mail):
    // send them now on this session (IDLE is ended for it) instead of at the next reconnect.
    // Only for the watcher that replays (setReplayPending); otherwise ignored.
    void replayLocalChanges();

    QString folder() const { return m_folderPath; }
    State state() const { return m_state; }
    QString lastError() const { return m_lastError; }
    int failures() const { return m_failures; }   // consecutive failed attempts
    int retryDelayMs() const { return m_retryMs; } // while Offline: the wait before the next attempt

    static QString stateName(State state); // "idling", "offline", ...

Q_SIGNALS:
    // why: while Offline the error; otherwise empty.
    void stateChanged(Petrel::Core::ImapFolderWatcher::State state, const QString &why);
    // A catch-up changed the cache (never emitted for a catch-up that found nothing).
    void changed(const Petrel::Core::ImapFolderChange &change);
    void alert(const QString &text); // the server's [ALERT]: to be shown to the user
    void stopped();

private:
    enum class Pause { Backoff, Long };

    void connectSession();
    void onOpened(const Imap::ImapResult &r);
    void replayPending();
    void ensureFolder();
    void onListed(Imap::ImapListOperation *op, const Imap::ImapResult &r);
    std::optional<Store::FolderRow> cachedFolder();
    void syncFolder();
    void onSynced(bool ok);
    void waitForChanges();
    void onServerEvent();
    void onIdleFinished(const Imap::ImapResult &r);
    void onClosed(const Imap::ImapResult &reason);
    void fail(const QString &message, Pause pause);
    void logout();
    void finishStop();
    void teardown();
    void setState(State state, const QString &why = {});
    static QString serverWords(const Imap::ImapResult &r);

    Store::StoreWriter &m_writer;
    qint64 m_accountId;
    QString m_folderPath;
    Net::ConnectionSettings m_settings;
    Imap::ImapCredentials m_credentials;
    ImapOfflinePolicy m_offlinePolicy;
    int m_pollIntervalMs = DefaultPollIntervalMs;
    ImapWatchBackoff m_backoff;
    bool m_replayPending = true;
    int m_idleRestartMs = DefaultIdleRestartMs;

    State m_state = State::Stopped;
    QString m_lastError;
    int m_failures = 0;
    int m_retryMs = 0;
    bool m_stopping = false;
    bool m_initialDone = false; // the first catch-up since start() succeeded
    bool m_dirty = false;       // the server reported a change not yet caught up
    bool m_replayWanted = false; // replayLocalChanges() was called; done at the next quiet moment
    int m_backToBack = 0;

    Imap::ImapSession *m_session = nullptr;
    QPointer<ImapSyncStep> m_step;
    QPointer<Imap::ImapIdleOperation> m_idle;
    QPointer<Imap::ImapListOperation> m_list;
    ImapSyncResult m_result;
    QList<qint64> m_storedIds;

    QTimer m_pollTimer{this};
    QTimer m_coalesceTimer{this};
    QTimer m_reconnectTimer{this};
    QTimer m_logoutTimer{this};
};

} // namespace Petrel::Core
