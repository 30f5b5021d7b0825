#pragma once

#include "store/MessageFlag.h"

#include <QStringList>

namespace Petrel::Cli {

// "seen", "answered", "flagged", "deleted", "draft": how petrel-cli names flags in text and JSON.
QStringList flagNames(Store::MessageFlags flags);

} // namespace Petrel::Cli
