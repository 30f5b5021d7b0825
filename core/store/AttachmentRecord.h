#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

namespace Petrel::Store {

struct AttachmentRecord
{
    qint64 id = 0;        // set when read back
    qint64 messageId = 0; // set when read back
    QString partPath;     // MIME part path, e.g. "2.1"
    QString fileName;
    QString contentType;
    qint64 size = 0;
    QString contentId;
    bool isInline = false;
};

} // namespace Petrel::Store

Q_DECLARE_METATYPE(Petrel::Store::AttachmentRecord)
