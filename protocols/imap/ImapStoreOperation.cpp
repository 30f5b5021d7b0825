#include "imap/ImapStoreOperation.h"

#include "imap/ImapSession.h"

namespace Petrel::Imap {

ImapStoreOperation::ImapStoreOperation(ImapSession *session, const ImapSequenceSet &uids,
                                       ImapCommandBuilder::StoreMode mode, const QList<QByteArray> &flags,
                                       QObject *parent)
    : ImapOperation(session, parent), m_uids(uids), m_mode(mode), m_flags(flags)
{
}

void ImapStoreOperation::run()
{
    if (!requireSelected())
        return;
    if (m_unchangedSince && !requireCapability(ImapCapability::CondStore))
        return;
    if (session()->isSelectedReadOnly()) {
        finish(ImapResult::make(ImapResult::Kind::InvalidState, QStringLiteral("The mailbox is open read-only.")));
        return;
    }
    send(
        session()->builder().uidStore(m_uids, m_mode, m_flags, true, m_unchangedSince),
        [this](const ImapResponse &r) {
            if (r.kind != ImapResponse::Kind::Fetch || !r.fetch() || !r.fetch()->uid || !m_uids.contains(*r.fetch()->uid))
                return false;
            m_changes.append(*r.fetch());
            return true;
        },
        [this](const ImapResponse &r) {
            if (r.code.kind == ImapResponseCode::Kind::Modified)
                m_modified = r.code.uids;
            finish(ImapResult::ok());
        },
        [this](const ImapResponse &r) {
            if (r.code.kind == ImapResponseCode::Kind::Modified)
                m_modified = r.code.uids;
            finish(rejected(r, QStringLiteral("STORE")));
        });
}

} // namespace Petrel::Imap
