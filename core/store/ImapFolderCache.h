#pragma once

#include "store/MessageFlag.h"

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
