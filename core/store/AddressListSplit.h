#pragma once

#include <QString>
#include <QStringList>

namespace Petrel::Store {

// Splits an address list as people write and the store keeps it ("A <a@x>, \"B, C\" <b@x>, c@x")
// at the separators between entries, never inside a quoted name or angle brackets. Entries come
// back trimmed; empty ones are dropped.
QStringList splitAddressList(const QString &text, const QString &separators = QStringLiteral(","));

} // namespace Petrel::Store
