#pragma once

#include <QString>

namespace Petrel::Store {

// Turns what a user typed into an FTS5 MATCH expression that cannot be a syntax error or an
// injection: each word becomes a quoted string with a prefix star ("word"*), words are ANDed.
// Operators (AND, NEAR, -, column:) are thus searched as plain words. Words with no letter or
// digit are dropped; an empty result means "nothing to search for".
QString ftsMatchExpression(const QString &userQuery);

} // namespace Petrel::Store
