#pragma once

#include "store/MessageRecord.h"

#include <QList>
#include <QString>

namespace Petrel::Store {

// One message fetched with RETR, ready for the archive: its UIDL and the row to store.
struct Pop3Download
{
    QString uidl;
    MessageRecord record; // record.uidl is set from uidl by the store
};

// What one batch did.
struct Pop3BatchResult
{
    QList<qint64> messageIds; // the local message of each input, in input order
    QList<qint64> insertedIds; // the messages this batch added to the archive
    int inserted = 0;
    int alreadyKnown = 0; // the UIDL was committed before: nothing written for it
};

} // namespace Petrel::Store
