#include "imap/ImapSearchOperation.h"

#include "imap/ImapSession.h"

namespace Petrel::Imap {

ImapSearchOperation::ImapSearchOperation(ImapSession *session, const QList<ImapSearchArg> &criteria,
                                         QObject *parent)
    : ImapOperation(session, parent), m_criteria(criteria)
{
}

void ImapSearchOperation::run()
{
    if (!requireSelected())
        return;
    const bool compact = m_compactAtMost && session()->hasCapability(ImapCapability::ESearch);
    send(
        session()->builder().uidSearch(m_criteria, compact),
        [this](const ImapResponse &r) {
            if ((r.kind != ImapResponse::Kind::Search && r.kind != ImapResponse::Kind::ESearch) || !r.search())
                return false;
            const ImapSearchResult &result = *r.search();
            if (!result.isExtended) {
                m_uids.append(result.numbers);
                return true;
            }
            const quint64 total = quint64(m_uids.size()) + result.all.count();
            if (total > m_compactAtMost.value_or(0)) {
                m_error = QStringLiteral("the server listed %1 UIDs in a mailbox of at most %2 messages")
                              .arg(total)
                              .arg(m_compactAtMost.value_or(0));
                return true;
            }
            m_uids.reserve(qsizetype(total));
            for (const ImapSequenceSet::Range &range : result.all.ranges()) {
                for (quint64 uid = range.first; uid <= range.last; ++uid)
                    m_uids.append(quint32(uid));
            }
            return true;
        },
        [this](const ImapResponse &) {
            if (m_error) {
                m_uids.clear();
                finish(ImapResult::make(ImapResult::Kind::Protocol, *m_error));
                return;
            }
            finish(ImapResult::ok());
        });
}

} // namespace Petrel::Imap
