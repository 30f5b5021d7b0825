#include "importing/RawMessageStore.h"

#include "importing/MessageRecordBuilder.h"
#include "mime/MessageParser.h"
#include "store/StoreWriter.h"

#include <QDateTime>

namespace Petrel::Core {

QString storeRawMessage(Store::StoreWriter &writer, qint64 folderId, const QByteArray &raw, Store::MessageFlags flags,
                        qint64 *newId)
{
    if (raw.isEmpty())
        return QStringLiteral("the message is empty");
    const Mime::ParseResult parsed = Mime::MessageParser::parse(raw);
    if (!parsed.isOk())
        return QStringLiteral("not a mail message: %1").arg(parsed.errorString);
    Store::MessageRecord record = buildMessageRecord(raw, parsed.message);
    record.flags = flags;
    record.internalDate = QDateTime::currentDateTimeUtc();
    const Store::InsertResult inserted =
        writer.insertMessages(folderId, {record}, Store::DuplicatePolicy::SkipSameRemoteId);
    if (inserted.insertedIds.isEmpty())
        return QStringLiteral("the message could not be stored");
    if (newId)
        *newId = inserted.insertedIds.first();
    return {};
}

} // namespace Petrel::Core
