#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace Petrel::Store {

// One entry of the offline queue: a change made locally that the sync engine still has to replay.
struct PendingOperationRow
{
    qint64 id = 0;
    qint64 accountId = 0;
    QString kind;           // e.g. "set-flags", "move"; defined by the sync engines
    QByteArray payloadJson; // valid JSON
    QDateTime createdAt;
    int attempts = 0;
    QString lastError;
};

} // namespace Petrel::Store

Q_DECLARE_METATYPE(Petrel::Store::PendingOperationRow)
