#pragma once

#include "store/FolderRow.h"

#include <QList>
#include <QString>

namespace Petrel::Store {
class StoreReader;
class StoreWriter;
} // namespace Petrel::Store

namespace Petrel::Core {

// The folders every POP3 account has: its Inbox (where downloads go), Sent, Drafts, Trash and
// Archive. Folders the user makes sit beside them; all of them live only in the local store.
struct LocalFolders
{
    struct Default
    {
        QString path;
        QString displayName;
        Store::FolderRole role;
    };
    static QList<Default> defaults();
    // Creates whichever default folder the account lacks (by role); idempotent.
    static void ensureDefaults(Store::StoreWriter &writer, Store::StoreReader &reader, qint64 accountId);
};

} // namespace Petrel::Core
