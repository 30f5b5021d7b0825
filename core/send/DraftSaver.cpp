#include "send/DraftSaver.h"

#include "send/RoleFolderStore.h"
#include "store/StoreReader.h"
#include "store/StoreWriter.h"
#include "sync/imap/ImapLocalActions.h"

namespace Petrel::Core {

QString DraftSaver::checkReplaceable(qint64 accountId, qint64 replacesId)
{
    const std::optional<Store::MessageRow> previous = m_reader.message(replacesId);
    if (!previous)
        return QStringLiteral("there is no message %1 to replace").arg(replacesId);
    const std::optional<Store::FolderRow> folder = m_reader.folder(previous->folderId);
    if (!folder || folder->accountId != accountId)
        return QStringLiteral("message %1 is not in this account").arg(replacesId);
    if (folder->role != Store::FolderRole::Drafts && !(previous->flags & Store::MessageFlag::Draft))
        return QStringLiteral("message %1 is not a draft (it is in '%2')").arg(replacesId).arg(folder->path);
    return {};
}

QString DraftSaver::save(qint64 accountId, const QByteArray &raw, qint64 replacesId, qint64 *newId)
{
    const std::optional<Store::AccountRow> account = m_reader.accountById(accountId);
    if (!account)
        return QStringLiteral("there is no account %1").arg(accountId);
    if (replacesId > 0) {
        if (QString why = checkReplaceable(accountId, replacesId); !why.isEmpty())
            return why;
    }
    RoleFolderStore folders(m_writer, m_reader);
    qint64 id = 0;
    const Store::MessageFlags flags = Store::MessageFlags(Store::MessageFlag::Draft) | Store::MessageFlag::Seen;
    if (QString why = folders.store(accountId, Store::FolderRole::Drafts, QLatin1String(DefaultFolderName), raw,
                                    flags, &id);
        !why.isEmpty())
        return why;
    *newId = id;
    if (replacesId <= 0)
        return {};
    if (QString why = drop(*account, replacesId); !why.isEmpty())
        return QStringLiteral("the draft was saved as message %1, but the previous version stays: %2").arg(id).arg(why);
    return {};
}

QString DraftSaver::discard(qint64 accountId, qint64 draftId)
{
    const std::optional<Store::AccountRow> account = m_reader.accountById(accountId);
    if (!account)
        return QStringLiteral("there is no account %1").arg(accountId);
    if (QString why = checkReplaceable(accountId, draftId); !why.isEmpty())
        return why;
    return drop(*account, draftId);
}

QString DraftSaver::drop(const Store::AccountRow &account, qint64 draftId)
{
    // An old draft version has no business in Trash: it goes for good.
    if (account.protocol == Store::AccountProtocol::Pop3) {
        m_writer.deleteMessages({draftId});
        return {};
    }
    ImapLocalActions actions(m_writer, m_reader);
    return actions.removePermanently(draftId);
}

} // namespace Petrel::Core
