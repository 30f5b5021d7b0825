#include "models/FolderRoleNames.h"

#include <QCoreApplication>

namespace Petrel::Ui {

QString shownFolderName(Store::FolderRole role, const QString &name)
{
    const char *english = nullptr;
    switch (role) {
    case Store::FolderRole::None:
        return name;
    case Store::FolderRole::Inbox:
        english = QT_TRANSLATE_NOOP("Petrel::Ui::FolderRoleNames", "Inbox");
        break;
    case Store::FolderRole::Sent:
        english = QT_TRANSLATE_NOOP("Petrel::Ui::FolderRoleNames", "Sent");
        break;
    case Store::FolderRole::Drafts:
        english = QT_TRANSLATE_NOOP("Petrel::Ui::FolderRoleNames", "Drafts");
        break;
    case Store::FolderRole::Trash:
        english = QT_TRANSLATE_NOOP("Petrel::Ui::FolderRoleNames", "Trash");
        break;
    case Store::FolderRole::Junk:
        english = QT_TRANSLATE_NOOP("Petrel::Ui::FolderRoleNames", "Junk");
        break;
    case Store::FolderRole::Archive:
        english = QT_TRANSLATE_NOOP("Petrel::Ui::FolderRoleNames", "Archive");
        break;
    }
    const QString translated = QCoreApplication::translate("Petrel::Ui::FolderRoleNames", english);
    // No catalogue for the language (English): the server's name stays, in its own spelling.
    return translated == QLatin1String(english) ? name : translated;
}

} // namespace Petrel::Ui
