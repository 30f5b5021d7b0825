#include "localmail/LocalFolders.h"

#include "store/StoreReader.h"
#include "store/StoreWriter.h"

namespace Petrel::Core {

QList<LocalFolders::Default> LocalFolders::defaults()
{
    using Role = Store::FolderRole;
    return {{QStringLiteral("INBOX"), QStringLiteral("Inbox"), Role::Inbox},
            {QStringLiteral("Sent"), QStringLiteral("Sent"), Role::Sent},
            {QStringLiteral("Drafts"), QStringLiteral("Drafts"), Role::Drafts},
            {QStringLiteral("Trash"), QStringLiteral("Trash"), Role::Trash},
            {QStringLiteral("Archive"), QStringLiteral("Archive"), Role::Archive}};
}

void LocalFolders::ensureDefaults(Store::StoreWriter &writer, Store::StoreReader &reader, qint64 accountId)
{
    const QList<Store::FolderRow> existing = reader.folders(accountId);
    for (const Default &d : defaults()) {
        bool present = false;
        for (const Store::FolderRow &f : existing)
            present = present || f.role == d.role || f.path.compare(d.path, Qt::CaseInsensitive) == 0;
        if (!present)
            writer.ensureFolder(accountId, d.path, d.role, d.displayName);
    }
}

} // namespace Petrel::Core
