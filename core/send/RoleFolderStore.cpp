#include "send/RoleFolderStore.h"

#include "importing/RawMessageStore.h"
#include "store/StoreReader.h"
#include "store/StoreWriter.h"
#include "sync/imap/ImapLocalActions.h"


namespace Petrel::Core {

QString RoleFolderStore::ensureFolder(qint64 accountId, Store::FolderRole role, const QString &defaultName,
                                      QString *error)
{
    const std::optional<Store::AccountRow> account = m_reader.accountById(accountId);
    if (!account) {
        *error = QStringLiteral("there is no account %1").arg(accountId);
        return {};
    }
    const QList<Store::FolderRow> folders = m_reader.folders(accountId);
    for (const Store::FolderRow &f : folders) {
        if (f.role == role)
            return f.path;
    }
    // A folder of that name without the role (never synced as special-use) is the one meant.
    bool exists = false;
    for (const Store::FolderRow &f : folders)
        exists = exists || f.path == defaultName;
    if (!exists && account->protocol == Store::AccountProtocol::Imap) {
        ImapLocalActions actions(m_writer, m_reader);
        if (QString why = actions.createFolder(accountId, defaultName); !why.isEmpty()) {
            *error = QStringLiteral("cannot create the folder '%1': %2").arg(defaultName, why);
            return {};
        }
    }
    m_writer.ensureFolder(accountId, defaultName, role, defaultName);
    return defaultName;
}

QString RoleFolderStore::store(qint64 accountId, Store::FolderRole role, const QString &defaultName,
                               const QByteArray &raw, Store::MessageFlags flags, qint64 *newId)
{
    QString error;
    const QString path = ensureFolder(accountId, role, defaultName, &error);
    if (path.isEmpty())
        return error;
    const std::optional<Store::AccountRow> account = m_reader.accountById(accountId);
    if (account->protocol == Store::AccountProtocol::Imap) {
        ImapLocalActions actions(m_writer, m_reader);
        return actions.append(accountId, path, raw, flags, newId);
    }
    for (const Store::FolderRow &f : m_reader.folders(accountId)) {
        if (f.path == path)
            return storeLocally(f.id, raw, flags, newId);
    }
    return QStringLiteral("the folder '%1' vanished").arg(path);
}

QString RoleFolderStore::storeLocally(qint64 folderId, const QByteArray &raw, Store::MessageFlags flags,
                                      qint64 *newId)
{
    return storeRawMessage(m_writer, folderId, raw, flags, newId);
}

} // namespace Petrel::Core
