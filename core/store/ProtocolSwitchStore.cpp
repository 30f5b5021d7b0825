#include "store/ProtocolSwitchStore.h"

#include "store/Database.h"
#include "store/Statement.h"
#include "store/StoreError.h"
#include "store/Transaction.h"

#include <QList>
#include <QPair>

namespace Petrel::Store {

namespace {

constexpr const char *Delimiter = "/";

} // namespace

void ProtocolSwitchStore::setProtocol(qint64 accountId, const char *protocol, const QByteArray &settingsJson,
                                      const QString &operation)
{
    Statement &s = m_db.cached("UPDATE accounts SET protocol = ?2, settings_json = ?3 WHERE id = ?1");
    s.bindInt64(1, accountId).bindText(2, QString::fromLatin1(protocol)).bindText(3, QString::fromUtf8(settingsJson));
    s.exec();
    if (m_db.changes() != 1)
        throw StoreError(StoreError::Kind::NotFound, operation, QStringLiteral("there is no account %1").arg(accountId));
}

int ProtocolSwitchStore::toImap(qint64 accountId, const QByteArray &settingsJson, const QString &archiveRoot)
{
    const QString operation = QStringLiteral("switch account %1 to IMAP").arg(accountId);
    Transaction tx(m_db);
    setProtocol(accountId, "imap", settingsJson, operation);
    // The root first, so the tree has a parent; a path the account already uses is a Constraint error.
    m_db.cached("INSERT INTO folders (account_id, path, display_name, delimiter, local_only, subscribed)"
                " VALUES (?1, ?2, ?2, ?3, 1, 1)")
        .bindInt64(1, accountId)
        .bindText(2, archiveRoot)
        .bindText(3, QString::fromLatin1(Delimiter))
        .exec();
    const qint64 rootId = m_db.lastInsertRowId();
    Statement &move = m_db.cached("UPDATE folders SET path = ?2 || ?3 || path, role = 'none', delimiter = ?3,"
                                  " local_only = 1, uidvalidity = 0, uidnext = 0, highestmodseq = 0"
                                  " WHERE account_id = ?1 AND id <> ?4");
    move.bindInt64(1, accountId).bindText(2, archiveRoot).bindText(3, QString::fromLatin1(Delimiter)).bindInt64(4, rootId);
    move.exec();
    const int archived = m_db.changes();
    tx.commit();
    return archived;
}

int ProtocolSwitchStore::toPop3(qint64 accountId, const QByteArray &settingsJson, const QString &archiveRoot,
                                const std::function<FolderRole(const QString &path)> &roleFor)
{
    const QString operation = QStringLiteral("switch account %1 to POP3").arg(accountId);
    const QString prefix = archiveRoot + QLatin1String(Delimiter);
    const QString archiveInbox = prefix + QStringLiteral("INBOX");
    Transaction tx(m_db);
    setProtocol(accountId, "pop3", settingsJson, operation);

    // Messages the server never got (a refused or not yet sent APPEND) are the user's only copy.
    Statement &ensureInbox = m_db.cached("INSERT OR IGNORE INTO folders (account_id, path, display_name, delimiter,"
                                         " local_only) VALUES (?1, ?2, 'Inbox', ?3, 1)");
    ensureInbox.bindInt64(1, accountId).bindText(2, archiveInbox).bindText(3, QString::fromLatin1(Delimiter)).exec();
    Statement &rescue = m_db.cached(
        "UPDATE messages SET folder_id = (SELECT id FROM folders WHERE account_id = ?1 AND path = ?2)"
        " WHERE uid IS NULL AND folder_id IN (SELECT id FROM folders WHERE account_id = ?1 AND local_only = 0)");
    rescue.bindInt64(1, accountId).bindText(2, archiveInbox).exec();
    // The server's folders: their messages stay on the server.
    m_db.cached("DELETE FROM folders WHERE account_id = ?1 AND local_only = 0").bindInt64(1, accountId).exec();
    m_db.cached("DELETE FROM pending_operations WHERE account_id = ?1").bindInt64(1, accountId).exec();

    // The archive comes back to its own paths; the root (now empty) goes.
    QList<QPair<qint64, QString>> folders;
    Statement &list = m_db.cached("SELECT id, path FROM folders WHERE account_id = ?1 AND local_only = 1");
    list.bindInt64(1, accountId);
    while (list.step())
        folders.append({list.columnInt64(0), list.columnText(1)});
    list.reset();
    int restored = 0;
    for (const auto &[id, path] : std::as_const(folders)) {
        if (path == archiveRoot) {
            Statement &empty = m_db.cached("SELECT count(*) FROM messages WHERE folder_id = ?1");
            empty.bindInt64(1, id);
            const bool hasMessages = empty.step() && empty.columnInt64(0) > 0;
            empty.reset();
            if (!hasMessages) {
                m_db.cached("DELETE FROM folders WHERE id = ?1").bindInt64(1, id).exec();
                continue;
            }
        }
        const QString back = path.startsWith(prefix) ? path.mid(prefix.size()) : path;
        Statement &update = m_db.cached("UPDATE folders SET path = ?2, role = ?3, local_only = 0 WHERE id = ?1");
        update.bindInt64(1, id).bindText(2, back).bindText(3, folderRoleName(roleFor(back))).exec();
        ++restored;
    }
    tx.commit();
    return restored;
}

} // namespace Petrel::Store
