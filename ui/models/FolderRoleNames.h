#pragma once

#include "store/FolderRow.h"

#include <QString>

namespace Petrel::Ui {

// The name the folder tree shows for a special folder at the top of its account: the server's
// own name ("INBOX", "Sent Items") in English, the word of the user's language otherwise
// ("Posteingang", "Éléments envoyés"), as other mail clients do. Other folders keep `name`.
QString shownFolderName(Store::FolderRole role, const QString &name);

} // namespace Petrel::Ui
