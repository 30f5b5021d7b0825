#pragma once

#include "store/MessageRow.h"

#include <QByteArray>
#include <QString>

namespace Petrel::Cli {

// One compact JSON object for a new message (id, account, folder, uid, from, subject, date,
// Message-ID): what 'watch' prints per message, one line each, for scripts.
QByteArray messageJsonLine(const Store::MessageRow &m, const QString &account, const QString &folder);

} // namespace Petrel::Cli
