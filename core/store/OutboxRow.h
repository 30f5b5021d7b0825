#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace Petrel::Store {

// Unknown: a send was interrupted after DATA; the server may or may not have accepted it.
enum class OutboxState { Queued, Sending, Sent, Failed, Unknown };

QString outboxStateName(OutboxState state);
OutboxState outboxStateFromName(const QString &name, bool *ok = nullptr);

// A message waiting to be sent. The raw bytes are read apart (StoreReader::outboxRaw).
struct OutboxRow
{
    qint64 id = 0;
    qint64 accountId = 0;
    QString messageIdHeader;
    OutboxState state = OutboxState::Queued;
    int attempts = 0;
    QString lastError;
    QDateTime nextAttemptAt; // invalid: as soon as possible
    QDateTime createdAt;
    qint64 size = 0;
};

} // namespace Petrel::Store

Q_DECLARE_METATYPE(Petrel::Store::OutboxRow)
