#pragma once

// The IMAP account the store-level sync tests put their folders under.

#include "store/AccountRow.h"
#include "store/StoreWriter.h"

inline qint64 addImapTestAccount(Petrel::Store::StoreWriter &writer, const QString &name = QStringLiteral("a"))
{
    Petrel::Store::AccountRow account;
    account.name = name;
    account.protocol = Petrel::Store::AccountProtocol::Imap;
    return writer.addAccount(account);
}
