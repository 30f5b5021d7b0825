#pragma once

#include "imap/ImapFetchData.h"
#include "imap/ImapSequenceSet.h"

#include <QByteArray>
#include <QList>

#include <optional>

namespace Petrel::Imap {

// What SELECT/EXAMINE reported about the mailbox. With QRESYNC, the changes since the client's
// modseq come with it: VANISHED (EARLIER) UIDs and FETCH flag changes.
struct ImapSelectInfo
{
    quint64 exists = 0;
    quint64 recent = 0;
    quint64 uidValidity = 0;
    std::optional<quint64> uidNext;
    std::optional<quint64> unseen;
    std::optional<quint64> highestModSeq;
    bool noModSeq = false; // [NOMODSEQ]: the mailbox keeps no mod-sequences
    bool readOnly = false;
    QList<QByteArray> flags;
    QList<QByteArray> permanentFlags;
    ImapSequenceSet vanished;
    QList<ImapFetchData> changes;
};

} // namespace Petrel::Imap
