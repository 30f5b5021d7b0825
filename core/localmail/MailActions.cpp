#include "localmail/MailActions.h"

#include "store/StoreReader.h"

namespace Petrel::Core {

QString MailActions::route(bool local, const std::function<QString(LocalMailActions &)> &onLocal,
                           const std::function<QString(ImapLocalActions &)> &onServer)
{
    const QString why = local ? onLocal(m_local) : onServer(m_imap);
    if (why.isEmpty())
        m_serverFollows = !local;
    return why;
}

QString MailActions::setFlags(qint64 messageId, Store::MessageFlags add, Store::MessageFlags remove)
{
    return route(
        m_local.isLocalMessage(messageId), [&](LocalMailActions &a) { return a.setFlags(messageId, add, remove); },
        [&](ImapLocalActions &a) { return a.setFlags(messageId, add, remove); });
}

QString MailActions::move(qint64 messageId, const QString &targetFolderPath)
{
    return route(
        m_local.isLocalMessage(messageId), [&](LocalMailActions &a) { return a.move(messageId, targetFolderPath); },
        [&](ImapLocalActions &a) { return a.move(messageId, targetFolderPath); });
}

QString MailActions::copy(qint64 messageId, const QString &targetFolderPath)
{
    return route(
        m_local.isLocalMessage(messageId), [&](LocalMailActions &a) { return a.copy(messageId, targetFolderPath); },
        [&](ImapLocalActions &a) { return a.copy(messageId, targetFolderPath); });
}

QString MailActions::remove(qint64 messageId)
{
    return route(
        m_local.isLocalMessage(messageId), [&](LocalMailActions &a) { return a.remove(messageId); },
        [&](ImapLocalActions &a) { return a.remove(messageId); });
}

QString MailActions::append(qint64 accountId, const QString &folderPath, const QByteArray &raw,
                            Store::MessageFlags flags, qint64 *newId)
{
    return route(
        m_local.isLocalFolder(accountId, folderPath),
        [&](LocalMailActions &a) { return a.append(accountId, folderPath, raw, flags, newId); },
        [&](ImapLocalActions &a) { return a.append(accountId, folderPath, raw, flags, newId); });
}

QString MailActions::createFolder(qint64 accountId, const QString &path)
{
    // A new folder of an IMAP account is made on the server; POP3 accounts only have local ones.
    return route(
        m_local.isPop3Account(accountId), [&](LocalMailActions &a) { return a.createFolder(accountId, path); },
        [&](ImapLocalActions &a) { return a.createFolder(accountId, path); });
}

QString MailActions::renameFolder(qint64 accountId, const QString &oldPath, const QString &newPath)
{
    return route(
        m_local.isLocalFolder(accountId, oldPath),
        [&](LocalMailActions &a) { return a.renameFolder(accountId, oldPath, newPath); },
        [&](ImapLocalActions &a) { return a.renameFolder(accountId, oldPath, newPath); });
}

QString MailActions::deleteFolder(qint64 accountId, const QString &path)
{
    return route(
        m_local.isLocalFolder(accountId, path), [&](LocalMailActions &a) { return a.deleteFolder(accountId, path); },
        [&](ImapLocalActions &a) { return a.deleteFolder(accountId, path); });
}

QString MailActions::setSubscribed(qint64 accountId, const QString &path, bool subscribed)
{
    return route(
        m_local.isLocalFolder(accountId, path),
        [&](LocalMailActions &) { return QStringLiteral("'%1' is a local folder: subscriptions are for server folders").arg(path); },
        [&](ImapLocalActions &a) { return a.setSubscribed(accountId, path, subscribed); });
}

} // namespace Petrel::Core
