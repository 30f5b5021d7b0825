#pragma once

#include <QList>
#include <QMetaType>

namespace Petrel::Store {

// How insertMessages() treats a message the folder already holds.
enum class DuplicatePolicy {
    SkipSameContentHashInFolder, // imports: the same bytes twice add nothing
    SkipSameRemoteId,            // sync: same IMAP UID, or same POP3 UIDL, in the folder
    Replace,                     // same remote id (else same content hash): the old row is
                                 // deleted and the new one inserted under a new id
};

struct InsertResult
{
    QList<qint64> insertedIds; // in input order
    int skipped = 0;
    int replaced = 0; // Replace only: rows deleted to make room
};

} // namespace Petrel::Store

Q_DECLARE_METATYPE(Petrel::Store::InsertResult)
