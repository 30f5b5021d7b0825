#include "imap/ImapMoveOperation.h"

#include "imap/ImapSession.h"

namespace Petrel::Imap {

ImapMoveOperation::ImapMoveOperation(ImapSession *session, const ImapSequenceSet &uids, const QString &destination,
                                     QObject *parent)
    : ImapOperation(session, parent), m_uids(uids), m_destination(destination)
{
}

void ImapMoveOperation::run()
{
    if (!requireSelected())
        return;
    if (session()->isSelectedReadOnly()) {
        finish(ImapResult::make(ImapResult::Kind::InvalidState, QStringLiteral("The mailbox is open read-only.")));
        return;
    }
    if (!session()->hasCapability(ImapCapability::Move)) {
        fallback();
        return;
    }
    m_usedMove = true;
    send(
        session()->builder().uidMove(m_uids, m_destination),
        [this](const ImapResponse &r) {
            // RFC 6851: COPYUID comes in an untagged OK before the expunges.
            if (r.kind == ImapResponse::Kind::Status && r.code.kind == ImapResponseCode::Kind::CopyUid) {
                m_copyUid = ImapCopyUid::fromCode(r.code);
                return true;
            }
            return false;
        },
        [this](const ImapResponse &r) {
            if (r.code.kind == ImapResponseCode::Kind::CopyUid)
                m_copyUid = ImapCopyUid::fromCode(r.code);
            finish(ImapResult::ok());
        });
}

void ImapMoveOperation::fallback()
{
    ImapCommandBuilder &b = session()->builder();
    send(b.uidCopy(m_uids, m_destination), {}, [this](const ImapResponse &copied) {
        m_copyUid = ImapCopyUid::fromCode(copied.code);
        ImapCommandBuilder &b = session()->builder();
        send(b.uidStore(m_uids, ImapCommandBuilder::StoreMode::Add, {QByteArrayLiteral("\\Deleted")}), {},
             [this](const ImapResponse &) {
                 ImapCommandBuilder &b = session()->builder();
                 const ImapCommand expunge = session()->hasCapability(ImapCapability::UidPlus) ? b.uidExpunge(m_uids)
                                                                                               : b.expunge();
                 send(expunge, {}, [this](const ImapResponse &) { finish(ImapResult::ok()); });
             });
    });
}

} // namespace Petrel::Imap
