#pragma once

#include <QString>

namespace Petrel::Store {

class Database;

// The store writes that IMAP local actions and their replay need beyond StoreWriter: local
// copies, folder renames with their subfolders, and placing a UID-less local copy under the UID
// the server gave it. Works on the account's writer connection; each call is one transaction and
// throws StoreError, in which case nothing of it was written.
class ImapActionCache
{
public:
    // Marks a message that only this cache holds: the server refused it (see ImapLocalActions).
    static constexpr const char *NotUploadedKeyword = "$PetrelNotUploaded";

    explicit ImapActionCache(Database &db) : m_db(db) {}

    // A UID-less copy of the message (row, raw bytes, attachments, search text) in the target
    // folder; returns its id.
    qint64 copyMessage(qint64 messageId, qint64 targetFolderId);
    // Renames the folder and every folder under it ("old" + delimiter + ...); the renamed folder's
    // display name becomes newDisplayName. Returns how many folders changed; a name already taken
    // is a Constraint error and nothing changes.
    int renameFolder(qint64 accountId, const QString &oldPath, const QString &newPath, const QString &delimiter,
                     const QString &newDisplayName);
    void setDelimiter(qint64 folderId, const QString &delimiter);
    // Puts a UID-less message into the folder under this UID. False (nothing changed) when the
    // message is gone, has a UID already, or the folder holds that UID.
    bool placeWithUid(qint64 messageId, qint64 folderId, qint64 uid);
    // Keeps a message the server refused: UID-less, in the folder, with NotUploadedKeyword.
    void keepNotUploaded(qint64 messageId, qint64 folderId);
    // Moves the folder's UID-less messages to another folder, marked NotUploadedKeyword, before
    // the folder leaves the cache; returns how many.
    int rescueLocalOnly(qint64 fromFolderId, qint64 toFolderId);

private:
    Database &m_db;
};

} // namespace Petrel::Store
