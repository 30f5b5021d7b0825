#include "imap/ImapSearchOperation.h"

#include "imap/ImapSession.h"

#include <algorithm>

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
    if (!m_compactAtMost)
        searchWhole(false);
    else if (session()->hasCapability(ImapCapability::ESearch))
        searchWhole(true);
    else if (m_messageCount > WindowSize && (m_messageCount - 1) / WindowSize <= MaxBoundedWindows)
        fetchWindowBounds();
    else {
        if (m_messageCount > 0 && m_messageCount <= WindowSize)
            m_windowEnds = QList<quint64>(); // one open window
        searchWindow(1);
    }
}

void ImapSearchOperation::searchWhole(bool compact)
{
    send(
        session()->builder().uidSearch(m_criteria, compact),
        [this](const ImapResponse &r) {
            if ((r.kind != ImapResponse::Kind::Search && r.kind != ImapResponse::Kind::ESearch) ||
                !r.search())
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
                fail(*m_error);
                return;
            }
            finish(ImapResult::ok());
        });
}

void ImapSearchOperation::fetchWindowBounds()
{
    // One FETCH, so the bounds come from one view of the mailbox: a server sends no EXPUNGE while
    // it answers a FETCH (RFC 3501, 7.4.1). Windows by UID stay right whatever happens later: an
    // expunge only empties part of a window, and new messages land in the last, open one.
    QList<quint32> boundsAt;
    for (quint64 n = WindowSize; n < m_messageCount; n += WindowSize)
        boundsAt.append(quint32(n));
    m_uidAtBound.clear();
    send(
        session()->builder().fetch(ImapSequenceSet::fromValues(boundsAt), {QByteArrayLiteral("UID")}),
        [this](const ImapResponse &r) {
            if (r.kind != ImapResponse::Kind::Fetch || !r.fetch() || !r.fetch()->uid)
                return false;
            const ImapFetchData &data = *r.fetch();
            if (data.sequence == 0 || data.sequence % WindowSize != 0 || data.sequence >= m_messageCount)
                return false; // not one this FETCH asked for: the session reports it
            m_uidAtBound.insert(data.sequence, *data.uid);
            return !data.flags; // flags another client changed are passed on, not swallowed
        },
        [this](const ImapResponse &) {
            QList<quint64> ends;
            for (quint64 n = WindowSize; n < m_messageCount; n += WindowSize) {
                const auto it = m_uidAtBound.constFind(n);
                if (it == m_uidAtBound.constEnd())
                    break; // expunged since SELECT: the open last window takes the rest
                if (*it == 0 || (!ends.isEmpty() && *it <= ends.last())) {
                    fail(QStringLiteral("the server's UIDs do not ascend with its sequence numbers (UID %1 "
                                        "at message %2)")
                             .arg(*it)
                             .arg(n));
                    return;
                }
                ends.append(*it);
            }
            m_windowEnds = ends;
            searchWindow(1);
        },
        [this](const ImapResponse &) {
            searchWindow(1); // refused: windows by UIDNEXT, as without a message count
        });
}

std::optional<quint64> ImapSearchOperation::windowEnd(quint64 first) const
{
    if (m_windowEnds) {
        const auto it = std::lower_bound(m_windowEnds->cbegin(), m_windowEnds->cend(), first);
        if (it == m_windowEnds->cend())
            return std::nullopt;
        return *it;
    }
    const quint64 highest = m_uidNext > 0 ? m_uidNext - 1 : 0; // the highest UID SELECT allowed for
    if (first + WindowSize - 1 < highest)
        return first + WindowSize - 1;
    return std::nullopt;
}

void ImapSearchOperation::searchWindow(quint64 first)
{
    // Windows are sequential, never pipelined: a plain SEARCH response carries no tag, so answers
    // to two searches in flight could not be told apart.
    const std::optional<quint64> last = windowEnd(first);
    QList<ImapSearchArg> criteria;
    if (last)
        criteria << ImapSearchArg::key("UID")
                 << ImapSearchArg::key(QByteArray::number(first) + ':' + QByteArray::number(*last));
    else if (first > 1)
        criteria << ImapSearchArg::key("UID") << ImapSearchArg::key(QByteArray::number(first) + ":*");
    criteria += m_criteria;
    m_windowSeen.clear();
    send(
        session()->builder().uidSearch(criteria),
        [this, first, last](const ImapResponse &r) {
            if (r.kind != ImapResponse::Kind::Search || !r.search() || r.search()->isExtended)
                return false;
            takeWindowed(r.search()->numbers, first, last);
            return true;
        },
        [this, last](const ImapResponse &) {
            if (m_error)
                fail(*m_error);
            else if (last)
                searchWindow(*last + 1);
            else
                finish(ImapResult::ok());
        },
        [this](const ImapResponse &tagged) {
            // A refused window fails the whole listing: a partial UID list would read as expunges.
            m_uids.clear();
            finish(rejected(tagged, QStringLiteral("UID SEARCH")));
        });
}

void ImapSearchOperation::takeWindowed(const QList<quint32> &numbers, quint64 first,
                                       std::optional<quint64> last)
{
    const quint64 atMost = m_compactAtMost.value_or(0);
    for (const quint32 uid : numbers) {
        if (m_error)
            return;
        if (!last) {
            // RFC 3501: "n:*" includes the mailbox's highest UID even when that is below n; it was
            // listed by an earlier window.
            if (uid < first)
                continue;
        } else if (uid < first || uid > *last) {
            m_error = QStringLiteral("the server listed UID %1 in answer to a search of UIDs %2:%3")
                          .arg(uid)
                          .arg(first)
                          .arg(*last);
            return;
        }
        // Windows are disjoint, so a UID listed twice can only repeat within one: it is kept once.
        if (m_windowSeen.contains(uid))
            continue;
        if (quint64(m_uids.size()) >= atMost) {
            m_error =
                QStringLiteral("the server listed more than %1 UIDs in a mailbox of at most %1 messages")
                    .arg(atMost);
            return;
        }
        m_windowSeen.insert(uid);
        m_uids.append(uid);
    }
}

void ImapSearchOperation::fail(const QString &message)
{
    m_uids.clear();
    m_windowSeen.clear();
    finish(ImapResult::make(ImapResult::Kind::Protocol, message));
}

} // namespace Petrel::Imap
