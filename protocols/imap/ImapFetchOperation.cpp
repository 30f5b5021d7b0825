#include "imap/ImapFetchOperation.h"

#include "imap/ImapSession.h"

#include <limits>

namespace Petrel::Imap {

ImapFetchOperation::ImapFetchOperation(ImapSession *session, const ImapSequenceSet &uids,
                                       const QList<QByteArray> &items, QObject *parent)
    : ImapOperation(session, parent), m_uids(uids), m_items(items)
{
}

void ImapFetchOperation::run()
{
    if (!requireSelected())
        return;
    if (m_changedSince && !requireCapability(ImapCapability::CondStore))
        return;
    if (m_vanished && (!m_changedSince || !session()->isEnabled("QRESYNC"))) {
        finish(ImapResult::make(ImapResult::Kind::NotSupported,
                                QStringLiteral("VANISHED needs QRESYNC enabled and a CHANGEDSINCE modseq.")));
        return;
    }
    if (m_bySequence && m_changedSince) {
        finish(ImapResult::make(ImapResult::Kind::NotSupported,
                                QStringLiteral("A FETCH by sequence number takes no CHANGEDSINCE here.")));
        return;
    }
    send(
        m_bySequence ? session()->builder().fetch(m_uids, m_items)
                     : session()->builder().uidFetch(m_uids, m_items, m_changedSince, m_vanished),
        [this](const ImapResponse &r) {
            if (r.kind == ImapResponse::Kind::Vanished && r.vanished() && r.vanished()->earlier) {
                Q_EMIT vanishedReceived(r.vanished()->uids);
                return true;
            }
            // Only our answers: they carry a UID in the requested set (by sequence number: a UID,
            // and a sequence number in the set). Other FETCH (flag changes made elsewhere) stays
            // unsolicited.
            if (r.kind != ImapResponse::Kind::Fetch || !r.fetch() || !r.fetch()->uid)
                return false;
            const quint64 key = m_bySequence ? r.fetch()->sequence : quint64(*r.fetch()->uid);
            if (key > std::numeric_limits<quint32>::max() || !m_uids.contains(quint32(key)))
                return false;
            m_batch.append(*r.fetch());
            ++m_count;
            if (m_batch.size() >= m_batchSize)
                flush();
            return true;
        },
        [this](const ImapResponse &) {
            flush();
            finish(ImapResult::ok());
        });
}

void ImapFetchOperation::flush()
{
    if (m_batch.isEmpty())
        return;
    QList<ImapFetchData> batch;
    batch.swap(m_batch);
    Q_EMIT fetched(batch);
}

} // namespace Petrel::Imap
