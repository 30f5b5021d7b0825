#pragma once

#include "store/MessageFlag.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

namespace Petrel::Store {

// A message's full row, for showing it. The raw bytes are fetched apart (StoreReader::rawMessage).
struct MessageRow
{
    qint64 id = 0;
    qint64 folderId = 0;
    std::optional<qint64> uid;
    QString uidl;
    QString contentHash;
    QString subject;
    QString fromDisplay;
    QString fromAddress;
    QString to;
    QString cc;
    QString replyTo;
    QDateTime date;
    QDateTime internalDate;
    QString messageId;
    QString inReplyTo;
    QStringList references;
    QString threadKey;
    qint64 size = 0;
    MessageFlags flags;
    QStringList keywords;
    bool hasAttachments = false;
    QString preview;
    bool hasBody = false;
};

} // namespace Petrel::Store

Q_DECLARE_METATYPE(Petrel::Store::MessageRow)
