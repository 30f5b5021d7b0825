#pragma once

#include "store/FolderRow.h"

#include <QIcon>

namespace Petrel::Ui {

// The icon of a folder by its special-use role, from the desktop theme with a built-in fallback.
QIcon folderIcon(Store::FolderRole role);
QIcon accountIcon();
QIcon unifiedInboxIcon();

} // namespace Petrel::Ui
