#pragma once

#include "mime/ParsedMessage.h"
#include "store/FolderRow.h"
#include "store/MessageRecord.h"

#include <QByteArray>

namespace Petrel::Core {

// Turns a raw message and its parse into the row the store keeps. Shared by every path that
// brings whole messages into the cache (import now; POP3 and IMAP bodies later).
Store::MessageRecord buildMessageRecord(const QByteArray &raw, const Mime::ParsedMessage &parsed);

// The folder role a well-known folder name implies ("INBOX", "Sent", "Trash", ...).
Store::FolderRole roleForFolderName(const QString &name);

} // namespace Petrel::Core
