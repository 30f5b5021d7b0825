#include "MessageFlagNames.h"

namespace Petrel::Cli {

QStringList flagNames(Store::MessageFlags flags)
{
    QStringList names;
    if (flags & Store::MessageFlag::Seen)
        names << QStringLiteral("seen");
    if (flags & Store::MessageFlag::Answered)
        names << QStringLiteral("answered");
    if (flags & Store::MessageFlag::Flagged)
        names << QStringLiteral("flagged");
    if (flags & Store::MessageFlag::Deleted)
        names << QStringLiteral("deleted");
    if (flags & Store::MessageFlag::Draft)
        names << QStringLiteral("draft");
    return names;
}

} // namespace Petrel::Cli
