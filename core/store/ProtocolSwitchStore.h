#pragma once

#include "store/FolderRow.h"

#include <QByteArray>
#include <QString>

#include <functional>

namespace Petrel::Store {

class Database;

// Moves an account between POP3 and IMAP in one transaction, keeping every message that exists
// only here. POP3 to IMAP: the archive (every folder) moves under a local-only root folder, where
// the IMAP sync neither removes nor fills it. IMAP to POP3: the server's cached folders leave (the
// server keeps their messages) except messages it never got (no UID), which go to the archive's
// Inbox first; the archive's folders come back to their own paths. The POP3 download state
// (pop3_uidls) is untouched either way, so switching back downloads nothing twice.
// Throws StoreError; then nothing changed.
class ProtocolSwitchStore
{
public:
    explicit ProtocolSwitchStore(Database &db) : m_db(db) {}

    // Returns how many folders were archived.
    int toImap(qint64 accountId, const QByteArray &settingsJson, const QString &archiveRoot);
    // roleFor gives a returning folder its role from its path. Returns how many came back.
    int toPop3(qint64 accountId, const QByteArray &settingsJson, const QString &archiveRoot,
               const std::function<FolderRole(const QString &path)> &roleFor);

private:
    void setProtocol(qint64 accountId, const char *protocol, const QByteArray &settingsJson, const QString &operation);

    Database &m_db;
};

} // namespace Petrel::Store
