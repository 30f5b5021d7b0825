#pragma once

#include "accounts/AccountSettings.h"
#include "send/OutboxSender.h"

namespace Petrel::Store {
class StoreWriter;
}

namespace Petrel::Core {

// An OutboxSender for the account as its settings say: its SMTP submission server, the password
// (SMTP uses the account's one), and each sent message's copy filed by SentFiler (IMAP Sent via a
// queued APPEND, or the local Sent folder). Shared by petrel-cli and the desktop window.
OutboxSender *createAccountOutboxSender(Store::StoreWriter &writer, qint64 accountId, const AccountSettings &settings,
                                        const QString &password, QObject *parent = nullptr);

} // namespace Petrel::Core
