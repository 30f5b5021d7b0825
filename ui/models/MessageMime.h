#pragma once

#include <QByteArray>
#include <QList>
#include <QMimeData>
#include <QString>

namespace Petrel::Ui {

// Messages dragged from the message list carry their store ids under this type.
inline QString messageIdsMimeType()
{
    return QStringLiteral("application/x-petrel-message-ids");
}

QMimeData *messageIdsMimeData(const QList<qint64> &ids);
QList<qint64> messageIdsFromMime(const QMimeData *data);

} // namespace Petrel::Ui
