#pragma once

#include "localmail/LocalMailActions.h"
#include "sync/imap/ImapLocalActions.h"

namespace Petrel::Core {

// The user's actions on messages and folders, whatever keeps them: server folders of IMAP accounts
// through ImapLocalActions (the cache changes at once, the server follows on the next sync), local
// folders (every folder of a POP3 account, local-only folders of an IMAP account) through
// LocalMailActions. Each returns "" on success, else why it refused; StoreError when the store
// fails. serverFollows() says whether the last action that succeeded waits for a sync.
class MailActions
{
public:
    MailActions(Store::StoreWriter &writer, Store::StoreReader &reader) : m_imap(writer, reader), m_local(writer, reader) {}

    QString setFlags(qint64 messageId, Store::MessageFlags add, Store::MessageFlags remove);
    QString move(qint64 messageId, const QString &targetFolderPath);
    QString copy(qint64 messageId, const QString &targetFolderPath);
    QString remove(qint64 messageId);
    QString append(qint64 accountId, const QString &folderPath, const QByteArray &raw, Store::MessageFlags flags,
                   qint64 *newId = nullptr);
    QString createFolder(qint64 accountId, const QString &path);
    QString renameFolder(qint64 accountId, const QString &oldPath, const QString &newPath);
    QString deleteFolder(qint64 accountId, const QString &path);
    QString setSubscribed(qint64 accountId, const QString &path, bool subscribed);

    bool serverFollows() const { return m_serverFollows; }

private:
    // Runs the local or the IMAP variant and remembers which.
    QString route(bool local, const std::function<QString(LocalMailActions &)> &onLocal,
                  const std::function<QString(ImapLocalActions &)> &onServer);

    ImapLocalActions m_imap;
    LocalMailActions m_local;
    bool m_serverFollows = false;
};

} // namespace Petrel::Core
