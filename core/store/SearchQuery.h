#pragma once

#include <QString>

namespace Petrel::Store {

// Turns what a user typed into an FTS5 MATCH expression that cannot be a syntax error or an
// injection: each word becomes a quoted string with a prefix star ("word"*), words are ANDed.
// Operators (AND, NEAR, -, column:) are thus searched as plain words. Words with no letter or
// digit are dropped; an empty result means "nothing to search for".
QString ftsMatchExpression(const QString &userQuery);

// For from:, to: and subject: (message_header_trigrams, migrations 8 and 9): a MATCH expression limited to
// column that finds every row whose column holds value as a substring (case folded), as an AND of
// value's trigrams; it may find more, so the caller checks the substring itself. Empty when value
// has fewer than three characters (the caller then checks every row).
QString trigramMatchExpression(const QString &column, const QString &value);

} // namespace Petrel::Store
