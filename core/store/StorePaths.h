#pragma once

#include <QString>

namespace Petrel::Store {

// <profileDir>/petrel.sqlite
QString defaultDatabasePath(const QString &profileDir);

} // namespace Petrel::Store
