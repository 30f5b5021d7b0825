#pragma once

#include "store/AttachmentRecord.h"
#include "store/MessageFlag.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

namespace Petrel::Store {

// What a writer inserts: one message with everything the store keeps about it.
struct MessageRecord
{
    std::optional<qint64> uid; // IMAP UID in its folder
    QString uidl;              // POP3 UIDL; empty: none
    QString contentHash;       // SHA-256 hex of raw; computed by the store when empty and raw is set
    QString subject;
    QString fromDisplay; // "Alice Example <alice@example.org>" or the name alone
    QString fromAddress; // alice@example.org
    QString to;          // display form of the recipients
    QString cc;
    QString replyTo;
    QDateTime date;         // Date header; invalid: use internalDate
    QDateTime internalDate; // when the server (or Petrel) received it
    QString messageId;      // without angle brackets
    QString inReplyTo;
    QStringList references;
    QString threadKey; // empty: computed with threadKeyFor()
    qint64 size = 0;   // 0: raw.size() when raw is set
    MessageFlags flags;
    QStringList keywords; // IMAP keywords ($Forwarded, $Junk, ...); atoms, no spaces
    bool hasAttachments = false;
    QString preview;  // empty: the first ~200 characters of bodyText
    QByteArray raw;   // the whole message; empty: headers only, body not fetched
    QString bodyText; // plain text for search; kept only in the full-text index
    QList<AttachmentRecord> attachments;
};

} // namespace Petrel::Store

Q_DECLARE_METATYPE(Petrel::Store::MessageRecord)
