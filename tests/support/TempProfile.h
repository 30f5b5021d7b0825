#pragma once

#include <QString>
#include <QTemporaryDir>

namespace Petrel::Test {

// A fresh, empty profile directory for one test, removed with the object. Set
// PETREL_KEEP_TEST_PROFILES=1 to keep it for a post-mortem (its path is printed then).
class TempProfile
{
public:
    TempProfile();
    ~TempProfile();
    TempProfile(const TempProfile &) = delete;
    TempProfile &operator=(const TempProfile &) = delete;

    bool isValid() const;
    QString path() const;
    QString filePath(const QString &relativePath) const;

private:
    QTemporaryDir m_dir;
};

} // namespace Petrel::Test
