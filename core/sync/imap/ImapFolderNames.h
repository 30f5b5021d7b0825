#pragma once

#include <QString>

// Folder path arithmetic for local folder actions; pure, so unit-tested alone. `delimiter` is the
// server's hierarchy delimiter ("" for a flat namespace).
namespace Petrel::Core::ImapFolderNames {

// "" when path is fine as a new folder name, else why not: empty, control characters, an empty
// level ("a//b", a leading or trailing delimiter), or a name IMAP reserves (INBOX in any case).
QString whyInvalid(const QString &path, const QString &delimiter);

// The last level of path: what a folder list shows.
QString displayName(const QString &path, const QString &delimiter);

// True when path is parent itself or a folder somewhere under it.
bool isSameOrUnder(const QString &path, const QString &parent, const QString &delimiter);

} // namespace Petrel::Core::ImapFolderNames
