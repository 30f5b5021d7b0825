#pragma once

#include "store/FolderRow.h"
#include "store/MessageFlag.h"

#include <QByteArray>
#include <QString>

namespace Petrel::Store {
class StoreReader;
class StoreWriter;
} // namespace Petrel::Store

namespace Petrel::Core {

// Stores a whole message in the account's folder of a role (Sent, Drafts), creating the folder
// under a default name when the account has none. IMAP accounts: local-first through
// ImapLocalActions (the next sync appends it, and creates the folder there too). POP3 accounts:
// the folder is only local. Returns "" and *newId (the stored message's id) on success, else why
// not (nothing stored then). Throws StoreError when the store fails.
class RoleFolderStore
{
public:
    RoleFolderStore(Store::StoreWriter &writer, Store::StoreReader &reader) : m_writer(writer), m_reader(reader) {}

    QString store(qint64 accountId, Store::FolderRole role, const QString &defaultName, const QByteArray &raw,
                  Store::MessageFlags flags, qint64 *newId);
    // The path of the account's folder of this role, created when missing; "" with *error if not.
    QString ensureFolder(qint64 accountId, Store::FolderRole role, const QString &defaultName, QString *error);

private:
    QString storeLocally(qint64 folderId, const QByteArray &raw, Store::MessageFlags flags, qint64 *newId);

    Store::StoreWriter &m_writer;
    Store::StoreReader &m_reader;
};

} // namespace Petrel::Core
