#pragma once

#include "imap/ImapOperation.h"
#include "imap/ImapSequenceSet.h"

namespace Petrel::Imap {

// EXPUNGE of the selected mailbox, or UID EXPUNGE of just `uids` (needs UIDPLUS). The expunged
// messages are reported through the session's expungeReceived()/vanishedReceived().
class ImapExpungeOperation : public ImapOperation
{
    Q_OBJECT

public:
    explicit ImapExpungeOperation(ImapSession *session, const ImapSequenceSet &uids = {}, QObject *parent = nullptr);

protected:
    void run() override;

private:
    ImapSequenceSet m_uids;
};

} // namespace Petrel::Imap
