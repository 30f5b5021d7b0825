#pragma once

#include <QString>

namespace Petrel::Core {

// A profile is one folder holding Petrel's database and settings (never passwords). It is created
// on first use and readable by its owner only: it holds people's mail.
class ProfileDirectory
{
public:
    explicit ProfileDirectory(QString path);

    // Creates the folder if needed and restricts it to its owner. False with *error set otherwise.
    bool prepare(QString *error) const;

    QString path() const { return m_path; }
    QString databasePath() const;

private:
    QString m_path;
};

} // namespace Petrel::Core
