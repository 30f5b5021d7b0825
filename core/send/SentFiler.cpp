#include "send/SentFiler.h"

#include "accounts/AccountSettings.h"
#include "send/RoleFolderStore.h"
#include "store/StoreError.h"

namespace Petrel::Core {

QString SentFiler::file(qint64 accountId, const AccountSettings &settings, const QByteArray &raw, qint64 *newId)
{
    if (newId)
        *newId = 0;
    // A POP3 server keeps no folders: its local Sent folder is the only copy, always kept.
    if (settings.protocol == IncomingProtocol::Imap && !settings.saveSentCopy)
        return {};
    try {
        RoleFolderStore folders(m_writer, m_reader);
        return folders.store(accountId, Store::FolderRole::Sent, QLatin1String(DefaultFolderName), raw,
                             Store::MessageFlag::Seen, newId);
    } catch (const Store::StoreError &e) {
        return e.text();
    }
}

} // namespace Petrel::Core
