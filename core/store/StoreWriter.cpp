#include "store/StoreWriter.h"

#include "store/Database.h"
#include "store/JsonIdList.h"
#include "store/MessageInserter.h"
#include "store/Transaction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>

namespace Petrel::Store {

namespace {

void requireJsonObject(const QByteArray &json, const QString &operation, const QString &what)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        throw StoreError(StoreError::Kind::InvalidArgument, operation,
                         QStringLiteral("%1 must be a JSON object").arg(what));
    }
}

// Passwords belong in the keyring, never in the database file: refuse settings that carry one.
bool containsSecretKey(const QJsonValue &value)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QString key = it.key().toLower();
            if (key == QLatin1String("password") || key == QLatin1String("passwd") ||
                key == QLatin1String("secret") || containsSecretKey(it.value())) {
                return true;
            }
        }
    } else if (value.isArray()) {
        for (const QJsonValue &element : value.toArray()) {
            if (containsSecretKey(element)) {
                return true;
            }
        }
    }
    return false;
}

void requireAccountSettings(const QByteArray &json, const QString &operation)
{
    requireJsonObject(json, operation, QStringLiteral("account settings"));
    if (containsSecretKey(QJsonDocument::fromJson(json).object())) {
        throw StoreError(
            StoreError::Kind::InvalidArgument, operation,
            QStringLiteral("account settings must not contain a password; it belongs in the keyring"));
    }
}

} // namespace

StoreWriter::StoreWriter(const QString &databasePath)
    : StoreWriter(Database::open(databasePath, Database::Role::Writer))
{
}

StoreWriter::StoreWriter(std::unique_ptr<Database> writerDatabase) : m_db(std::move(writerDatabase))
{
    if (!m_db || m_db->role() != Database::Role::Writer) {
        throw StoreError(StoreError::Kind::InvalidArgument, QStringLiteral("create store writer"),
                         QStringLiteral("needs a Writer connection"));
    }
    m_inserter = std::make_unique<MessageInserter>(*m_db);
}

StoreWriter::~StoreWriter() = default;

void StoreWriter::requireRow(const char *table, qint64 id, const QString &operation)
{
    Statement &s = m_db->cached(QByteArray("SELECT 1 FROM ") + table + " WHERE id = ?1");
    s.bindInt64(1, id);
    const bool found = s.step();
    s.reset();
    if (!found) {
        throw StoreError(StoreError::Kind::NotFound, operation,
                         QStringLiteral("no %1 row with id %2").arg(QLatin1String(table)).arg(id));
    }
}

