#pragma once

#include "store/MessageFlag.h"

#include <QString>

namespace Petrel::Store {
class StoreReader;
class StoreWriter;
} // namespace Petrel::Store

namespace Petrel::Core {

// User actions on cached IMAP messages, local-first: the store changes at once and a pending
// operation (kinds "imap.flags", "imap.move", "imap.expunge") records what the next sync pass
// replays on the server, in order. Each returns an empty string on success, else why it refused
// (nothing changed then). Throws StoreError when the store fails.
class ImapLocalActions
{
public:
    static constexpr const char *FlagsKind = "imap.flags";
    static constexpr const char *MoveKind = "imap.move";
    static constexpr const char *ExpungeKind = "imap.expunge";

    ImapLocalActions(Store::StoreWriter &writer, Store::StoreReader &reader) : m_writer(writer), m_reader(reader) {}

    QString setFlags(qint64 messageId, Store::MessageFlags add, Store::MessageFlags remove);
    // To another folder of the same account.
    QString move(qint64 messageId, const QString &targetFolderPath);
    // To the account's Trash; a message already in Trash (or an account without one) is removed
    // for good (\Deleted, then UID EXPUNGE).
    QString remove(qint64 messageId);

private:
    struct Target
    {
        qint64 accountId = 0;
        qint64 folderId = 0;
        QString folderPath;
        qint64 uid = 0;
    };
    QString locate(qint64 messageId, Target *target);

    Store::StoreWriter &m_writer;
    Store::StoreReader &m_reader;
};

} // namespace Petrel::Core
