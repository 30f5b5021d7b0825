#include "sync/imap/ImapLocalActions.h"

#include "importing/RawMessageStore.h"
#include "store/Database.h"
#include "store/ImapActionCache.h"
#include "store/ImapFolderCache.h"
#include "store/StoreReader.h"
#include "store/StoreWriter.h"
#include "sync/imap/ImapFolderNames.h"
#include "sync/imap/ImapPendingAction.h"
#include "sync/imap/ImapSyncPlan.h"


namespace Petrel::Core {

using Kind = ImapPendingAction::Kind;

QString ImapLocalActions::locate(qint64 messageId, Target *target)
{
    const std::optional<Store::MessageRow> message = m_reader.message(messageId);
    if (!message)
        return QStringLiteral("there is no message %1").arg(messageId);
    const std::optional<Store::FolderRow> folder = m_reader.folder(message->folderId);
    const std::optional<Store::AccountRow> account = folder ? m_reader.accountById(folder->accountId) : std::nullopt;
    if (!account || account->protocol != Store::AccountProtocol::Imap)
        return QStringLiteral("message %1 is not in an IMAP account").arg(messageId);
    if (!message->uid)
        return QStringLiteral("message %1 is not on the server yet (a change to it is still waiting for a sync)")
            .arg(messageId);
    target->accountId = account->id;
    target->folderId = folder->id;
    target->folderPath = folder->path;
    target->uid = *message->uid;
    return {};
}

QString ImapLocalActions::imapAccount(qint64 accountId)
{
    const std::optional<Store::AccountRow> account = m_reader.accountById(accountId);
    if (!account)
        return QStringLiteral("there is no account %1").arg(accountId);
    if (account->protocol != Store::AccountProtocol::Imap)
        return QStringLiteral("account '%1' is not an IMAP account").arg(account->name);
    return {};
}

std::optional<Store::FolderRow> ImapLocalActions::folderByPath(qint64 accountId, const QString &path)
{
    // Local-only folders (a kept POP3 archive) are not the server's: no IMAP action reaches them.
    for (const Store::FolderRow &f : m_reader.folders(accountId)) {
        if (f.path == path && !f.localOnly)
            return f;
    }
    return std::nullopt;
}

QString ImapLocalActions::delimiterOf(qint64 accountId)
{
    // One delimiter per namespace; Petrel keeps the personal one, as the sync stored it.
    for (const Store::FolderRow &f : m_reader.folders(accountId)) {
        if (!f.delimiter.isEmpty())
            return f.delimiter;
    }
    return {};
}

void ImapLocalActions::enqueue(qint64 accountId, const ImapPendingAction &action)
{
    m_writer.enqueuePendingOperation(accountId, ImapPendingAction::kindName(action.kind), action.toJson());
}

QString ImapLocalActions::setFlags(qint64 messageId, Store::MessageFlags add, Store::MessageFlags remove)
{
    Target t;
    if (QString why = locate(messageId, &t); !why.isEmpty())
        return why;
    m_writer.setFlags({messageId}, add, remove);
    ImapPendingAction a;
    a.kind = Kind::Flags;
    a.folder = t.folderPath;
    a.uid = quint32(t.uid);
    a.add = ImapSyncPlan::imapFlags(add);
    a.remove = ImapSyncPlan::imapFlags(remove);
    enqueue(t.accountId, a);
    return {};
}

QString ImapLocalActions::move(qint64 messageId, const QString &targetFolderPath)
{
    return moveOrCopy(messageId, targetFolderPath, false);
}

QString ImapLocalActions::copy(qint64 messageId, const QString &targetFolderPath)
{
    return moveOrCopy(messageId, targetFolderPath, true);
}

QString ImapLocalActions::moveOrCopy(qint64 messageId, const QString &targetFolderPath, bool keepSource)
{
    Target t;
    if (QString why = locate(messageId, &t); !why.isEmpty())
        return why;
    const std::optional<Store::FolderRow> target = folderByPath(t.accountId, targetFolderPath);
    if (!target)
        return QStringLiteral("the account has no folder '%1' on the server").arg(targetFolderPath);
    if (target->id == t.folderId)
        return QStringLiteral("message %1 is in '%2' already").arg(messageId).arg(targetFolderPath);
    ImapPendingAction a;
    a.kind = keepSource ? Kind::Copy : Kind::Move;
    a.folder = t.folderPath;
    a.uid = quint32(t.uid);
    a.target = target->path;
    // The local copy has no UID (a UID belongs to its folder); the replay settles it once the
    // server has acted (see ImapPendingReplay).
    if (keepSource) {
        Store::ImapActionCache cache(m_writer.database());
        a.localId = cache.copyMessage(messageId, target->id);
    } else {
        m_writer.moveMessages({messageId}, target->id);
        a.localId = messageId;
    }
    enqueue(t.accountId, a);
    return {};
}

QString ImapLocalActions::remove(qint64 messageId)
{
    if (const std::optional<Store::MessageRow> m = m_reader.message(messageId);
        m && !m->uid && m->keywords.contains(QLatin1String(Store::ImapActionCache::NotUploadedKeyword))) {
        m_writer.deleteMessages({messageId}); // never reached the server: nothing to replay
        return {};
    }
    Target t;
    if (QString why = locate(messageId, &t); !why.isEmpty())
        return why;
    for (const Store::FolderRow &f : m_reader.folders(t.accountId)) {
        if (f.role == Store::FolderRole::Trash && f.id != t.folderId && !f.localOnly)
            return move(messageId, f.path);
    }
    m_writer.deleteMessages({messageId});
    ImapPendingAction a;
    a.kind = Kind::Expunge;
    a.folder = t.folderPath;
    a.uid = quint32(t.uid);
    enqueue(t.accountId, a);
    return {};
}

QString ImapLocalActions::removePermanently(qint64 messageId)
{
    if (const std::optional<Store::MessageRow> m = m_reader.message(messageId); m && !m->uid) {
        const std::optional<Store::FolderRow> folder = m_reader.folder(m->folderId);
        if (!folder || !imapAccount(folder->accountId).isEmpty())
            return QStringLiteral("message %1 is not in an IMAP account").arg(messageId);
        m_writer.deleteMessages({messageId});
        return {};
    }
    Target t;
    if (QString why = locate(messageId, &t); !why.isEmpty())
        return why;
    m_writer.deleteMessages({messageId});
    ImapPendingAction a;
    a.kind = Kind::Expunge;
    a.folder = t.folderPath;
    a.uid = quint32(t.uid);
    enqueue(t.accountId, a);
    return {};
}

QString ImapLocalActions::append(qint64 accountId, const QString &folderPath, const QByteArray &raw,
                                 Store::MessageFlags flags, qint64 *newId)
{
    if (QString why = imapAccount(accountId); !why.isEmpty())
        return why;
    const std::optional<Store::FolderRow> folder = folderByPath(accountId, folderPath);
    if (!folder)
        return QStringLiteral("the account has no folder '%1'").arg(folderPath);
    qint64 localId = 0;
    if (QString why = storeRawMessage(m_writer, folder->id, raw, flags, &localId); !why.isEmpty())
        return why;
    ImapPendingAction a;
    a.kind = Kind::Append;
    a.folder = folder->path;
    a.localId = localId;
    a.add = ImapSyncPlan::imapFlags(flags);
    enqueue(accountId, a);
    if (newId)
        *newId = a.localId;
    return {};
}

QString ImapLocalActions::createFolder(qint64 accountId, const QString &path)
{
    if (QString why = imapAccount(accountId); !why.isEmpty())
        return why;
    const QString delimiter = delimiterOf(accountId);
    if (QString why = ImapFolderNames::whyInvalid(path, delimiter); !why.isEmpty())
        return why;
    if (folderByPath(accountId, path))
        return QStringLiteral("the account has a folder '%1' already").arg(path);
    m_writer.ensureFolder(accountId, path, Store::FolderRole::None, ImapFolderNames::displayName(path, delimiter));
    ImapPendingAction a;
    a.kind = Kind::CreateFolder;
    a.folder = path;
    enqueue(accountId, a);
    // A folder the user makes is one they want to see: subscribed, as the new row says.
    a.kind = Kind::Subscribe;
    enqueue(accountId, a);
    return {};
}

QString ImapLocalActions::serverFolder(qint64 accountId, const QString &path, const QString &verb,
                                       Store::FolderRow *out)
{
    if (QString why = imapAccount(accountId); !why.isEmpty())
        return why;
    const std::optional<Store::FolderRow> folder = folderByPath(accountId, path);
    if (!folder)
        return QStringLiteral("the account has no folder '%1'").arg(path);
    if (!verb.isEmpty()
        && (folder->role == Store::FolderRole::Inbox || path.compare(QLatin1String("INBOX"), Qt::CaseInsensitive) == 0))
        return QStringLiteral("INBOX cannot be %1").arg(verb);
    *out = *folder;
    return {};
}

QString ImapLocalActions::renameFolder(qint64 accountId, const QString &oldPath, const QString &newPath)
{
    Store::FolderRow folder;
    if (QString why = serverFolder(accountId, oldPath, QStringLiteral("renamed"), &folder); !why.isEmpty())
        return why;
    const QString delimiter = delimiterOf(accountId);
    if (QString why = ImapFolderNames::whyInvalid(newPath, delimiter); !why.isEmpty())
        return why;
    if (ImapFolderNames::isSameOrUnder(newPath, oldPath, delimiter))
        return QStringLiteral("a folder cannot be renamed to '%1', under itself").arg(newPath);
    for (const Store::FolderRow &f : m_reader.folders(accountId)) {
        if (ImapFolderNames::isSameOrUnder(f.path, newPath, delimiter))
            return QStringLiteral("the account has a folder '%1' already").arg(f.path);
    }
    Store::ImapActionCache cache(m_writer.database());
    cache.renameFolder(accountId, oldPath, newPath, delimiter, ImapFolderNames::displayName(newPath, delimiter));
    ImapPendingAction a;
    a.kind = Kind::RenameFolder;
    a.folder = oldPath;
    a.target = newPath;
    enqueue(accountId, a);
    return {};
}

QString ImapLocalActions::deleteFolder(qint64 accountId, const QString &path)
{
    Store::FolderRow folder;
    if (QString why = serverFolder(accountId, path, QStringLiteral("deleted"), &folder); !why.isEmpty())
        return why;
    const QString delimiter = delimiterOf(accountId);
    for (const Store::FolderRow &f : m_reader.folders(accountId)) {
        if (f.id != folder.id && ImapFolderNames::isSameOrUnder(f.path, path, delimiter))
            return QStringLiteral("'%1' has subfolders ('%2'); delete those first").arg(path, f.path);
    }
    m_writer.removeFolder(folder.id);
    ImapPendingAction a;
    a.kind = Kind::DeleteFolder;
    a.folder = path;
    enqueue(accountId, a);
    return {};
}

QString ImapLocalActions::setSubscribed(qint64 accountId, const QString &path, bool subscribed)
{
    Store::FolderRow folder;
    if (QString why = serverFolder(accountId, path, QString(), &folder); !why.isEmpty())
        return why;
    Store::ImapFolderCache(m_writer.database()).setSubscribed(folder.id, subscribed);
    ImapPendingAction a;
    a.kind = subscribed ? Kind::Subscribe : Kind::Unsubscribe;
    a.folder = path;
    enqueue(accountId, a);
    return {};
}

} // namespace Petrel::Core
