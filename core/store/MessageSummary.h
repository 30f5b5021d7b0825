#pragma once

#include "store/MessageFlag.h"
#include "store/PageKey.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace Petrel::Store {

// One row of a message list: what a list view shows, without bodies or recipients.
struct MessageSummary
{
    qint64 id = 0;
    qint64 folderId = 0;
    QString subject;
    QString fromDisplay;
    QString fromAddress;
    QDateTime date; // UTC
    MessageFlags flags;
    bool hasAttachments = false;
    bool hasBody = false;
    qint64 size = 0;
    QString preview;
    QString threadKey;
    int threadCount = 1; // messages in its thread, when listed one row per thread

    PageKey pageKey() const { return {date.isValid() ? date.toMSecsSinceEpoch() : 0, id}; }
};

} // namespace Petrel::Store

Q_DECLARE_METATYPE(Petrel::Store::MessageSummary)
