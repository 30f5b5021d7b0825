#include "imap/ImapMailboxOperation.h"

#include "imap/ImapSession.h"

namespace Petrel::Imap {

ImapMailboxOperation::ImapMailboxOperation(ImapSession *session, Kind kind, const QString &mailbox,
                                           const QString &newName, QObject *parent)
    : ImapOperation(session, parent), m_kind(kind), m_mailbox(mailbox), m_newName(newName)
{
}

void ImapMailboxOperation::run()
{
    if (!requireLoggedIn())
        return;
    ImapCommandBuilder &b = session()->builder();
    ImapCommand command;
    switch (m_kind) {
    case Kind::Create: command = b.create(m_mailbox); break;
    case Kind::Rename: command = b.rename(m_mailbox, m_newName); break;
    case Kind::Delete: command = b.deleteMailbox(m_mailbox); break;
    case Kind::Subscribe: command = b.subscribe(m_mailbox); break;
    case Kind::Unsubscribe: command = b.unsubscribe(m_mailbox); break;
    }
    send(command, {}, [this](const ImapResponse &) { finish(ImapResult::ok()); });
}

} // namespace Petrel::Imap
