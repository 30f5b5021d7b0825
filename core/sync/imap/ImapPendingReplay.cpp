#include "sync/imap/ImapPendingReplay.h"

#include "imap/ImapExpungeOperation.h"
#include "imap/ImapMoveOperation.h"
#include "imap/ImapSelectOperation.h"
#include "imap/ImapSession.h"
#include "imap/ImapStoreOperation.h"
#include "store/Database.h"
#include "store/StoreError.h"
#include "store/StoreReader.h"
#include "store/StoreWriter.h"
#include "sync/imap/ImapLocalActions.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>

namespace Petrel::Core {

namespace {

QList<QByteArray> flagList(const QJsonValue &value)
{
    QList<QByteArray> out;
    for (const QJsonValue &v : value.toArray()) {
        const QByteArray f = v.toString().toLatin1();
        // Only the system flags ImapLocalActions writes; anything else in the row is ignored.
        if (f == "\\Seen" || f == "\\Flagged" || f == "\\Answered" || f == "\\Deleted" || f == "\\Draft")
            out.append(f);
    }
    return out;
}

// A moved message's local copy has no UID. Once the server answered the move, either way, the
// folder syncs bring the message under its real UID (in the target, or back in the source when
// refused), so the copy goes: left, it would stay a UID-less duplicate for good.
void dropMovedCopy(Store::StoreWriter &writer, const QJsonObject &payload, ImapSyncResult *result)
{
    const qint64 localId = payload.value(QStringLiteral("localId")).toInteger();
    try {
        if (localId > 0)
            writer.deleteMessages({localId});
    } catch (const Store::StoreError &e) {
        result->warnings << QStringLiteral("Could not drop a moved message's local copy: ") + e.text();
    }
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
        Store::StoreReader reader(m_writer.database().path());
        m_queue = reader.pendingOperations(m_accountId);
        for (const Store::FolderRow &f : reader.folders(m_accountId))
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
    m_payload = QJsonDocument::fromJson(row.payloadJson).object();
    const QString folder = m_payload.value(QStringLiteral("folder")).toString();
    const qint64 uid = m_payload.value(QStringLiteral("uid")).toInteger();
    const bool known = row.kind == QLatin1String(ImapLocalActions::FlagsKind) ||
                       row.kind == QLatin1String(ImapLocalActions::MoveKind) ||
                       row.kind == QLatin1String(ImapLocalActions::ExpungeKind);
    if (!known || folder.isEmpty() || uid <= 0 || uid > 0xfffffffe) {
        m_result->warnings << QStringLiteral("Dropped a pending change that cannot be replayed (%1)").arg(row.kind);
        done();
        return;
    }
    if (m_session && m_session->selectedMailbox() == folder) {
        perform();
        return;
    }
    auto *select = new Imap::ImapSelectOperation(m_session, folder, {}, this);
    step(select, [this, select] {
        m_selectedUidValidity = select->info().uidValidity;
        perform();
    });
}

void ImapPendingReplay::perform()
{
    const Store::PendingOperationRow &row = m_queue.at(m_index);
    // The UIDs were recorded under the folder's cached UIDVALIDITY; under another they name other
    // messages. Dropped: the folder sync that follows refetches the renumbered folder anyway.
    const qint64 recorded = m_uidValidity.value(m_payload.value(QStringLiteral("folder")).toString());
    if (recorded > 0 && quint64(recorded) != m_selectedUidValidity) {
        m_result->warnings << QStringLiteral("Dropped a local change (%1): the folder's UIDVALIDITY changed on the server")
                                  .arg(row.kind);
        if (row.kind == QLatin1String(ImapLocalActions::MoveKind))
            dropMovedCopy(m_writer, m_payload, m_result);
        done();
        return;
    }
    const Imap::ImapSequenceSet uid(quint32(m_payload.value(QStringLiteral("uid")).toInteger()));
    using Mode = Imap::ImapCommandBuilder::StoreMode;
    if (row.kind == QLatin1String(ImapLocalActions::FlagsKind)) {
        const QList<QByteArray> add = flagList(m_payload.value(QStringLiteral("add")));
        const QList<QByteArray> remove = flagList(m_payload.value(QStringLiteral("remove")));
        auto removeStep = [this, uid, remove] {
            if (remove.isEmpty()) {
                ++m_result->replayed;
                done();
                return;
            }
            step(new Imap::ImapStoreOperation(m_session, uid, Mode::Remove, remove, this), [this] {
                ++m_result->replayed;
                done();
            });
        };
        if (add.isEmpty())
            removeStep();
        else
            step(new Imap::ImapStoreOperation(m_session, uid, Mode::Add, add, this), removeStep);
    } else if (row.kind == QLatin1String(ImapLocalActions::MoveKind)) {
        const QString target = m_payload.value(QStringLiteral("target")).toString();
        step(new Imap::ImapMoveOperation(m_session, uid, target, this), [this] {
            dropMovedCopy(m_writer, m_payload, m_result);
            ++m_result->replayed;
            done();
        });
    } else {
        step(new Imap::ImapStoreOperation(m_session, uid, Mode::Add, {QByteArrayLiteral("\\Deleted")}, this),
             [this, uid] {
                 step(new Imap::ImapExpungeOperation(m_session, uid, this), [this] {
                     ++m_result->replayed;
                     done();
                 });
             });
    }
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
    using Kind = Imap::ImapResult::Kind;
    if (r.kind == Kind::Rejected || r.kind == Kind::NotSupported) {
        // The server wins: it will not take this change, so it is not retried.
        m_result->warnings << QStringLiteral("The server refused a local change (%1): %2")
                                  .arg(m_queue.at(m_index).kind, r.serverText.isEmpty() ? r.message : r.serverText);
        if (m_queue.at(m_index).kind == QLatin1String(ImapLocalActions::MoveKind))
            dropMovedCopy(m_writer, m_payload, m_result);
        done();
        return;
    }
    m_result->error = r.kind == Kind::Cancelled ? ImapSyncResult::Error::Cancelled : ImapSyncResult::Error::Server;
    m_result->serverError = r.kind;
    m_result->serverText = r.serverText;
    m_result->message = QStringLiteral("Sending local changes failed: ") + (r.serverText.isEmpty() ? r.message : r.serverText);
    finish(false);
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
