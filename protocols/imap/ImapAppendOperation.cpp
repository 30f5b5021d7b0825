#include "imap/ImapAppendOperation.h"

#include "imap/ImapSession.h"

namespace Petrel::Imap {

ImapAppendOperation::ImapAppendOperation(ImapSession *session, const QString &mailbox, const QByteArray &message,
                                         const QList<QByteArray> &flags, const QDateTime &internalDate,
                                         QObject *parent)
    : ImapOperation(session, parent), m_mailbox(mailbox), m_message(message), m_flags(flags),
      m_internalDate(internalDate)
{
}

void ImapAppendOperation::run()
{
    if (!requireLoggedIn())
        return;
    const ImapCommand command = session()->builder().append(m_mailbox, m_message, m_flags, m_internalDate);
    m_message.clear(); // the command holds the bytes now
    send(command, {}, [this](const ImapResponse &r) {
        if (r.code.kind == ImapResponseCode::Kind::AppendUid && !r.code.uids.isEmpty()) {
            m_uidValidity = r.code.number;
            m_uid = r.code.uids.ranges().constFirst().first;
        }
        finish(ImapResult::ok());
    });
}

} // namespace Petrel::Imap
