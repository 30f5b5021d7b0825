#pragma once

#include "imap/ImapCommandBuilder.h"
#include "imap/ImapOperation.h"

#include <QHash>
#include <QSet>

#include <optional>

namespace Petrel::Imap {

// UID SEARCH in the selected mailbox; uids() in the order the server sent them.
class ImapSearchOperation : public ImapOperation
{
    Q_OBJECT

public:
    // UIDs per window of a windowed search (see setUidUpperBound): 50,000 UIDs of up to ten digits
    // make a SEARCH line of about 550 KB, well under the parser's 1 MiB line limit.
    static constexpr quint64 WindowSize = 50000;

    ImapSearchOperation(ImapSession *session, const QList<ImapSearchArg> &criteria,
                        QObject *parent = nullptr);

    const QList<quint32> &uids() const { return m_uids; }

    // Asks for the whole result as one compact set (RFC 4731 ESEARCH, "UID SEARCH RETURN (ALL)")
    // where the server offers it: a plain SEARCH line holds one number per match and outgrows the
    // line limit near 130,000 messages. The set is expanded into uids() only when it holds at most
    // atMost values (the mailbox's size: a server cannot list more UIDs than it has messages);
    // more is a protocol error, never an allocation of the server's choosing.
    // Without ESEARCH the same bound holds, and the search goes in UID windows (below).
    void setCompactResult(quint64 atMost) { m_compactAtMost = atMost; }

    // The mailbox's UIDNEXT from SELECT, for a compact result on a server without ESEARCH: the
    // search then runs one UID window at a time ("UID SEARCH UID 1:50000 ...", "UID 50001:100000",
    // ...) so no SEARCH line outgrows the line limit; the last window is open ("UID n:*") and
    // also takes messages delivered since SELECT. Unknown (0): one open window, a plain search.
    void setUidUpperBound(quint64 uidNext) { m_uidNext = uidNext; }

    // The mailbox's message count from SELECT. When known, windows follow the messages, not the UID
    // space: one FETCH of the UIDs at sequence numbers 50,000, 100,000, ... gives each window's
    // upper bound, so every window holds at most WindowSize messages however sparse the UIDs are
    // (a folder of 120,000 messages with UIDNEXT near 4,000,000,000 takes three windows, not
    // 80,000). A mailbox of at most WindowSize messages takes one plain search. If the server
    // refuses that FETCH, the windows follow UIDNEXT as above.
    void setMessageCount(quint64 count) { m_messageCount = count; }

    // Beyond this many windows the bounds' FETCH line would grow past what servers accept
    // (10 bytes a bound); such a mailbox (over 50,000,000 messages) is searched by UIDNEXT windows.
    static constexpr quint64 MaxBoundedWindows = 1000;

protected:
    void run() override;

private:
    void searchWhole(bool compact);
    void fetchWindowBounds();
    void searchWindow(quint64 first);
    std::optional<quint64> windowEnd(quint64 first) const;
    void takeWindowed(const QList<quint32> &numbers, quint64 first, std::optional<quint64> last);
    void fail(const QString &message);

    QList<ImapSearchArg> m_criteria;
    QList<quint32> m_uids;
    std::optional<quint64> m_compactAtMost;
    quint64 m_uidNext = 0;
    quint64 m_messageCount = 0;
    std::optional<QList<quint64>> m_windowEnds; // from fetchWindowBounds, ascending
    QHash<quint64, quint32> m_uidAtBound; // fetchWindowBounds' answers: sequence number -> UID
    QSet<quint32> m_windowSeen; // UIDs of the current window, to drop one listed twice
    std::optional<QString> m_error;
};

} // namespace Petrel::Imap
