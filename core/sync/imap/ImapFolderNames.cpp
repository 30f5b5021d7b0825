#include "sync/imap/ImapFolderNames.h"

#include <QStringList>

namespace Petrel::Core::ImapFolderNames {

QString whyInvalid(const QString &path, const QString &delimiter)
{
    if (path.isEmpty())
        return QStringLiteral("a folder needs a name");
    for (const QChar c : path) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            return QStringLiteral("a folder name cannot hold control characters");
    }
    if (path.compare(QLatin1String("INBOX"), Qt::CaseInsensitive) == 0)
        return QStringLiteral("INBOX is reserved");
    if (!delimiter.isEmpty()) {
        for (const QString &level : path.split(delimiter)) {
            if (level.isEmpty())
                return QStringLiteral("'%1' has an empty level (the hierarchy delimiter is '%2')").arg(path, delimiter);
        }
    }
    if (path.size() > 500)
        return QStringLiteral("the folder name is too long");
    return {};
}

QString displayName(const QString &path, const QString &delimiter)
{
    if (delimiter.isEmpty())
        return path;
    return path.section(delimiter, -1);
}

bool isSameOrUnder(const QString &path, const QString &parent, const QString &delimiter)
{
    if (path == parent)
        return true;
    return !delimiter.isEmpty() && path.startsWith(QString(parent + delimiter));
}

} // namespace Petrel::Core::ImapFolderNames
