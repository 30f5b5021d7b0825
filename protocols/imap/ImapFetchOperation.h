#pragma once

#include "imap/ImapFetchData.h"
#include "imap/ImapOperation.h"
#include "imap/ImapSequenceSet.h"

#include <optional>

namespace Petrel::Imap {

// UID FETCH of items for a UID set in the selected mailbox, optionally CHANGEDSINCE a modseq
// (CONDSTORE) with VANISHED (QRESYNC enabled). Results stream out in batches of batchSize through
// fetched(), so a 100,000-message folder never sits in memory at once; the operation keeps none.
class ImapFetchOperation : public ImapOperation
{
    Q_OBJECT

public:
    ImapFetchOperation(ImapSession *session, const ImapSequenceSet &uids, const QList<QByteArray> &items,
                       QObject *parent = nullptr);

    void setChangedSince(quint64 modSeq) { m_changedSince = modSeq; }
    void setVanished(bool vanished) { m_vanished = vanished; } // needs changedSince
    void setBatchSize(int size) { m_batchSize = qMax(1, size); }
    // The set holds message sequence numbers (a plain FETCH), e.g. a folder's newest messages
    // before their UIDs are known. Only answers that carry a UID count: ask for "UID".
    void setBySequenceNumber(bool on) { m_bySequence = on; }
    quint64 fetchedCount() const { return m_count; }

Q_SIGNALS:
    void fetched(const QList<Petrel::Imap::ImapFetchData> &batch);
    void vanishedReceived(const Petrel::Imap::ImapSequenceSet &uids); // VANISHED (EARLIER)

protected:
    void run() override;

private:
    void flush();

    ImapSequenceSet m_uids;
    QList<QByteArray> m_items;
    std::optional<quint64> m_changedSince;
    bool m_vanished = false;
    bool m_bySequence = false;
    int m_batchSize = 500;
    QList<ImapFetchData> m_batch;
    quint64 m_count = 0;
};

} // namespace Petrel::Imap
