#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

namespace Petrel::Store {

// What the store knows about one POP3 UIDL of an account: downloaded (and committed) once, and
// whether its local message still exists and the server copy was removed.
struct Pop3UidlState
{
    QString uidl;
    std::optional<qint64> messageId; // nullopt: the user deleted the local copy
    QDateTime firstSeenAt;
    QDateTime downloadedAt;
    bool deletedFromServer = false;
};

} // namespace Petrel::Store
