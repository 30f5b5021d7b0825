#include "models/FolderIcons.h"

#include <QApplication>
#include <QStyle>

namespace Petrel::Ui {

namespace {

QIcon themed(const char *name, QStyle::StandardPixmap fallback)
{
    const QIcon standard = QApplication::style() ? QApplication::style()->standardIcon(fallback) : QIcon();
    return QIcon::fromTheme(QLatin1String(name), standard);
}

} // namespace

QIcon folderIcon(Store::FolderRole role)
{
    using Store::FolderRole;
    switch (role) {
    case FolderRole::Inbox:
        return themed("mail-folder-inbox", QStyle::SP_DriveNetIcon);
    case FolderRole::Sent:
        return themed("mail-folder-sent", QStyle::SP_ArrowForward);
    case FolderRole::Drafts:
        return themed("mail-folder-drafts", QStyle::SP_FileIcon);
    case FolderRole::Trash:
        return themed("user-trash", QStyle::SP_TrashIcon);
    case FolderRole::Junk:
        return themed("mail-mark-junk", QStyle::SP_MessageBoxWarning);
    case FolderRole::Archive:
        return themed("mail-folder-archive", QStyle::SP_DirClosedIcon);
    case FolderRole::None:
        break;
    }
    return themed("folder", QStyle::SP_DirIcon);
}

QIcon accountIcon()
{
    return themed("mail-message", QStyle::SP_ComputerIcon);
}

QIcon unifiedInboxIcon()
{
    return themed("mail-folder-inbox", QStyle::SP_DriveNetIcon);
}

} // namespace Petrel::Ui
