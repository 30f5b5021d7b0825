#pragma once

#include "imap/ImapCopyUid.h"
#include "imap/ImapResult.h"
#include "store/FolderRow.h"
#include "store/MessageRow.h"
#include "store/ImapFolderCache.h"
#include "store/PendingOperationRow.h"
#include "sync/imap/ImapPendingAction.h"
#include "sync/imap/ImapSyncResult.h"
#include "sync/imap/ImapSyncStep.h"

#include <QList>
#include <QHash>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>
#include <optional>

namespace Petrel::Store {
class StoreReader;
class StoreWriter;
} // namespace Petrel::Store

namespace Petrel::Imap {
class ImapSession;
class ImapOperation;
} // namespace Petrel::Imap

namespace Petrel::Core {

// Replays an account's pending local operations (see ImapLocalActions) on a logged-in session,
// oldest first, and settles their UID-less local copies. Each is idempotent on the server
// (+FLAGS/-FLAGS, MOVE/COPY/EXPUNGE of a UID that is gone do nothing, a CREATE of a folder that
// exists and a DELETE of one that does not count as done), so a pass cut short can replay it
// again. A row that cannot be read is dropped with a warning.
//
// Conflicts: the server wins, and the folder syncs that follow show its state, but nothing the
// user wrote is lost. A refused MOVE puts the message back where the server still has it; a
// refused COPY drops the local copy; a refused APPEND keeps the message in the cache, UID-less
// and marked Store::ImapActionCache::NotUploadedKeyword, in its folder or, when the server says
// that folder does not exist, in INBOX; a refused RENAME drops what the cache knew under the new
// name (the folder list brings the old one back); other refusals are dropped with a warning.
// A message change recorded under another UIDVALIDITY than the server's now is dropped with a
// warning too (its UID names another message now); the folder's resync refetches the folder.
// A lost connection stops the replay and keeps the rest. finished() comes exactly once.
class ImapPendingReplay : public ImapSyncStep
{
    Q_OBJECT

public:
    ImapPendingReplay(Imap::ImapSession *session, Store::StoreWriter &writer, qint64 accountId,
                      ImapSyncResult *result, QObject *parent = nullptr);
    ~ImapPendingReplay() override;

    void start();

private:
    void next();
    void perform();
    void performMessageAction();
    void performAppend();
    void performFolderAction();
    void step(Imap::ImapOperation *op, std::function<void()> onOk);
    void replayed(); // the server took the current operation
    void done();     // the current operation is answered: drop it from the queue
    void refused(const Imap::ImapResult &r);
    void warn(const QString &what, const Imap::ImapResult &r);

    // The UID-less local copy of a move, copy or append; they throw StoreError.
    void settleCopy(const QString &folder, quint64 uidValidity, quint32 uid);
    void undoLocalCopy(bool putBack);
    void keepNotUploaded(bool folderGone);
    void forgetRenamedTree();
    std::optional<Store::MessageRow> localCopy();
    std::optional<Store::FolderRow> localFolder(const QString &path);

    QPointer<Imap::ImapSession> m_session;
    Store::StoreWriter &m_writer;
    Store::ImapFolderCache m_cache;
    std::unique_ptr<Store::StoreReader> m_reader;
    QHash<QString, qint64> m_uidValidity; // cached per folder path, as the changes were recorded
    qint64 m_accountId;
    QList<Store::PendingOperationRow> m_queue;
    int m_index = -1;
    ImapPendingAction m_action;
};

} // namespace Petrel::Core
