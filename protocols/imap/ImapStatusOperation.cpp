#include "imap/ImapStatusOperation.h"

#include "imap/ImapSession.h"

namespace Petrel::Imap {

ImapStatusOperation::ImapStatusOperation(ImapSession *session, const QString &mailbox,
                                         const QList<QByteArray> &items, QObject *parent)
    : ImapOperation(session, parent), m_mailbox(mailbox), m_items(items)
{
}

void ImapStatusOperation::run()
{
    if (!requireLoggedIn())
        return;
    const QByteArray wire = session()->builder().encodeMailboxName(m_mailbox);
    send(
        session()->builder().status(m_mailbox, m_items),
        [this, wire](const ImapResponse &r) {
            const ImapMailboxStatus *status = r.mailboxStatus();
            if (!status || (status->nameBytes != wire && status->name != m_mailbox))
                return false;
            m_status = *status;
            return true;
        },
        [this](const ImapResponse &) { finish(ImapResult::ok()); });
}

} // namespace Petrel::Imap
