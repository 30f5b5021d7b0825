#pragma once

#include "store/FolderRow.h"

#include <QDateTime>
#include <QString>

namespace Petrel::Core {

// Which messages of one folder should have their body in the cache, under a policy at one moment.
struct ImapBodyRule
{
    enum class Kind {
        None,   // headers only; bodies on demand
        All,    // every message
        Recent, // messages whose INTERNALDATE is at or after `since`
    };
    Kind kind = Kind::None;
    QDateTime since; // Recent only (UTC)

    // An unknown date (invalid) is never recent: nothing says the message is.
    bool wants(const QDateTime &internalDate) const;
    bool wantsAny() const { return kind != Kind::None; }
};

// Which folders of an IMAP account keep full message bodies in the cache for offline reading.
// Everything else is cached as headers and structure, and its bodies are fetched on demand.
struct ImapOfflinePolicy
{
    enum class Mode {
        InboxOnly, // every Inbox message (the default)
        All,       // every message of every folder
        LastDays,  // messages of every folder received in the last `days` days, plus all of Inbox
        None,      // nothing ahead of time: bodies only on demand
    };

    static constexpr int MaxDays = 36500;

    Mode mode = Mode::InboxOnly;
    int days = 0; // LastDays only: 1..MaxDays

    bool operator==(const ImapOfflinePolicy &other) const = default;

    // The rule for a folder of this role; `now` anchors LastDays (the cut-off is now - days).
    ImapBodyRule bodyRuleFor(Store::FolderRole role, const QDateTime &now) const;

    // "inbox", "all", "days:N", "none".
    QString toString() const;
    // False (with *error saying why) for anything else, including N outside 1..MaxDays.
    static bool parse(const QString &text, ImapOfflinePolicy *out, QString *error = nullptr);
};

} // namespace Petrel::Core