qint64 StoreWriter::addAccount(const AccountRow &account)
{
    const QString operation = QStringLiteral("add account '%1'").arg(account.name);
    if (account.name.trimmed().isEmpty()) {
        throw StoreError(StoreError::Kind::InvalidArgument, operation,
                         QStringLiteral("an account needs a name"));
    }
    requireAccountSettings(account.settingsJson, operation);
    Transaction transaction(*m_db);
    Statement &exists = m_db->cached("SELECT 1 FROM accounts WHERE name = ?1");
    exists.bindText(1, account.name);
    const bool taken = exists.step();
    exists.reset();
    if (taken) {
        throw StoreError(StoreError::Kind::Constraint, operation,
                         QStringLiteral("an account named '%1' already exists").arg(account.name));
    }
    Statement &insert =
        m_db->cached("INSERT INTO accounts (name, protocol, address, display_name, settings_json,"
                     " created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    insert.bindText(1, account.name)
        .bindText(2, accountProtocolName(account.protocol))
        .bindText(3, account.address)
        .bindText(4, account.displayName)
        .bindText(5, QString::fromUtf8(account.settingsJson))
        .bindInt64(6, QDateTime::currentMSecsSinceEpoch())
        .exec();
    const qint64 id = m_db->lastInsertRowId();
    transaction.commit();
    return id;
}

void StoreWriter::updateAccount(const AccountRow &account)
{
    const QString operation = QStringLiteral("update account %1").arg(account.id);
    requireAccountSettings(account.settingsJson, operation);
    Transaction transaction(*m_db);
    requireRow("accounts", account.id, operation);
    Statement &clash = m_db->cached("SELECT 1 FROM accounts WHERE name = ?1 AND id <> ?2");
    clash.bindText(1, account.name).bindInt64(2, account.id);
    const bool taken = clash.step();
    clash.reset();
    if (taken) {
        throw StoreError(StoreError::Kind::Constraint, operation,
                         QStringLiteral("an account named '%1' already exists").arg(account.name));
    }
    Statement &update =
        m_db->cached("UPDATE accounts SET name = ?2, protocol = ?3, address = ?4, display_name = ?5,"
                     " settings_json = ?6 WHERE id = ?1");
    update.bindInt64(1, account.id)
        .bindText(2, account.name)
        .bindText(3, accountProtocolName(account.protocol))
        .bindText(4, account.address)
        .bindText(5, account.displayName)
        .bindText(6, QString::fromUtf8(account.settingsJson))
        .exec();
    transaction.commit();
}

void StoreWriter::removeAccount(qint64 accountId)
{
    const QString operation = QStringLiteral("remove account %1").arg(accountId);
    Transaction transaction(*m_db);
    requireRow("accounts", accountId, operation);
    // Cascades reach folders, messages, raw, attachments, queues; a trigger clears the FTS rows.
    m_db->cached("DELETE FROM accounts WHERE id = ?1").bindInt64(1, accountId).exec();
    transaction.commit();
}

qint64 StoreWriter::ensureFolder(qint64 accountId, const QString &path, FolderRole role,
                                 const QString &displayName)
{
    const QString operation = QStringLiteral("ensure folder '%1'").arg(path);
    if (path.isEmpty()) {
        throw StoreError(StoreError::Kind::InvalidArgument, operation,
                         QStringLiteral("a folder needs a path"));
    }
    Transaction transaction(*m_db);
    requireRow("accounts", accountId, operation);
    Statement &upsert =
        m_db->cached("INSERT INTO folders (account_id, path, display_name, role) VALUES (?1, ?2, ?3, ?4)"
                     " ON CONFLICT (account_id, path) DO UPDATE SET role = excluded.role,"
                     " display_name = CASE WHEN ?3 = '' THEN display_name ELSE excluded.display_name END"
                     " RETURNING id");
    upsert.bindInt64(1, accountId)
        .bindText(2, path)
        .bindText(3, displayName)
        .bindText(4, folderRoleName(role));
    if (!upsert.step()) {
        throw StoreError(StoreError::Kind::Sqlite, operation, QStringLiteral("no folder id returned"));
    }
    const qint64 id = upsert.columnInt64(0);
    upsert.reset();
    transaction.commit();
    return id;
}

void StoreWriter::setFolderSyncState(qint64 folderId, qint64 uidValidity, qint64 uidNext,
                                     qint64 highestModSeq)
{
    const QString operation = QStringLiteral("set sync state of folder %1").arg(folderId);
    Transaction transaction(*m_db);
    requireRow("folders", folderId, operation);
    m_db->cached("UPDATE folders SET uidvalidity = ?2, uidnext = ?3, highestmodseq = ?4 WHERE id = ?1")
        .bindInt64(1, folderId)
        .bindInt64(2, uidValidity)
        .bindInt64(3, uidNext)
        .bindInt64(4, highestModSeq)
        .exec();
    transaction.commit();
}

void StoreWriter::removeFolder(qint64 folderId)
{
    const QString operation = QStringLiteral("remove folder %1").arg(folderId);
    Transaction transaction(*m_db);
    requireRow("folders", folderId, operation);
    m_db->cached("DELETE FROM folders WHERE id = ?1").bindInt64(1, folderId).exec();
    transaction.commit();
}

InsertResult StoreWriter::insertMessages(qint64 folderId, const QList<MessageRecord> &records,
                                         DuplicatePolicy policy, Durability durability)
{
    Transaction transaction(*m_db, durability);
    InsertResult result = m_inserter->insert(folderId, records, policy);
    transaction.commit();
    return result;
}

QList<quint32> StoreWriter::attachBodies(qint64 folderId, const QList<MessageRecord> &records,
                                         Durability durability)
{
    Transaction transaction(*m_db, durability);
    const QList<quint32> attached = m_inserter->attachBodies(folderId, records);
    transaction.commit();
    return attached;
}

int StoreWriter::setFlags(const QList<qint64> &messageIds, MessageFlags add, MessageFlags remove)
{
    Transaction transaction(*m_db);
    Statement &update = m_db->cached("UPDATE messages SET flags = (flags | ?2) & ~?3"
                                     " WHERE id = ?1 AND flags <> ((flags | ?2) & ~?3)");
    int changed = 0;
    for (const qint64 id : messageIds) {
        update.reset();
        update.bindInt64(1, id).bindInt64(2, add.toInt()).bindInt64(3, remove.toInt()).exec();
        changed += m_db->changes();
    }
    transaction.commit();
    return changed;
}

int StoreWriter::moveMessages(const QList<qint64> &messageIds, qint64 targetFolderId)
{
    Transaction transaction(*m_db);
    requireRow("folders", targetFolderId, QStringLiteral("move messages to folder %1").arg(targetFolderId));
    Statement &move =
        m_db->cached("UPDATE messages SET folder_id = ?2, uid = NULL WHERE id = ?1 AND folder_id <> ?2");
    int moved = 0;
    for (const qint64 id : messageIds) {
        move.reset();
        move.bindInt64(1, id).bindInt64(2, targetFolderId).exec();
        moved += m_db->changes();
    }
    transaction.commit();
    return moved;
}

int StoreWriter::deleteMessages(const QList<qint64> &messageIds)
{
    Transaction transaction(*m_db);
    Statement &remove = m_db->cached("DELETE FROM messages WHERE id IN (SELECT value FROM json_each(?1))");
    int removed = 0;
    for (qsizetype i = 0; i < messageIds.size(); i += JsonIdListChunk) {
        remove.reset();
        remove.bindText(1, QString::fromLatin1(jsonIdList(messageIds, i, JsonIdListChunk))).exec();
        removed += m_db->changes();
    }
    transaction.commit();
    return removed;
}

qint64 StoreWriter::enqueuePendingOperation(qint64 accountId, const QString &kind,
                                            const QByteArray &payloadJson)
{
    const QString operation = QStringLiteral("queue '%1' operation").arg(kind);
    if (kind.isEmpty()) {
        throw StoreError(StoreError::Kind::InvalidArgument, operation,
                         QStringLiteral("an operation needs a kind"));
    }
    requireJsonObject(payloadJson, operation, QStringLiteral("the payload"));
    Transaction transaction(*m_db);
    requireRow("accounts", accountId, operation);
    m_db->cached("INSERT INTO pending_operations (account_id, kind, payload_json, created_at)"
                 " VALUES (?1, ?2, ?3, ?4)")
        .bindInt64(1, accountId)
        .bindText(2, kind)
        .bindText(3, QString::fromUtf8(payloadJson))
        .bindInt64(4, QDateTime::currentMSecsSinceEpoch())
        .exec();
    const qint64 id = m_db->lastInsertRowId();
    transaction.commit();
    return id;
}

} // namespace Petrel::Store
