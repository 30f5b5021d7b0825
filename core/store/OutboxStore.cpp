#include "store/OutboxStore.h"

#include "store/Database.h"
#include "store/Statement.h"
#include "store/StoreError.h"
#include "store/StoreReader.h"
#include "store/Transaction.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Petrel::Store {

namespace {

constexpr int MaxErrorLength = 2000; // a server's words, not a server's essay

QString clipped(const QString &text)
{
    return text.left(MaxErrorLength);
}

} // namespace

OutboxStore::OutboxStore(Database &db) : m_db(db) {}

OutboxStore::~OutboxStore() = default;

qint64 OutboxStore::enqueue(qint64 accountId, const QString &messageIdHeader, const QString &sender,
                            const QStringList &recipients, const QByteArray &raw)
{
    const QString operation = QStringLiteral("queue message <%1> for sending").arg(messageIdHeader);
    if (raw.isEmpty())
        throw StoreError(StoreError::Kind::InvalidArgument, operation, QStringLiteral("the message is empty"));
    if (recipients.isEmpty())
        throw StoreError(StoreError::Kind::InvalidArgument, operation, QStringLiteral("the message has no recipients"));
    Transaction transaction(m_db);
    Statement &account = m_db.cached("SELECT 1 FROM accounts WHERE id = ?1");
    account.bindInt64(1, accountId);
    const bool known = account.step();
    account.reset();
    if (!known)
        throw StoreError(StoreError::Kind::NotFound, operation, QStringLiteral("there is no account %1").arg(accountId));
    m_db.cached("INSERT INTO outbox (account_id, message_id_header, raw, created_at, sender, recipients_json)"
                " VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        .bindInt64(1, accountId)
        .bindText(2, messageIdHeader)
        .bindBlob(3, raw)
        .bindInt64(4, QDateTime::currentMSecsSinceEpoch())
        .bindText(5, sender)
        .bindText(6, QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(recipients)).toJson(QJsonDocument::Compact)))
        .exec();
    const qint64 id = m_db.lastInsertRowId();
    transaction.commit();
    return id;
}

int OutboxStore::recoverInterrupted(qint64 accountId)
{
    Transaction transaction(m_db);
    m_db.cached("UPDATE outbox SET state = 'queued', next_attempt_at = 0 WHERE account_id = ?1 AND state = 'sending'")
        .bindInt64(1, accountId)
        .exec();
    const int count = m_db.changes();
    transaction.commit();
    return count;
}

std::optional<OutboxRow> OutboxStore::claimNext(qint64 accountId, const QDateTime &now)
{
    return settleAndClaim(accountId, {}, now);
}

std::optional<OutboxRow> OutboxStore::settleAndClaim(qint64 accountId, const QList<qint64> &delivered,
                                                     const QDateTime &now)
{
    Transaction transaction(m_db);
    deleteRows(delivered);
    const std::optional<qint64> id = nextDueId(accountId, now);
    if (id)
        m_db.cached("UPDATE outbox SET state = 'sending', attempts = attempts + 1 WHERE id = ?1").bindInt64(1, *id).exec();
    transaction.commit();
    if (!id)
        return std::nullopt;
    return row(*id);
}

std::optional<qint64> OutboxStore::nextDueId(qint64 accountId, const QDateTime &now)
{
    Statement &pick = m_db.cached("SELECT id FROM outbox WHERE account_id = ?1 AND state = 'queued'"
                                  " AND next_attempt_at <= ?2 ORDER BY id LIMIT 1");
    pick.bindInt64(1, accountId).bindInt64(2, now.toMSecsSinceEpoch());
    std::optional<qint64> id;
    if (pick.step())
        id = pick.columnInt64(0);
    pick.reset();
    return id;
}

std::optional<OutboxRow> OutboxStore::nextDue(qint64 accountId, const QDateTime &now)
{
    const std::optional<qint64> id = nextDueId(accountId, now);
    if (!id)
        return std::nullopt;
    return row(*id);
}

bool OutboxStore::settleAndPrepare(const QList<qint64> &delivered, qint64 id)
{
    Transaction transaction(m_db);
    deleteRows(delivered);
    m_db.cached("UPDATE outbox SET state = 'unknown', attempts = attempts + 1 WHERE id = ?1 AND state = 'queued'")
        .bindInt64(1, id)
        .exec();
    const bool prepared = m_db.changes() > 0;
    transaction.commit();
    return prepared;
}

std::optional<OutboxRow> OutboxStore::row(qint64 id)
{
    if (!m_reader)
        m_reader = std::make_unique<StoreReader>(m_db.path());
    return m_reader->outboxMessage(id);
}

