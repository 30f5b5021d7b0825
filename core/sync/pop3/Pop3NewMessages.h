#pragma once

#include "pop3/Pop3Listing.h"

#include <QList>
#include <QSet>
#include <QString>

namespace Petrel::Core {

// One message in the server's maildrop during one session.
struct Pop3ServerMessage
{
    quint32 number = 0; // per session
    QString uidl;       // identity across sessions
    qint64 size = -1;   // LIST's size (a hint); -1: not listed
};

// Joins UIDL and LIST by message number, in UIDL order. A UIDL that repeats (a broken server)
// keeps only its first message, so it can never be stored twice.
QList<Pop3ServerMessage> pop3ServerMessages(const QList<Pop3::Pop3UniqueId> &uniqueIds,
                                            const QList<Pop3::Pop3ScanListing> &listings);

// The messages to download: those whose UIDL is not known, newest (highest number) first.
QList<Pop3ServerMessage> pop3NewMessages(const QList<Pop3ServerMessage> &onServer, const QSet<QString> &known);

} // namespace Petrel::Core
