#pragma once

#include "store/MessageFlag.h"

#include <QByteArray>
#include <QString>

namespace Petrel::Store {
class StoreReader;
class StoreWriter;
} // namespace Petrel::Store

namespace Petrel::Core {

// User actions on messages and folders that live only in the local store: every folder of a POP3
// account (its archive) and the local-only folders an IMAP account keeps (the POP3 archive after a
// switch). There is no server to tell, so each is one store change, done at once. Each returns ""
// on success, else why it refused (nothing changed then); StoreError when the store fails.
// Moving between a local folder and a server folder is refused: the message would have to be
// uploaded or downloaded first (use append, or a server folder's copy).
class LocalMailActions
{
public:
    LocalMailActions(Store::StoreWriter &writer, Store::StoreReader &reader) : m_writer(writer), m_reader(reader) {}

    // True when the message's folder is local (the actions below apply to it).
    bool isLocalMessage(qint64 messageId);
    // True when the account's folders are all local (POP3), or path names a local-only folder.
    bool isLocalFolder(qint64 accountId, const QString &path);
    bool isPop3Account(qint64 accountId);

    QString setFlags(qint64 messageId, Store::MessageFlags add, Store::MessageFlags remove);
    QString move(qint64 messageId, const QString &targetFolderPath);
    QString copy(qint64 messageId, const QString &targetFolderPath, qint64 *newId = nullptr);
    // To the account's Trash; a message already in Trash (or without one) is deleted for good. For
    // a POP3 account whose retention is "delete when deleted locally", that last step is what lets
    // the next check remove the server's copy.
    QString remove(qint64 messageId);
    QString append(qint64 accountId, const QString &folderPath, const QByteArray &raw, Store::MessageFlags flags,
                   qint64 *newId = nullptr);

    QString createFolder(qint64 accountId, const QString &path);
    // Subfolders ("path/...") follow. The Inbox is not renamed.
    QString renameFolder(qint64 accountId, const QString &oldPath, const QString &newPath);
    // The folder's messages go to Trash first (nothing is lost by deleting a folder); refused for
    // the default folders and for folders with subfolders.
    QString deleteFolder(qint64 accountId, const QString &path);

private:
    struct Located
    {
        qint64 accountId = 0;
        qint64 folderId = 0;
        QString folderPath;
    };
    QString locate(qint64 messageId, Located *where);
    QString targetFolder(qint64 accountId, const QString &path, qint64 *folderId);

    Store::StoreWriter &m_writer;
    Store::StoreReader &m_reader;
};

} // namespace Petrel::Core