void OutboxStore::removeDelivered(const QList<qint64> &delivered)
{
    if (delivered.isEmpty())
        return;
    Transaction transaction(m_db);
    deleteRows(delivered);
    transaction.commit();
}

void OutboxStore::deleteRows(const QList<qint64> &ids)
{
    // Unconditional, like markSent: the server took it, whatever the user did meanwhile.
    Statement &remove = m_db.cached("DELETE FROM outbox WHERE id = ?1");
    for (const qint64 id : ids) {
        remove.bindInt64(1, id).exec();
        remove.reset(); // bound again for the next id
    }
}

bool OutboxStore::bodyMayStart(qint64 id)
{
    Statement &s = m_db.cached("SELECT 1 FROM outbox WHERE id = ?1 AND state = 'unknown'");
    s.bindInt64(1, id);
    const bool found = s.step();
    s.reset();
    return found;
}

void OutboxStore::release(qint64 id)
{
    changeRow("UPDATE outbox SET state = 'queued', attempts = max(attempts - 1, 0)"
              " WHERE id = ?1 AND state IN ('sending', 'unknown')",
              id);
}

QByteArray OutboxStore::raw(qint64 id)
{
    Statement &s = m_db.cached("SELECT raw FROM outbox WHERE id = ?1");
    s.bindInt64(1, id);
    const QByteArray out = s.step() ? s.columnBlob(0) : QByteArray();
    s.reset();
    return out;
}

bool OutboxStore::changeRow(const char *sql, qint64 id, const std::optional<QString> &text,
                            std::optional<qint64> time)
{
    Transaction transaction(m_db);
    Statement &s = m_db.cached(sql);
    s.bindInt64(1, id);
    if (text)
        s.bindText(2, clipped(*text));
    if (time)
        s.bindInt64(3, *time);
    s.exec();
    const bool changed = m_db.changes() > 0;
    transaction.commit();
    return changed;
}

void OutboxStore::markBodyStarting(qint64 id)
{
    if (!changeRow("UPDATE outbox SET state = 'unknown' WHERE id = ?1 AND state = 'sending'", id))
        throw StoreError(StoreError::Kind::NotFound, QStringLiteral("record that message %1 is being sent").arg(id),
                         QStringLiteral("it is not being sent"));
}

void OutboxStore::markSent(qint64 id, const QDateTime &when)
{
    changeRow("UPDATE outbox SET state = 'sent', last_error = '', sent_at = ?3 WHERE id = ?1", id, std::nullopt,
              when.toMSecsSinceEpoch());
}

void OutboxStore::markRetry(qint64 id, const QString &error, const QDateTime &nextAttempt)
{
    changeRow("UPDATE outbox SET state = 'queued', last_error = ?2, next_attempt_at = ?3 WHERE id = ?1", id, error,
              nextAttempt.toMSecsSinceEpoch());
}

void OutboxStore::markFailed(qint64 id, const QString &error)
{
    changeRow("UPDATE outbox SET state = 'failed', last_error = ?2 WHERE id = ?1", id, error);
}

void OutboxStore::markUnknown(qint64 id, const QString &error)
{
    changeRow("UPDATE outbox SET state = 'unknown', last_error = ?2 WHERE id = ?1", id, error);
}

bool OutboxStore::retry(qint64 id)
{
    return changeRow("UPDATE outbox SET state = 'queued', next_attempt_at = 0"
                     " WHERE id = ?1 AND state IN ('failed', 'unknown', 'queued')",
                     id);
}

bool OutboxStore::remove(qint64 id)
{
    return changeRow("DELETE FROM outbox WHERE id = ?1 AND state IN ('failed', 'unknown', 'queued', 'sent')", id);
}

void OutboxStore::removeSent(qint64 id)
{
    changeRow("DELETE FROM outbox WHERE id = ?1 AND state = 'sent'", id);
}

QList<OutboxRow> OutboxStore::list(qint64 accountId)
{
    StoreReader reader(m_db.path());
    return reader.outbox(accountId);
}

bool OutboxStore::inSentFolder(qint64 accountId, const QString &messageIdHeader)
{
    QString bare = messageIdHeader.trimmed();
    if (bare.startsWith(QLatin1Char('<')) && bare.endsWith(QLatin1Char('>')))
        bare = bare.mid(1, bare.size() - 2);
    Statement &s = m_db.cached("SELECT 1 FROM messages m JOIN folders f ON f.id = m.folder_id"
                               " WHERE f.account_id = ?1 AND f.role = 'sent' AND m.message_id = ?2 LIMIT 1");
    s.bindInt64(1, accountId).bindText(2, bare);
    const bool found = s.step();
    s.reset();
    return found;
}

} // namespace Petrel::Store
