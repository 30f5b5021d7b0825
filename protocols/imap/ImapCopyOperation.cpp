#include "imap/ImapCopyOperation.h"

#include "imap/ImapSession.h"

namespace Petrel::Imap {

ImapCopyOperation::ImapCopyOperation(ImapSession *session, const ImapSequenceSet &uids, const QString &destination,
                                     QObject *parent)
    : ImapOperation(session, parent), m_uids(uids), m_destination(destination)
{
}

void ImapCopyOperation::run()
{
    if (!requireSelected())
        return;
    send(session()->builder().uidCopy(m_uids, m_destination), {}, [this](const ImapResponse &r) {
        m_copyUid = ImapCopyUid::fromCode(r.code);
        finish(ImapResult::ok());
    });
}

} // namespace Petrel::Imap
