#pragma once

#include "imap/ImapCredentials.h"
#include "net/ConnectionSettings.h"
#include "sync/imap/ImapFolderChange.h"
#include "sync/imap/ImapFolderWatcher.h"
#include "sync/imap/ImapOfflinePolicy.h"
#include "sync/imap/ImapWatchBackoff.h"

#include <QList>
#include <QObject>
#include <QStringList>

namespace Petrel::Store {
class StoreWriter;
}

namespace Petrel::Core {

// Keeps the watched folders of one IMAP account live: one ImapFolderWatcher (and so one
// connection) per folder, e.g. AccountSettings::imapWatchFolders. Only the first folder replays
// the account's pending local operations, so two sessions never replay the same queue at once.
class ImapAccountWatcher : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        QStringList folders{QStringLiteral("INBOX")};
        ImapOfflinePolicy offlinePolicy; // which messages catch-ups store with their body
        int pollIntervalMs = ImapFolderWatcher::DefaultPollIntervalMs;
        ImapWatchBackoff backoff;
    };

    ImapAccountWatcher(Store::StoreWriter &writer, qint64 accountId, const Options &options, QObject *parent = nullptr);
    ~ImapAccountWatcher() override;

    void setConnectionSettings(const Net::ConnectionSettings &settings);
    void setCredentials(const Imap::ImapCredentials &credentials);

    void start();
    // Stops every folder; stopped() once all have logged out.
    void stop();
    // Local actions were queued: the replaying folder (the first) sends them now.
    void replayLocalChanges();

    const QList<ImapFolderWatcher *> &folders() const { return m_watchers; }
    // True when every folder is Idling or Polling.
    bool isOnline() const;

Q_SIGNALS:
    void newMessages(const QString &folder, const QList<qint64> &messageIds, bool initial);
    void changed(const Petrel::Core::ImapFolderChange &change);
    void stateChanged(const QString &folder, Petrel::Core::ImapFolderWatcher::State state, const QString &why);
    void alert(const QString &text);
    void stopped();

private:
    QList<ImapFolderWatcher *> m_watchers;
    int m_running = 0;
};

} // namespace Petrel::Core
