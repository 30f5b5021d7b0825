#include "store/Pop3UidlStore.h"

#include "store/Database.h"
#include "store/MessageInserter.h"
#include "store/Transaction.h"

#include <QSet>

namespace Petrel::Store {

namespace {

QDateTime fromEpochMs(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

} // namespace

Pop3UidlStore::Pop3UidlStore(Database &db) : m_db(db) {}

Pop3UidlStore::~Pop3UidlStore() = default;

QHash<QString, Pop3UidlState> Pop3UidlStore::knownUidls(qint64 accountId)
{
    Statement &s = m_db.cached("SELECT uidl, message_id, first_seen_at, downloaded_at, deleted_from_server"
                               " FROM pop3_uidls WHERE account_id = ?1");
    s.bindInt64(1, accountId);
    QHash<QString, Pop3UidlState> known;
    while (s.step()) {
        Pop3UidlState state;
        state.uidl = s.columnText(0);
        if (!s.isNull(1))
            state.messageId = s.columnInt64(1);
        state.firstSeenAt = fromEpochMs(s.columnInt64(2));
        state.downloadedAt = fromEpochMs(s.columnInt64(3));
        state.deletedFromServer = s.columnInt64(4) != 0;
        known.insert(state.uidl, state);
    }
    s.reset();
    return known;
}

Pop3BatchResult Pop3UidlStore::insertDownloaded(qint64 accountId, qint64 folderId,
                                                const QList<Pop3Download> &downloads, const QDateTime &now)
{
    const QString operation = QStringLiteral("store downloaded POP3 messages");
    if (!m_inserter)
        m_inserter = std::make_unique<MessageInserter>(m_db);
    Pop3BatchResult result;
    Transaction transaction(m_db);
    Statement &known = m_db.cached("SELECT message_id FROM pop3_uidls WHERE account_id = ?1 AND uidl = ?2");
    Statement &inFolder = m_db.cached("SELECT id FROM messages WHERE folder_id = ?1 AND uidl = ?2");
    Statement &record = m_db.cached("INSERT INTO pop3_uidls (account_id, uidl, message_id, first_seen_at,"
                                    " downloaded_at) VALUES (?1, ?2, ?3, ?4, ?4)");
    const qint64 nowMs = now.toMSecsSinceEpoch();
    for (const Pop3Download &download : downloads) {
        if (download.uidl.isEmpty()) {
            throw StoreError(StoreError::Kind::InvalidArgument, operation,
                             QStringLiteral("a downloaded message needs its UIDL"));
        }
        known.reset();
        known.bindInt64(1, accountId).bindText(2, download.uidl);
        if (known.step()) {
            result.messageIds.append(known.isNull(0) ? 0 : known.columnInt64(0));
            ++result.alreadyKnown;
            known.reset();
            continue;
        }
        known.reset();

        MessageRecord row = download.record;
        row.uidl = download.uidl;
        const InsertResult inserted = m_inserter->insert(folderId, {row}, DuplicatePolicy::SkipSameRemoteId);
        qint64 messageId = 0;
        if (!inserted.insertedIds.isEmpty()) {
            messageId = inserted.insertedIds.first();
            result.insertedIds.append(messageId);
            ++result.inserted;
        } else {
            // The folder holds this UIDL already without a state row (e.g. from an older Petrel):
            // adopt that message instead of storing a second copy.
            inFolder.reset();
            inFolder.bindInt64(1, folderId).bindText(2, download.uidl);
            if (inFolder.step())
                messageId = inFolder.columnInt64(0);
            inFolder.reset();
            ++result.alreadyKnown;
        }
        record.reset();
        record.bindInt64(1, accountId).bindText(2, download.uidl);
        if (messageId > 0)
            record.bindInt64(3, messageId);
        else
            record.bindNull(3);
        record.bindInt64(4, nowMs).exec();
        result.messageIds.append(messageId);
    }
    transaction.commit();
    return result;
}

void Pop3UidlStore::markDeletedFromServer(qint64 accountId, const QStringList &uidls)
{
    Transaction transaction(m_db);
    Statement &mark = m_db.cached("UPDATE pop3_uidls SET deleted_from_server = 1 WHERE account_id = ?1 AND uidl = ?2");
    for (const QString &uidl : uidls) {
        mark.reset();
        mark.bindInt64(1, accountId).bindText(2, uidl).exec();
    }
    transaction.commit();
}

} // namespace Petrel::Store
