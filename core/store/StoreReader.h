#pragma once

#include "store/AccountRow.h"
#include "store/AttachmentRecord.h"
#include "store/FolderRow.h"
#include "store/MessageRow.h"
#include "store/MessageListQuery.h"
#include "store/MessageSummary.h"
#include "store/OutboxRow.h"
#include "store/PageKey.h"
#include "store/PendingOperationRow.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace Petrel::Store {

class MessageListSql;

class Database;
class Statement;

// The read side: its own query-only connection (WAL lets it read while a writer commits), cheap
// enough for the GUI thread because every list is paged or small. Not thread-safe; one per
// thread. Methods throw StoreError.
class StoreReader
{
public:
    static constexpr int MaxPageSize = 10000;

    explicit StoreReader(const QString &databasePath);
    ~StoreReader();
    StoreReader(const StoreReader &) = delete;
    StoreReader &operator=(const StoreReader &) = delete;

    QList<AccountRow> accounts();
    std::optional<AccountRow> account(const QString &name);
    std::optional<AccountRow> accountById(qint64 id);

    QList<FolderRow> folders(qint64 accountId);
    std::optional<FolderRow> folder(qint64 id);

    // Newest first, by (date DESC, id DESC); after: the last row of the previous page.
    // limit is clamped to [0, MaxPageSize].
    QList<MessageSummary> messages(qint64 folderId, int limit, std::optional<PageKey> after = std::nullopt);
    std::optional<MessageRow> message(qint64 id);
    // nullopt: no such message, or only its headers are stored.
    std::optional<QByteArray> rawMessage(qint64 id);
    QList<AttachmentRecord> attachments(qint64 messageId);
    // Full-text search over subject, addresses and body; each word matches as a prefix and all
    // words must match. Any text is safe to pass. Newest first.
    QList<MessageSummary> search(const QString &query, int limit);

    // Addresses seen in From, To and Cc of stored messages, as "Name <address>" (the address alone
    // when no name was seen), for completing recipients: an address or a word of the name starts
    // with prefix (case-insensitive). One entry per address, most recently seen first.
    QStringList knownAddresses(const QString &prefix, int limit);
    // A page of a message list in any order (see MessageListQuery), rows [offset, offset+limit).
    // With one folder, every sort order walks an index (migration 7): a page costs about 5 ms at
    // the top of a 100,000-message folder and about 10 ms at its bottom (tst_ui_messagelist).
    QList<MessageSummary> messageList(const MessageListQuery &query, int offset, int limit);
    int messageListCount(const MessageListQuery &query);
    // Counts up to cap (a search's count then costs the same in 10,000 and 1,000,000 messages).
    MessageListCount messageListCount(const MessageListQuery &query, int cap);
    // Ids of the folders with the Inbox role, of all accounts (the unified Inbox).
    QList<qint64> inboxFolderIds();

    QList<PendingOperationRow> pendingOperations(qint64 accountId);
    QList<OutboxRow> outbox();
    QList<OutboxRow> outbox(qint64 accountId);
    std::optional<OutboxRow> outboxMessage(qint64 id);
    std::optional<QByteArray> outboxRaw(qint64 id);

private:
    static OutboxRow outboxRowFrom(const Statement &q);
    // Candidates or Walk (MessageListSql): counts the search's candidates, up to a limit.
    void choosePlan(MessageListSql &sql);

    std::unique_ptr<Database> m_db;
};

} // namespace Petrel::Store
