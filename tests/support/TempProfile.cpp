#include "TempProfile.h"

#include <QDir>
#include <QtDebug>

namespace Petrel::Test {

TempProfile::TempProfile()
    : m_dir(QDir::tempPath() + QStringLiteral("/petrel-profile-XXXXXX"))
{
    if (qEnvironmentVariableIntValue("PETREL_KEEP_TEST_PROFILES") != 0)
        m_dir.setAutoRemove(false);
}

TempProfile::~TempProfile()
{
    if (!m_dir.autoRemove() && m_dir.isValid())
        qInfo().noquote() << "kept test profile" << m_dir.path();
}

bool TempProfile::isValid() const
{
    return m_dir.isValid();
}

QString TempProfile::path() const
{
    return m_dir.path();
}

QString TempProfile::filePath(const QString &relativePath) const
{
    return m_dir.filePath(relativePath);
}

} // namespace Petrel::Test
