#include "sync/imap/ImapLocalActions.h"

#include "store/StoreReader.h"
#include "store/StoreWriter.h"
#include "sync/imap/ImapSyncPlan.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Petrel::Core {

namespace {

QJsonArray flagArray(Store::MessageFlags flags)
{
    QJsonArray a;
    for (const QByteArray &f : ImapSyncPlan::imapFlags(flags))
        a.append(QString::fromLatin1(f));
    return a;
}

QByteArray toJson(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace

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

QString ImapLocalActions::setFlags(qint64 messageId, Store::MessageFlags add, Store::MessageFlags remove)
{
    Target t;
    if (QString why = locate(messageId, &t); !why.isEmpty())
        return why;
    m_writer.setFlags({messageId}, add, remove);
    m_writer.enqueuePendingOperation(t.accountId, QLatin1String(FlagsKind),
                                     toJson({{QStringLiteral("folder"), t.folderPath},
                                             {QStringLiteral("uid"), t.uid},
                                             {QStringLiteral("add"), flagArray(add)},
                                             {QStringLiteral("remove"), flagArray(remove)}}));
    return {};
}

QString ImapLocalActions::move(qint64 messageId, const QString &targetFolderPath)
{
    Target t;
    if (QString why = locate(messageId, &t); !why.isEmpty())
        return why;
    std::optional<Store::FolderRow> target;
    for (const Store::FolderRow &f : m_reader.folders(t.accountId)) {
        if (f.path == targetFolderPath)
            target = f;
    }
    if (!target)
        return QStringLiteral("the account has no folder '%1'").arg(targetFolderPath);
    if (target->id == t.folderId)
        return QStringLiteral("message %1 is in '%2' already").arg(messageId).arg(targetFolderPath);
    // The local copy loses its UID (a UID belongs to its folder); the replay drops it once the
    // server has moved the message, and the target folder's sync brings it back under its new UID.
    m_writer.moveMessages({messageId}, target->id);
    m_writer.enqueuePendingOperation(t.accountId, QLatin1String(MoveKind),
                                     toJson({{QStringLiteral("folder"), t.folderPath},
                                             {QStringLiteral("uid"), t.uid},
                                             {QStringLiteral("target"), target->path},
                                             {QStringLiteral("localId"), messageId}}));
    return {};
}

QString ImapLocalActions::remove(qint64 messageId)
{
    Target t;
    if (QString why = locate(messageId, &t); !why.isEmpty())
        return why;
    for (const Store::FolderRow &f : m_reader.folders(t.accountId)) {
        if (f.role == Store::FolderRole::Trash && f.id != t.folderId)
            return move(messageId, f.path);
    }
    m_writer.deleteMessages({messageId});
    m_writer.enqueuePendingOperation(t.accountId, QLatin1String(ExpungeKind),
                                     toJson({{QStringLiteral("folder"), t.folderPath}, {QStringLiteral("uid"), t.uid}}));
    return {};
}

} // namespace Petrel::Core
