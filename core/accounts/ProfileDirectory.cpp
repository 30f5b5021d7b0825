#include "ProfileDirectory.h"

#include "store/StorePaths.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace Petrel::Core {

ProfileDirectory::ProfileDirectory(QString path)
    : m_path(QDir::cleanPath(QDir(path).absolutePath()))
{
}

bool ProfileDirectory::prepare(QString *error) const
{
    const QFileInfo info(m_path);
    if (info.exists() && !info.isDir()) {
        *error = QStringLiteral("The profile path %1 exists but is not a folder.").arg(m_path);
        return false;
    }
    if (!info.exists()) {
        if (!QDir().mkpath(m_path)) {
            *error = QStringLiteral("Could not create the profile folder %1; check its parent's "
                                    "permissions and free space.")
                         .arg(m_path);
            return false;
        }
        QFile::setPermissions(m_path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    }
    return true;
}

QString ProfileDirectory::databasePath() const
{
    return Store::defaultDatabasePath(m_path);
}

} // namespace Petrel::Core
