#include "imap/ImapSearchOperation.h"

#include "imap/ImapSession.h"

namespace Petrel::Imap {

ImapSearchOperation::ImapSearchOperation(ImapSession *session, const QList<ImapSearchArg> &criteria,
                                         QObject *parent)
    : ImapOperation(session, parent), m_criteria(criteria)
{
}

void ImapSearchOperation::run()
{
    if (!requireSelected())
        return;
    send(
        session()->builder().uidSearch(m_criteria),
        [this](const ImapResponse &r) {
            if (r.kind != ImapResponse::Kind::Search || !r.search())
                return false;
            m_uids.append(r.search()->numbers);
            return true;
        },
        [this](const ImapResponse &) { finish(ImapResult::ok()); });
}

} // namespace Petrel::Imap
