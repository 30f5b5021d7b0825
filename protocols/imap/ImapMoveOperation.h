#pragma once

#include "imap/ImapCopyUid.h"
#include "imap/ImapOperation.h"

namespace Petrel::Imap {

// Moves messages of the selected mailbox: UID MOVE (RFC 6851) when offered, else UID COPY, then
// UID STORE +FLAGS.SILENT (\Deleted), then UID EXPUNGE of just those UIDs (UIDPLUS) or, without
// UIDPLUS, a plain EXPUNGE (which also removes other messages already marked \Deleted).
// The EXPUNGE/VANISHED responses that follow are left to the session's signals.
class ImapMoveOperation : public ImapOperation
{
    Q_OBJECT

public:
    ImapMoveOperation(ImapSession *session, const ImapSequenceSet &uids, const QString &destination,
                      QObject *parent = nullptr);

    const ImapCopyUid &copyUid() const { return m_copyUid; }
    bool usedMove() const { return m_usedMove; }

protected:
    void run() override;

private:
    void fallback();

    ImapSequenceSet m_uids;
    QString m_destination;
    ImapCopyUid m_copyUid;
    bool m_usedMove = false;
};

} // namespace Petrel::Imap
