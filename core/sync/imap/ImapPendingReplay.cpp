#include "sync/imap/ImapPendingReplay.h"

#include "imap/ImapAppendOperation.h"
#include "imap/ImapCopyOperation.h"
#include "imap/ImapExpungeOperation.h"
#include "imap/ImapMailboxOperation.h"
#include "imap/ImapMoveOperation.h"
#include "imap/ImapSelectOperation.h"
#include "imap/ImapSession.h"
#include "imap/ImapStoreOperation.h"
#include "store/Database.h"
#include "store/ImapActionCache.h"
#include "store/StoreError.h"
#include "store/StoreReader.h"
#include "store/StoreWriter.h"
#include "sync/imap/ImapFolderNames.h"

#include <QTimer>

namespace Petrel::Core {

using Kind = ImapPendingAction::Kind;
using Code = Imap::ImapResponseCode::Kind;

namespace {

// The one destination UID of a one-message COPYUID; 0 without one.
quint32 singleUid(const Imap::ImapCopyUid &copyUid)
{
    const Imap::ImapSequenceSet &uids = copyUid.destinationUids;
    return uids.count() == 1 ? quint32(uids.ranges().constFirst().first) : 0;
}

} // namespace

ImapPendingReplay::ImapPendingReplay(Imap::ImapSession *session, Store::StoreWriter &writer, qint64 accountId,
                                     ImapSyncResult *result, QObject *parent)
    : ImapSyncStep(result, parent), m_session(session), m_writer(writer), m_cache(writer.database()), m_accountId(accountId)
{
}

ImapPendingReplay::~ImapPendingReplay() = default;

void ImapPendingReplay::start()
{
    try {
        m_reader = std::make_unique<Store::StoreReader>(m_writer.database().path());
        m_queue = m_reader->pendingOperations(m_accountId);
        for (const Store::FolderRow &f : m_reader->folders(m_accountId))
            m_uidValidity.insert(f.path, f.uidValidity);
    } catch (const Store::StoreError &e) {
        m_result->error = ImapSyncResult::Error::Store;
        m_result->message = QStringLiteral("Reading the pending local changes failed: ") + e.text();
        finish(false);
        return;
    }
    next();
}

void ImapPendingReplay::next()
{
    if (isFinished())
        return;
    if (++m_index >= m_queue.size()) {
        finish(true);
        return;
    }
    const Store::PendingOperationRow &row = m_queue.at(m_index);
    const std::optional<ImapPendingAction> action = ImapPendingAction::fromRow(row.kind, row.payloadJson);
    if (!action) {
        m_result->warnings << QStringLiteral("Dropped a pending change that cannot be replayed (%1)").arg(row.kind.left(40));
        done();
        return;
    }
    m_action = *action;
    const QString selected = m_session ? m_session->selectedMailbox() : QString();
    if (m_action.needsSelectedFolder()) {
        if (selected == m_action.folder)
            perform();
        else
            step(new Imap::ImapSelectOperation(m_session, m_action.folder, {}, this), [this] { perform(); });
        return;
    }
    const bool touchesSelected = (m_action.kind == Kind::RenameFolder || m_action.kind == Kind::DeleteFolder) &&
                                 !selected.isEmpty() && selected.startsWith(m_action.folder);
    if (touchesSelected) {
        // Some servers (Dovecot) drop a session whose selected mailbox is deleted; a rename would
        // leave the session's idea of the selected name stale. INBOX is never renamed or deleted.
        step(new Imap::ImapSelectOperation(m_session, QStringLiteral("INBOX"), {}, this), [this] { perform(); });
        return;
    }
    perform();
}

void ImapPendingReplay::perform()
{
    switch (m_action.kind) {
    case Kind::Flags:
    case Kind::Move:
    case Kind::Copy:
    case Kind::Expunge:
        performMessageAction();
        return;
    case Kind::Append:
        performAppend();
        return;
    case Kind::CreateFolder:
    case Kind::RenameFolder:
    case Kind::DeleteFolder:
    case Kind::Subscribe:
    case Kind::Unsubscribe:
        performFolderAction();
        return;
    }
}

void ImapPendingReplay::performMessageAction()
{
    // The UID was recorded under the folder's cached UIDVALIDITY; under another it names another
    // message. Dropped: the folder sync that follows refetches the renumbered folder anyway.
    const qint64 recorded = m_uidValidity.value(m_action.folder);
    const quint64 current = m_session ? m_session->selectedUidValidity() : 0;
    if (recorded > 0 && current > 0 && quint64(recorded) != current) {
        m_result->warnings << QStringLiteral("Dropped a local change (%1): the folder's UIDVALIDITY changed on the server")
                                  .arg(m_queue.at(m_index).kind);
        try {
            if (m_action.kind == Kind::Move || m_action.kind == Kind::Copy)
                undoLocalCopy(false); // the source folder's resync brings the message back
        } catch (const Store::StoreError &e) {
            m_result->warnings << QStringLiteral("Could not drop a local copy: ") + e.text();
        }
        done();
        return;
    }
    const Imap::ImapSequenceSet uid(m_action.uid);
    using Mode = Imap::ImapCommandBuilder::StoreMode;
    switch (m_action.kind) {
    case Kind::Flags: {
        const QByteArrayList remove = m_action.remove;
        auto removeStep = [this, uid, remove] {
            if (remove.isEmpty())
                replayed();
            else
                step(new Imap::ImapStoreOperation(m_session, uid, Mode::Remove, remove, this), [this] { replayed(); });
        };
        if (m_action.add.isEmpty())
            removeStep();
        else
            step(new Imap::ImapStoreOperation(m_session, uid, Mode::Add, m_action.add, this), removeStep);
        return;
    }
    case Kind::Move: {
        auto *op = new Imap::ImapMoveOperation(m_session, uid, m_action.target, this);
        step(op, [this, op] {
            // A UID the server no longer has moves nothing (another client expunged it): the
            // local copy just goes, as there is no COPYUID for it.
            settleCopy(m_action.target, op->copyUid().uidValidity, singleUid(op->copyUid()));
        });
        return;
    }
    case Kind::Copy: {
        bool settled = false;
        try {
            settled = !localCopy();
        } catch (const Store::StoreError &e) {
            m_result->warnings << QStringLiteral("Could not read a copied message's local copy: ") + e.text();
        }
        if (settled) {
            // The local copy was settled, so this copy was made by a pass cut short before it
            // could drop the row (or the copy was deleted since): copying again would duplicate it.
            done();
            return;
        }
        auto *op = new Imap::ImapCopyOperation(m_session, uid, m_action.target, this);
        step(op, [this, op] { settleCopy(m_action.target, op->copyUid().uidValidity, singleUid(op->copyUid())); });
        return;
    }
    default:
        step(new Imap::ImapStoreOperation(m_session, uid, Mode::Add, {QByteArrayLiteral("\\Deleted")}, this),
             [this, uid] {
                 // UID EXPUNGE needs UIDPLUS; without it EXPUNGE removes every \Deleted message of the
                 // folder, which is what a server without UIDPLUS offers (as other clients do).
                 const bool uidPlus = m_session && m_session->hasCapability(Imap::ImapCapability::UidPlus);
                 step(new Imap::ImapExpungeOperation(m_session, uidPlus ? uid : Imap::ImapSequenceSet(), this),
                      [this] { replayed(); });
             });
        return;
    }
}

void ImapPendingReplay::performAppend()
{
    std::optional<Store::MessageRow> message;
    std::optional<QByteArray> raw;
    try {
        message = localCopy();
        if (message)
            raw = m_reader->rawMessage(message->id);
    } catch (const Store::StoreError &e) {
        m_result->warnings << QStringLiteral("Could not read a message to upload: ") + e.text();
    }
    if (!message || !raw || raw->isEmpty()) {
        // Deleted locally since (e.g. with its folder): there is nothing left to upload.
        m_result->warnings << QStringLiteral("Dropped an upload to '%1': the message is no longer in the cache")
                                  .arg(m_action.folder);
        done();
        return;
    }
    auto *op = new Imap::ImapAppendOperation(m_session, m_action.folder, *raw, m_action.add, message->internalDate, this);
    step(op, [this, op] { settleCopy(m_action.folder, op->uidValidity(), op->appendUid()); });
}

void ImapPendingReplay::performFolderAction()
{
    using MailboxKind = Imap::ImapMailboxOperation::Kind;
    MailboxKind kind = MailboxKind::Create;
    switch (m_action.kind) {
    case Kind::RenameFolder:
        kind = MailboxKind::Rename;
        break;
    case Kind::DeleteFolder:
        kind = MailboxKind::Delete;
        break;
    case Kind::Subscribe:
        kind = MailboxKind::Subscribe;
        break;
    case Kind::Unsubscribe:
        kind = MailboxKind::Unsubscribe;
        break;
    default:
        break;
    }
    step(new Imap::ImapMailboxOperation(m_session, kind, m_action.folder, m_action.target, this), [this] { replayed(); });
}

void ImapPendingReplay::step(Imap::ImapOperation *op, std::function<void()> onOk)
{
    m_op = op;
    connect(op, &Imap::ImapOperation::finished, this, [this, op, onOk](const Imap::ImapResult &r) {
        op->deleteLater();
        if (isFinished())
            return;
        if (r.isOk())
            onOk();
        else
            refused(r);
    });
    op->start();
}

void ImapPendingReplay::refused(const Imap::ImapResult &r)
{
    using ResultKind = Imap::ImapResult::Kind;
    if (r.kind != ResultKind::Rejected && r.kind != ResultKind::NotSupported) {
        m_result->error = r.kind == ResultKind::Cancelled ? ImapSyncResult::Error::Cancelled : ImapSyncResult::Error::Server;
        m_result->serverError = r.kind;
        m_result->serverText = r.serverText;
        m_result->message =
            QStringLiteral("Sending local changes failed: ") + (r.serverText.isEmpty() ? r.message : r.serverText);
        finish(false);
        return;
    }
    // Idempotent folder actions: the server is already where the action would take it.
    if ((m_action.kind == Kind::CreateFolder && r.code.kind == Code::AlreadyExists) ||
        (m_action.kind == Kind::DeleteFolder && r.code.kind == Code::NonExistent)) {
        replayed();
        return;
    }
    // The server wins: it will not take this change, so it is not retried.
    warn(QStringLiteral("The server refused a local change"), r);
    try {
        if (m_action.kind == Kind::Move)
            undoLocalCopy(true);
        else if (m_action.kind == Kind::Copy)
            undoLocalCopy(false);
        else if (m_action.kind == Kind::Append)
            keepNotUploaded(r.code.kind == Code::TryCreate || r.code.kind == Code::NonExistent);
        else if (m_action.kind == Kind::RenameFolder)
            forgetRenamedTree();
    } catch (const Store::StoreError &e) {
        m_result->error = ImapSyncResult::Error::Store;
        m_result->message = QStringLiteral("Undoing a refused local change failed: ") + e.text();
        finish(false);
        return;
    }
    done();
}

void ImapPendingReplay::warn(const QString &what, const Imap::ImapResult &r)
{
    QString subject = m_action.folder;
    if (!m_action.target.isEmpty())
        subject += QStringLiteral(" -> ") + m_action.target;
    m_result->warnings << QStringLiteral("%1 (%2 %3): %4")
                              .arg(what, ImapPendingAction::kindName(m_action.kind), subject,
                                   r.serverText.isEmpty() ? r.message : r.serverText);
}

std::optional<Store::MessageRow> ImapPendingReplay::localCopy()
{
    if (m_action.localId <= 0)
        return std::nullopt;
    std::optional<Store::MessageRow> m = m_reader->message(m_action.localId);
    if (!m || m->uid)
        return std::nullopt; // not a local copy (any more): never touch a message the server knows
    const std::optional<Store::FolderRow> folder = m_reader->folder(m->folderId);
    if (!folder || folder->accountId != m_accountId)
        return std::nullopt;
    return m;
}

std::optional<Store::FolderRow> ImapPendingReplay::localFolder(const QString &path)
{
    for (const Store::FolderRow &f : m_reader->folders(m_accountId)) {
        if (f.path == path)
            return f;
    }
    return std::nullopt;
}

void ImapPendingReplay::settleCopy(const QString &folder, quint64 uidValidity, quint32 uid)
{
    try {
        if (const std::optional<Store::MessageRow> copy = localCopy()) {
            // With the server's UID (UIDPLUS) and the same UIDVALIDITY as the cache, the local copy
            // is the server's message: it keeps its body and the folder sync finds it known.
            // Otherwise it goes, and the folder's sync brings the server's copy.
            const std::optional<Store::FolderRow> target = localFolder(folder);
            const bool placed = uid != 0 && target && copy->folderId == target->id && target->uidValidity != 0 &&
                                quint64(target->uidValidity) == uidValidity &&
                                Store::ImapActionCache(m_writer.database()).placeWithUid(copy->id, target->id, uid);
            if (!placed)
                m_writer.deleteMessages({copy->id});
        }
    } catch (const Store::StoreError &e) {
        m_result->warnings << QStringLiteral("Could not settle the local copy of a replayed change: ") + e.text();
    }
    replayed();
}

void ImapPendingReplay::undoLocalCopy(bool putBack)
{
    const std::optional<Store::MessageRow> copy = localCopy();
    if (!copy)
        return;
    if (putBack) {
        // The server kept the message where it was, under its old UID: so does the cache.
        const std::optional<Store::FolderRow> source = localFolder(m_action.folder);
        if (source && Store::ImapActionCache(m_writer.database()).placeWithUid(copy->id, source->id, m_action.uid))
            return;
    }
    m_writer.deleteMessages({copy->id});
}

void ImapPendingReplay::keepNotUploaded(bool folderGone)
{
    const std::optional<Store::MessageRow> message = localCopy();
    if (!message)
        return;
    qint64 folderId = message->folderId;
    QString where = m_action.folder;
    if (folderGone) {
        // The folder is leaving the cache with the next folder list; INBOX always exists.
        std::optional<Store::FolderRow> inbox;
        for (const Store::FolderRow &f : m_reader->folders(m_accountId)) {
            if (f.role == Store::FolderRole::Inbox)
                inbox = f;
        }
        folderId = inbox ? inbox->id
                         : m_writer.ensureFolder(m_accountId, QStringLiteral("INBOX"), Store::FolderRole::Inbox);
        where = inbox ? inbox->path : QStringLiteral("INBOX");
    }
    Store::ImapActionCache(m_writer.database()).keepNotUploaded(message->id, folderId);
    m_result->warnings << QStringLiteral("Message %1 was not uploaded; it is kept only in the local cache, in '%2', "
                                         "marked %3")
                              .arg(message->id)
                              .arg(where, QLatin1String(Store::ImapActionCache::NotUploadedKeyword));
}

void ImapPendingReplay::forgetRenamedTree()
{
    // Locally the folders carry the old name's UIDs under the new name. The folder list that
    // follows brings the old name back; a mailbox of the new name on the server is another one
    // whose UIDVALIDITY may still match (Dovecot takes the creation second), so what the cache
    // knew under the new name is dropped and fetched again. Local-only messages stay.
    QString delimiter;
    const QList<Store::FolderRow> folders = m_reader->folders(m_accountId);
    for (const Store::FolderRow &f : folders) {
        if (!f.delimiter.isEmpty())
            delimiter = f.delimiter;
    }
    for (const Store::FolderRow &f : folders) {
        if (ImapFolderNames::isSameOrUnder(f.path, m_action.target, delimiter))
            m_cache.discardFolder(f.id);
    }
}

void ImapPendingReplay::replayed()
{
    ++m_result->replayed;
    done();
}

void ImapPendingReplay::done()
{
    try {
        m_cache.removePendingOperation(m_queue.at(m_index).id);
    } catch (const Store::StoreError &e) {
        m_result->error = ImapSyncResult::Error::Store;
        m_result->message = QStringLiteral("Updating the pending local changes failed: ") + e.text();
        finish(false);
        return;
    }
    // From the event loop: a long run of dropped rows must not nest calls.
    QTimer::singleShot(0, this, [this] { next(); });
}

} // namespace Petrel::Core
