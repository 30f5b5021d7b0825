#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QStringList>

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
    QDateTime sentAt; // invalid until the server took it
    qint64 size = 0;
    QString sender;          // MAIL FROM
    QStringList recipients;  // RCPT TO: To, Cc and Bcc
};

} // namespace Petrel::Store

Q_DECLARE_METATYPE(Petrel::Store::OutboxRow)
