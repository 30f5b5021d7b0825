#pragma once

#include <QFlags>
#include <QMetaType>

namespace Petrel::Store {

// The system flags, as stored in messages.flags. The values are on disk: never renumber.
enum class MessageFlag : int {
    Seen = 1,
    Answered = 2,
    Flagged = 4,
    Deleted = 8,
    Draft = 16,
};
Q_DECLARE_FLAGS(MessageFlags, MessageFlag)
Q_DECLARE_OPERATORS_FOR_FLAGS(MessageFlags)

} // namespace Petrel::Store

Q_DECLARE_METATYPE(Petrel::Store::MessageFlags)
