#pragma once

#include "store/MessageFlag.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QStringList>

namespace Petrel::Store {

class Database;

// What the cache holds of one IMAP message, keyed by its UID in the folder.
struct ImapCachedMessage
{
    qint64 id = 0;
    MessageFlags flags;
    QStringList keywords;
};

// A cached message whose body has not been downloaded yet.
struct ImapBodylessMessage
{
    quint32 uid = 0;
    qint64 size = 0; // RFC822.SIZE as the server reported it
};

// A flag state the server reported for one UID.
struct ImapFlagUpdate
{
    quint32 uid = 0;
    MessageFlags flags;
    QStringList keywords;
};

// The IMAP sync engine's per-folder view of the cache (messages by UID). Works on the account's
// writer connection; each write is one transaction and throws StoreError, in which case nothing of
// it was written.
class ImapFolderCache
{
public:
    explicit ImapFolderCache(Database &db) : m_db(db) {}

    QHash<quint32, ImapCachedMessage> messages(qint64 folderId);
    // How many of the folder's messages have a UID (those messages() returns), without reading
    // them: the time it takes does not grow with the folder. -1 for a folder that does not exist.
    int messageCount(qint64 folderId);
    // Messages stored with headers only, highest UID (newest) first; with a valid `since` only
    // those whose INTERNALDATE is at or after it (an unknown date is never included then).
    QList<ImapBodylessMessage> bodylessMessages(qint64 folderId, const QDateTime &since = {});
    // Sets flags and keywords of the given UIDs; returns how many rows changed.
    int applyFlags(qint64 folderId, const QList<ImapFlagUpdate> &updates);
    // Removes the messages with these UIDs (expunged on the server); returns how many went.
    int removeUids(qint64 folderId, const QList<quint32> &uids);
    // Drops every message of the folder that has a UID, and its sync state (UIDVALIDITY changed).
    void discardFolder(qint64 folderId);
    void setSubscribed(qint64 folderId, bool subscribed);
    void removePendingOperation(qint64 operationId);
    void recordPendingFailure(qint64 operationId, const QString &error);

private:
    Database &m_db;
};

} // namespace Petrel::Store
