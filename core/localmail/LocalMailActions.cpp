#include "localmail/LocalMailActions.h"

#include "importing/RawMessageStore.h"
#include "localmail/LocalFolders.h"
#include "store/ImapActionCache.h"
#include "store/StoreReader.h"
#include "store/StoreWriter.h"
#include "sync/imap/ImapFolderNames.h"

namespace Petrel::Core {

namespace {

const QString Delimiter = QStringLiteral("/");

bool isDefaultRole(Store::FolderRole role)
{
    for (const LocalFolders::Default &d : LocalFolders::defaults()) {
        if (d.role == role)
            return true;
    }
    return false;
}

} // namespace

bool LocalMailActions::isLocalMessage(qint64 messageId)
{
    const std::optional<Store::MessageRow> message = m_reader.message(messageId);
    const std::optional<Store::FolderRow> folder = message ? m_reader.folder(message->folderId) : std::nullopt;
    if (!folder)
        return false;
    return isLocalFolder(folder->accountId, folder->path);
}

bool LocalMailActions::isPop3Account(qint64 accountId)
{
    const std::optional<Store::AccountRow> account = m_reader.accountById(accountId);
    return account && account->protocol == Store::AccountProtocol::Pop3;
}

bool LocalMailActions::isLocalFolder(qint64 accountId, const QString &path)
{
    if (isPop3Account(accountId))
        return true;
    for (const Store::FolderRow &f : m_reader.folders(accountId)) {
        if (f.path == path)
            return f.localOnly;
    }
    return false;
}

QString LocalMailActions::locate(qint64 messageId, Located *where)
{
    const std::optional<Store::MessageRow> message = m_reader.message(messageId);
    if (!message)
        return QStringLiteral("there is no message %1").arg(messageId);
    const std::optional<Store::FolderRow> folder = m_reader.folder(message->folderId);
    if (!folder || !isLocalFolder(folder->accountId, folder->path))
        return QStringLiteral("message %1 is not in a local folder").arg(messageId);
    where->accountId = folder->accountId;
    where->folderId = folder->id;
    where->folderPath = folder->path;
    return {};
}

QString LocalMailActions::targetFolder(qint64 accountId, const QString &path, qint64 *folderId)
{
    for (const Store::FolderRow &f : m_reader.folders(accountId)) {
        if (f.path != path)
            continue;
        if (!isLocalFolder(accountId, f.path))
            return QStringLiteral("'%1' is a folder on the server; moving or copying between local and server folders "
                                  "is not possible (use 'append' to upload a message)")
                .arg(path);
        *folderId = f.id;
        return {};
    }
    return QStringLiteral("the account has no folder '%1'").arg(path);
}

QString LocalMailActions::setFlags(qint64 messageId, Store::MessageFlags add, Store::MessageFlags remove)
{
    Located where;
    if (QString why = locate(messageId, &where); !why.isEmpty())
        return why;
    m_writer.setFlags({messageId}, add, remove);
    return {};
}

QString LocalMailActions::move(qint64 messageId, const QString &targetFolderPath)
{
    Located where;
    if (QString why = locate(messageId, &where); !why.isEmpty())
        return why;
    qint64 target = 0;
    if (QString why = targetFolder(where.accountId, targetFolderPath, &target); !why.isEmpty())
        return why;
    if (target == where.folderId)
        return QStringLiteral("message %1 is in '%2' already").arg(messageId).arg(targetFolderPath);
    m_writer.moveMessages({messageId}, target);
    return {};
}

QString LocalMailActions::copy(qint64 messageId, const QString &targetFolderPath, qint64 *newId)
{
    Located where;
    if (QString why = locate(messageId, &where); !why.isEmpty())
        return why;
    qint64 target = 0;
    if (QString why = targetFolder(where.accountId, targetFolderPath, &target); !why.isEmpty())
        return why;
    const qint64 id = Store::ImapActionCache(m_writer.database()).copyMessage(messageId, target);
    if (newId)
        *newId = id;
    return {};
}

QString LocalMailActions::remove(qint64 messageId)
{
    Located where;
    if (QString why = locate(messageId, &where); !why.isEmpty())
        return why;
    for (const Store::FolderRow &f : m_reader.folders(where.accountId)) {
        if (f.role == Store::FolderRole::Trash && f.id != where.folderId && isLocalFolder(where.accountId, f.path)) {
            m_writer.moveMessages({messageId}, f.id);
            return {};
        }
    }
    m_writer.deleteMessages({messageId});
    return {};
}

QString LocalMailActions::append(qint64 accountId, const QString &folderPath, const QByteArray &raw,
                                 Store::MessageFlags flags, qint64 *newId)
{
    qint64 target = 0;
    if (QString why = targetFolder(accountId, folderPath, &target); !why.isEmpty())
        return why;
    return storeRawMessage(m_writer, target, raw, flags, newId);
}

QString LocalMailActions::createFolder(qint64 accountId, const QString &path)
{
    if (!isPop3Account(accountId))
        return QStringLiteral("the account keeps its folders on the server");
    if (QString why = ImapFolderNames::whyInvalid(path, Delimiter); !why.isEmpty())
        return why;
    for (const Store::FolderRow &f : m_reader.folders(accountId)) {
        if (f.path.compare(path, Qt::CaseInsensitive) == 0)
            return QStringLiteral("the account has a folder '%1' already").arg(f.path);
    }
    m_writer.ensureFolder(accountId, path, Store::FolderRole::None, ImapFolderNames::displayName(path, Delimiter));
    return {};
}

QString LocalMailActions::renameFolder(qint64 accountId, const QString &oldPath, const QString &newPath)
{
    if (!isLocalFolder(accountId, oldPath))
        return QStringLiteral("'%1' is not a local folder of the account").arg(oldPath);
    std::optional<Store::FolderRow> folder;
    for (const Store::FolderRow &f : m_reader.folders(accountId)) {
        if (f.path == oldPath)
            folder = f;
        else if (f.path.compare(newPath, Qt::CaseInsensitive) == 0)
            return QStringLiteral("the account has a folder '%1' already").arg(f.path);
    }
    if (!folder)
        return QStringLiteral("the account has no folder '%1'").arg(oldPath);
    if (folder->role == Store::FolderRole::Inbox)
        return QStringLiteral("the Inbox cannot be renamed");
    if (ImapFolderNames::isSameOrUnder(newPath, oldPath, Delimiter))
        return QStringLiteral("a folder cannot move under itself");
    if (QString why = ImapFolderNames::whyInvalid(newPath, Delimiter); !why.isEmpty())
        return why;
    Store::ImapActionCache(m_writer.database())
        .renameFolder(accountId, oldPath, newPath, Delimiter, ImapFolderNames::displayName(newPath, Delimiter));
    return {};
}

QString LocalMailActions::deleteFolder(qint64 accountId, const QString &path)
{
    if (!isLocalFolder(accountId, path))
        return QStringLiteral("'%1' is not a local folder of the account").arg(path);
    std::optional<Store::FolderRow> folder;
    std::optional<Store::FolderRow> trash;
    for (const Store::FolderRow &f : m_reader.folders(accountId)) {
        if (f.path == path)
            folder = f;
        else if (ImapFolderNames::isSameOrUnder(f.path, path, Delimiter))
            return QStringLiteral("'%1' has subfolders; delete them first").arg(path);
        if (f.role == Store::FolderRole::Trash && isLocalFolder(accountId, f.path))
            trash = f;
    }
    if (!folder)
        return QStringLiteral("the account has no folder '%1'").arg(path);
    const std::optional<Store::AccountRow> account = m_reader.accountById(accountId);
    if (account && account->protocol == Store::AccountProtocol::Pop3 && isDefaultRole(folder->role))
        return QStringLiteral("'%1' is one of the account's standard folders").arg(path);
    if (folder->totalCount > 0) {
        if (!trash || trash->id == folder->id)
            return QStringLiteral("'%1' still holds %2 messages and there is no Trash to put them in")
                .arg(path)
                .arg(folder->totalCount);
        QList<qint64> ids;
        // Paged, newest first, until the folder is empty: bounded by its count.
        for (int guard = 0; guard <= folder->totalCount / 1000 + 1; ++guard) {
            const QList<Store::MessageSummary> page = m_reader.messages(folder->id, 1000);
            if (page.isEmpty())
                break;
            ids.clear();
            for (const Store::MessageSummary &m : page)
                ids.append(m.id);
            m_writer.moveMessages(ids, trash->id);
        }
    }
    m_writer.removeFolder(folder->id);
    return {};
}

} // namespace Petrel::Core
