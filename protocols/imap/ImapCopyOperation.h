#pragma once

#include "imap/ImapCopyUid.h"
#include "imap/ImapOperation.h"

namespace Petrel::Imap {

// UID COPY of messages of the selected mailbox into another; copyUid() from UIDPLUS servers.
class ImapCopyOperation : public ImapOperation
{
    Q_OBJECT

public:
    ImapCopyOperation(ImapSession *session, const ImapSequenceSet &uids, const QString &destination,
                      QObject *parent = nullptr);

    const ImapCopyUid &copyUid() const { return m_copyUid; }

protected:
    void run() override;

private:
    ImapSequenceSet m_uids;
    QString m_destination;
    ImapCopyUid m_copyUid;
};

} // namespace Petrel::Imap
