#include "models/MessageMime.h"

namespace Petrel::Ui {

QMimeData *messageIdsMimeData(const QList<qint64> &ids)
{
    QByteArray encoded;
    for (const qint64 id : ids)
        encoded += QByteArray::number(id) + ' ';
    auto *data = new QMimeData;
    data->setData(messageIdsMimeType(), encoded.trimmed());
    return data;
}

QList<qint64> messageIdsFromMime(const QMimeData *data)
{
    QList<qint64> ids;
    if (!data)
        return ids;
    for (const QByteArray &word : data->data(messageIdsMimeType()).split(' ')) {
        bool ok = false;
        const qint64 id = word.toLongLong(&ok);
        if (ok && id > 0)
            ids.append(id);
    }
    return ids;
}

} // namespace Petrel::Ui
