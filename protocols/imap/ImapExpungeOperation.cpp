#include "imap/ImapExpungeOperation.h"

#include "imap/ImapSession.h"

namespace Petrel::Imap {

ImapExpungeOperation::ImapExpungeOperation(ImapSession *session, const ImapSequenceSet &uids, QObject *parent)
    : ImapOperation(session, parent), m_uids(uids)
{
}

void ImapExpungeOperation::run()
{
    if (!requireSelected())
        return;
    if (!m_uids.isEmpty() && !requireCapability(ImapCapability::UidPlus))
        return;
    ImapCommandBuilder &b = session()->builder();
    send(m_uids.isEmpty() ? b.expunge() : b.uidExpunge(m_uids), {},
         [this](const ImapResponse &) { finish(ImapResult::ok()); });
}

} // namespace Petrel::Imap
