#pragma once

#include "imap/ImapMailboxData.h"
#include "imap/ImapSequenceSet.h"
#include "store/FolderRow.h"
#include "store/ImapFolderCache.h"
#include "store/MessageFlag.h"

#include <QByteArrayList>
#include <QList>
#include <QSet>

// The pure decisions of an IMAP sync pass: no socket, no database, so they are unit-tested alone.
namespace Petrel::Core::ImapSyncPlan {

// The role a LIST entry implies: its special-use attribute, else INBOX, else the well-known names.
Store::FolderRole roleFor(const Imap::ImapListEntry &entry);

// False for \Noselect and \NonExistent entries: they hold no messages.
bool isSelectable(const Imap::ImapListEntry &entry);

enum class UidValidityAction {
    FirstSync, // nothing cached yet (stored 0)
    Keep,      // same UIDVALIDITY: the cached UIDs still name the same messages
    Discard,   // changed: every cached UID is meaningless; drop the folder's cache and refetch
};
UidValidityAction uidValidityAction(quint64 stored, quint64 server);

// The UIDs the server has and the cache lacks, newest (highest UID) first, cut into batches; each
// batch is a UID set for one FETCH and one store transaction. The first holds batchSize, each next
// one twice the previous, up to maxBatchSize (at least batchSize): the newest are listed early,
// and the rest pay far fewer commits (each rewrites the touched index pages; at 50 a batch those
// writes dominated a large first sync, see tests/benchmarks/README.md) and round trips.
QList<Imap::ImapSequenceSet> newMessageBatches(const QList<quint32> &serverUids, const QSet<quint32> &cached,
                                               int batchSize, int maxBatchSize = 0);

// The body downloads of one folder, cut into FETCH commands.
struct BodyBatches
{
    QList<Imap::ImapSequenceSet> batches; // newest first, in the order given
    QList<quint32> tooLarge;              // above maxMessageBytes: left for an explicit request
    int count = 0;                        // messages in batches
};

// messages come newest first (ImapFolderCache::bodylessMessages). A batch holds at most maxCount
// messages and, unless a single message is bigger, at most maxBytes, so one store transaction
// and the fetched bytes held at once stay bounded. Messages above maxMessageBytes (the largest
// literal the parser accepts) are never batched: fetching them would fail the connection.
BodyBatches bodyBatches(const QList<Store::ImapBodylessMessage> &messages, int maxCount, qint64 maxBytes,
                        qint64 maxMessageBytes);

// Cached UIDs the server no longer has (expunged there), ascending.
QList<quint32> expungedUids(const QSet<quint32> &cached, const QList<quint32> &serverUids);

// The server's FLAGS for one message as the store keeps them: system flags as bits, keywords
// as atoms; \Recent and unknown system flags are dropped.
Store::ImapFlagUpdate flagUpdate(quint32 uid, const QList<QByteArray> &imapFlags);

// The system flags for a STORE command, e.g. {"\\Seen", "\\Flagged"}.
QByteArrayList imapFlags(Store::MessageFlags flags);

// Only the updates that differ from what the cache holds (the server wins); of a UID reported
// more than once, the last report.
QList<Store::ImapFlagUpdate> changedFlags(const QList<Store::ImapFlagUpdate> &server,
                                          const QHash<quint32, Store::ImapCachedMessage> &cached);

} // namespace Petrel::Core::ImapSyncPlan
