#pragma once

#include <QMetaType>
#include <QString>

namespace Petrel::Store {

enum class FolderRole { None, Inbox, Sent, Drafts, Trash, Junk, Archive };

QString folderRoleName(FolderRole role); // "none", "inbox", ...
FolderRole folderRoleFromName(const QString &name, bool *ok = nullptr);

struct FolderRow
{
    qint64 id = 0;
    qint64 accountId = 0;
    QString path;
    QString displayName;
    FolderRole role = FolderRole::None;
    QString delimiter;
    qint64 uidValidity = 0; // 0: unknown
    qint64 uidNext = 0;
    qint64 highestModSeq = 0;
    bool subscribed = true;
    bool localOnly = false; // not on any server (POP3 accounts' folders are local by nature)
    qint64 unreadCount = 0; // maintained by the store
    qint64 totalCount = 0;
};

} // namespace Petrel::Store

Q_DECLARE_METATYPE(Petrel::Store::FolderRow)
