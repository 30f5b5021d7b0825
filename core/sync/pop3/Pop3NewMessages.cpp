#include "sync/pop3/Pop3NewMessages.h"

#include <QHash>

#include <algorithm>

namespace Petrel::Core {

QList<Pop3ServerMessage> pop3ServerMessages(const QList<Pop3::Pop3UniqueId> &uniqueIds,
                                            const QList<Pop3::Pop3ScanListing> &listings)
{
    QHash<quint32, qint64> sizes;
    for (const Pop3::Pop3ScanListing &listing : listings)
        sizes.insert(listing.number, listing.size);
    QList<Pop3ServerMessage> messages;
    messages.reserve(uniqueIds.size());
    QSet<QString> seen;
    for (const Pop3::Pop3UniqueId &id : uniqueIds) {
        const QString uidl = QString::fromLatin1(id.uid);
        if (uidl.isEmpty() || id.number == 0 || seen.contains(uidl))
            continue;
        seen.insert(uidl);
        messages.append({id.number, uidl, sizes.value(id.number, -1)});
    }
    return messages;
}

QList<Pop3ServerMessage> pop3NewMessages(const QList<Pop3ServerMessage> &onServer, const QSet<QString> &known)
{
    QList<Pop3ServerMessage> fresh;
    QSet<QString> taken;
    for (const Pop3ServerMessage &message : onServer) {
        if (known.contains(message.uidl) || taken.contains(message.uidl))
            continue;
        taken.insert(message.uidl);
        fresh.append(message);
    }
    // The maildrop is in arrival order: the highest number is the newest.
    std::sort(fresh.begin(), fresh.end(),
              [](const Pop3ServerMessage &a, const Pop3ServerMessage &b) { return a.number > b.number; });
    return fresh;
}

} // namespace Petrel::Core
