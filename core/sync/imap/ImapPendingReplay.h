#pragma once

#include "imap/ImapResult.h"
#include "store/ImapFolderCache.h"
#include "store/PendingOperationRow.h"
#include "sync/imap/ImapSyncResult.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include "sync/imap/ImapSyncStep.h"

#include <QObject>
#include <QPointer>

namespace Petrel::Store {
class StoreWriter;
}

namespace Petrel::Imap {
class ImapSession;
class ImapOperation;
} // namespace Petrel::Imap

namespace Petrel::Core {

// Replays an account's pending local operations (see ImapLocalActions) on a logged-in session,
// oldest first. Each is idempotent on the server (+FLAGS/-FLAGS, MOVE and EXPUNGE of a UID that
// is gone do nothing), so a pass cut short can replay it again. An operation the server refuses
// is dropped with a warning: the server wins, and the folder syncs that follow show its state.
// A change recorded under another UIDVALIDITY than the server's now is dropped the same way (its
// UID names another message). A lost connection stops the replay and keeps the rest.
// finished() comes exactly once.
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
    void step(Imap::ImapOperation *op, std::function<void()> onOk);
    void done();  // the current operation is answered: drop it from the queue
    void refused(const Imap::ImapResult &r);

    QPointer<Imap::ImapSession> m_session;
    Store::StoreWriter &m_writer;
    Store::ImapFolderCache m_cache;
    qint64 m_accountId;
    QList<Store::PendingOperationRow> m_queue;
    int m_index = -1;
    QJsonObject m_payload;
    QHash<QString, qint64> m_uidValidity; // cached per folder path, as the changes were recorded
    quint64 m_selectedUidValidity = 0;    // of the folder this replay selected last
};

} // namespace Petrel::Core
