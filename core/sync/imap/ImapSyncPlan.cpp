#include "sync/imap/ImapSyncPlan.h"

#include "importing/MessageRecordBuilder.h"

#include <QSet>

#include <algorithm>

namespace Petrel::Core::ImapSyncPlan {

Store::FolderRole roleFor(const Imap::ImapListEntry &entry)
{
    using Use = Imap::ImapListEntry::SpecialUse;
    switch (entry.specialUse) {
    case Use::Sent:
        return Store::FolderRole::Sent;
    case Use::Drafts:
        return Store::FolderRole::Drafts;
    case Use::Trash:
        return Store::FolderRole::Trash;
    case Use::Junk:
        return Store::FolderRole::Junk;
    case Use::Archive:
        return Store::FolderRole::Archive;
    case Use::None:
    case Use::All:
    case Use::Flagged:
        break;
    }
    // INBOX is case-insensitive by RFC 3501; other names only guess when the server says nothing.
    if (entry.name.compare(QLatin1String("INBOX"), Qt::CaseInsensitive) == 0)
        return Store::FolderRole::Inbox;
    if (entry.specialUse != Use::None)
        return Store::FolderRole::None; // \All or \Flagged: virtual folders, no role of ours
    const Store::FolderRole guess = roleForFolderName(entry.name);
    return guess == Store::FolderRole::Inbox ? Store::FolderRole::None : guess;
}

bool isSelectable(const Imap::ImapListEntry &entry)
{
    return !entry.hasAttribute("\\Noselect") && !entry.hasAttribute("\\NonExistent");
}

UidValidityAction uidValidityAction(quint64 stored, quint64 server)
{
    if (stored == 0)
        return UidValidityAction::FirstSync;
    return stored == server ? UidValidityAction::Keep : UidValidityAction::Discard;
}

QList<Imap::ImapSequenceSet> newMessageBatches(const QList<quint32> &serverUids, const QSet<quint32> &cached,
                                               int batchSize, int maxBatchSize)
{
    batchSize = qMax(1, batchSize);
    maxBatchSize = qMax(batchSize, maxBatchSize);
    QList<quint32> fresh;
    for (quint32 uid : serverUids) {
        if (uid != 0 && !cached.contains(uid))
            fresh.append(uid);
    }
    std::sort(fresh.begin(), fresh.end(), std::greater<quint32>());
    fresh.erase(std::unique(fresh.begin(), fresh.end()), fresh.end());
    QList<Imap::ImapSequenceSet> batches;
    qsizetype size = batchSize;
    for (qsizetype i = 0; i < fresh.size(); i += size) {
        if (i > 0)
            size = qMin<qsizetype>(size * 2, maxBatchSize);
        batches.append(Imap::ImapSequenceSet::fromValues(fresh.mid(i, size)));
    }
    return batches;
}

BodyBatches bodyBatches(const QList<Store::ImapBodylessMessage> &messages, int maxCount, qint64 maxBytes,
                        qint64 maxMessageBytes)
{
    maxCount = qMax(1, maxCount);
    BodyBatches out;
    QList<quint32> current;
    qint64 currentBytes = 0;
    auto flush = [&] {
        if (current.isEmpty())
            return;
        out.batches.append(Imap::ImapSequenceSet::fromValues(current));
        out.count += int(current.size());
        current.clear();
        currentBytes = 0;
    };
    for (const Store::ImapBodylessMessage &m : messages) {
        if (m.uid == 0)
            continue;
        if (m.size > maxMessageBytes) {
            out.tooLarge.append(m.uid);
            continue;
        }
        if (!current.isEmpty() && (current.size() >= maxCount || currentBytes + m.size > maxBytes))
            flush();
        current.append(m.uid);
        currentBytes += qMax<qint64>(0, m.size);
    }
    flush();
    return out;
}

QList<quint32> expungedUids(const QSet<quint32> &cached, const QList<quint32> &serverUids)
{
    if (cached.isEmpty())
        return {}; // a first sync: no need to hash the server's (perhaps million) UIDs
    const QSet<quint32> server(serverUids.cbegin(), serverUids.cend());
    QList<quint32> gone;
    for (quint32 uid : cached) {
        if (!server.contains(uid))
            gone.append(uid);
    }
    std::sort(gone.begin(), gone.end());
    return gone;
}

Store::ImapFlagUpdate flagUpdate(quint32 uid, const QList<QByteArray> &imapFlags)
{
    Store::ImapFlagUpdate u;
    u.uid = uid;
    for (const QByteArray &flag : imapFlags) {
        if (flag.startsWith('\\')) {
            const QByteArray f = flag.toLower();
            if (f == "\\seen")
                u.flags |= Store::MessageFlag::Seen;
            else if (f == "\\answered")
                u.flags |= Store::MessageFlag::Answered;
            else if (f == "\\flagged")
                u.flags |= Store::MessageFlag::Flagged;
            else if (f == "\\deleted")
                u.flags |= Store::MessageFlag::Deleted;
            else if (f == "\\draft")
                u.flags |= Store::MessageFlag::Draft;
            continue; // \Recent and unknown system flags are not the message's state
        }
        // Keywords are atoms; anything with a space could not be stored space-separated.
        if (!flag.isEmpty() && !flag.contains(' ')) {
            const QString keyword = QString::fromUtf8(flag);
            if (!u.keywords.contains(keyword))
                u.keywords.append(keyword);
        }
    }
    u.keywords.sort();
    return u;
}

QByteArrayList imapFlags(Store::MessageFlags flags)
{
    QByteArrayList out;
    if (flags.testFlag(Store::MessageFlag::Seen))
        out << QByteArrayLiteral("\\Seen");
    if (flags.testFlag(Store::MessageFlag::Answered))
        out << QByteArrayLiteral("\\Answered");
    if (flags.testFlag(Store::MessageFlag::Flagged))
        out << QByteArrayLiteral("\\Flagged");
    if (flags.testFlag(Store::MessageFlag::Deleted))
        out << QByteArrayLiteral("\\Deleted");
    if (flags.testFlag(Store::MessageFlag::Draft))
        out << QByteArrayLiteral("\\Draft");
    return out;
}

QList<Store::ImapFlagUpdate> changedFlags(const QList<Store::ImapFlagUpdate> &server,
                                          const QHash<quint32, Store::ImapCachedMessage> &cached)
{
    QList<Store::ImapFlagUpdate> out;
    QSet<quint32> seen;
    // Newest first: a UID reported twice counts as its last report says.
    for (auto u = server.crbegin(); u != server.crend(); ++u) {
        if (seen.contains(u->uid))
            continue;
        seen.insert(u->uid);
        const auto it = cached.constFind(u->uid);
        if (it == cached.cend())
            continue; // not cached (yet): the new-message fetch brings its flags
        QStringList local = it->keywords;
        local.sort();
        if (it->flags != u->flags || local != u->keywords)
            out.prepend(*u);
    }
    return out;
}

} // namespace Petrel::Core::ImapSyncPlan
