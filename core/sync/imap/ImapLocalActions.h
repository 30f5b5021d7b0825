#pragma once

#include "store/FolderRow.h"
#include "store/MessageFlag.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace Petrel::Store {
class StoreReader;
class StoreWriter;
} // namespace Petrel::Store

namespace Petrel::Core {

struct ImapPendingAction;

// User actions on a cached IMAP account, local-first: the store changes at once and a pending
// operation (see ImapPendingAction for the kinds) records what the next sync pass replays on the
// server, in order. A queued operation names folders as they were when it was queued; since the
// queue replays in order, the server has those names at that point (a rename queued later has not
// run yet). Each action returns an empty string on success, else why it refused (nothing changed
// then). Throws StoreError when the store fails.
//
// A message action needs the message's UID: a UID-less local copy (moved, copied or appended and
// not yet replayed) cannot be acted on until a sync pass has given it one.
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
    // A UID-less copy appears in the target at once; the replay copies on the server and the
    // local copy then takes the server copy's UID (COPYUID) or gives way to the target's sync.
    QString copy(qint64 messageId, const QString &targetFolderPath);
    // To the account's Trash; a message already in Trash (or an account without one) is removed
    // for good (\Deleted, then UID EXPUNGE). A message the server refused (not uploaded) is only
    // local: it is removed from the cache and nothing is queued.
    QString remove(qint64 messageId);
    // For good, never through Trash (a replaced draft): \Deleted, then UID EXPUNGE. A UID-less
    // message (its upload not replayed yet) only leaves the cache; its queued upload then finds
    // nothing to upload and is dropped.
    QString removePermanently(qint64 messageId);
    // Stores a whole message in the folder at once (UID-less) and queues its APPEND. *newId gets
    // the local row's id.
    QString append(qint64 accountId, const QString &folderPath, const QByteArray &raw, Store::MessageFlags flags,
                   qint64 *newId = nullptr);

    // Queues CREATE and SUBSCRIBE.
    QString createFolder(qint64 accountId, const QString &path);
    // Subfolders follow. INBOX is not renamed (IMAP gives that a different meaning).
    QString renameFolder(qint64 accountId, const QString &oldPath, const QString &newPath);
    // The folder and its messages leave the cache; a folder with subfolders is refused.
    QString deleteFolder(qint64 accountId, const QString &path);
    QString setSubscribed(qint64 accountId, const QString &path, bool subscribed);

private:
    struct Target
    {
        qint64 accountId = 0;
        qint64 folderId = 0;
        QString folderPath;
        qint64 uid = 0;
    };
    QString locate(qint64 messageId, Target *target);
    QString imapAccount(qint64 accountId);
    std::optional<Store::FolderRow> folderByPath(qint64 accountId, const QString &path);
    // The account's server folder at path into *out, else why not; with a verb ("renamed"), INBOX
    // is refused too ("INBOX cannot be renamed").
    QString serverFolder(qint64 accountId, const QString &path, const QString &verb, Store::FolderRow *out);
    QString delimiterOf(qint64 accountId);
    QString moveOrCopy(qint64 messageId, const QString &targetFolderPath, bool keepSource);
    void enqueue(qint64 accountId, const ImapPendingAction &action);

    Store::StoreWriter &m_writer;
    Store::StoreReader &m_reader;
};

} // namespace Petrel::Core
