#pragma once

#include "imap/ImapCommandBuilder.h"
#include "imap/ImapOperation.h"

#include <optional>

namespace Petrel::Imap {

// UID SEARCH in the selected mailbox; uids() in the order the server sent them.
class ImapSearchOperation : public ImapOperation
{
    Q_OBJECT

public:
    ImapSearchOperation(ImapSession *session, const QList<ImapSearchArg> &criteria, QObject *parent = nullptr);

    const QList<quint32> &uids() const { return m_uids; }

    // Asks for the whole result as one compact set (RFC 4731 ESEARCH, "UID SEARCH RETURN (ALL)")
    // where the server offers it: a plain SEARCH line holds one number per match and outgrows the
    // line limit near 130,000 messages. The set is expanded into uids() only when it holds at most
    // atMost values (the mailbox's size: a server cannot list more UIDs than it has messages);
    // more is a protocol error, never an allocation of the server's choosing.
    void setCompactResult(quint64 atMost) { m_compactAtMost = atMost; }

protected:
    void run() override;

private:
    QList<ImapSearchArg> m_criteria;
    QList<quint32> m_uids;
    std::optional<quint64> m_compactAtMost;
    std::optional<QString> m_error;
};

} // namespace Petrel::Imap
