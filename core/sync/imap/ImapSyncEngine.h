#pragma once

#include "imap/ImapCredentials.h"
#include "imap/ImapMailboxData.h"
#include "imap/ImapResult.h"
#include "net/ConnectionSettings.h"
#include "store/FolderRow.h"
#include "sync/imap/ImapOfflinePolicy.h"
#include "sync/imap/ImapSyncResult.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <QSet>

#include <memory>
#include <optional>

namespace Petrel::Store {
class StoreWriter;
}

namespace Petrel::Imap {
class ImapSession;
}

namespace Petrel::Core {

class ImapFolderSync;
class ImapPendingReplay;

// One full sync pass of an IMAP account; the server is the source of truth and the store gets a
// complete, browsable copy. Log in; replay the account's pending local operations in order; LIST
// every folder (special-use roles, delimiter and subscribed state; folders gone from the server
// leave the cache); then each folder in turn, Inbox first (see ImapFolderSync): new messages
// headers and structure first, newest first, so the folder is browsable early; then the bodies the
// offline policy wants (by default every Inbox message), including those of messages cached
// earlier without one. LOGOUT at the end.
// Emits finished() exactly once, never from inside start().
class ImapSyncEngine : public QObject
{
    Q_OBJECT

public:
    ImapSyncEngine(Store::StoreWriter &writer, qint64 accountId, QObject *parent = nullptr);
    ~ImapSyncEngine() override;

    void setConnectionSettings(const Net::ConnectionSettings &settings) { m_settings = settings; }
    void setCredentials(const Imap::ImapCredentials &credentials) { m_credentials = credentials; }
    // New messages per FETCH command and per store transaction.
    void setBatchSize(int size) { m_batchSize = qMax(1, size); }
    void setOfflinePolicy(const ImapOfflinePolicy &policy) { m_offlinePolicy = policy; }
    // Folders whose rule is "every body" fetch them in the new messages' FETCH instead of a
    // separate bodies phase. Off by default: headers first lists a folder about 2.5 times sooner
    // (README, measured). When on, new messages of such folders are not checked against the
    // size limit before download.
    void setBodiesWithEnvelope(bool together) { m_bodiesWithEnvelope = together; }

    // Starts the pass; call once.
    void start();
    // Hard stop: the connection drops; finished(Cancelled) follows. What was committed stays.
    void abort();

Q_SIGNALS:
    void progressed(const Petrel::Core::ImapSyncProgress &progress);
    void finished(const Petrel::Core::ImapSyncResult &result);

private:
    void onOpened(const Imap::ImapResult &r);
    void replayPending();
    void syncInboxBeforeListing();
    void listFolders();
    // subscribed: the subscribed folder names, when the server said.
    void onListed(const QList<Imap::ImapListEntry> &entries, const std::optional<QSet<QString>> &subscribed);
    void syncNextFolder();
    void failServer(const QString &what, const Imap::ImapResult &r);
    void fail(ImapSyncResult::Error error, const QString &message);
    void finish();

    Store::StoreWriter &m_writer;
    qint64 m_accountId;
    Net::ConnectionSettings m_settings;
    Imap::ImapCredentials m_credentials;
    int m_batchSize = 50;
    ImapOfflinePolicy m_offlinePolicy;
    bool m_bodiesWithEnvelope = false;
    Imap::ImapSession *m_session = nullptr;
    QPointer<QObject> m_step; // the operation or folder sync running now
    QList<Store::FolderRow> m_folders;
    int m_nextFolder = 0;
    bool m_listed = false;        // the folder list is known; before it, only the Inbox is synced
    qint64 m_inboxSyncedFirst = 0; // its id, when it was
    ImapSyncProgress m_progress;
    ImapSyncResult m_result;
    bool m_started = false;
    bool m_finished = false;
};

} // namespace Petrel::Core
