#pragma once

#include "imap/ImapCommandBuilder.h"
#include "imap/ImapOperation.h"

namespace Petrel::Imap {

// UID SEARCH in the selected mailbox; uids() in the order the server sent them.
class ImapSearchOperation : public ImapOperation
{
    Q_OBJECT

public:
    ImapSearchOperation(ImapSession *session, const QList<ImapSearchArg> &criteria, QObject *parent = nullptr);

    const QList<quint32> &uids() const { return m_uids; }

protected:
    void run() override;

private:
    QList<ImapSearchArg> m_criteria;
    QList<quint32> m_uids;
};

} // namespace Petrel::Imap
