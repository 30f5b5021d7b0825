#pragma once

#include <QDateTime>
#include <QString>

namespace Petrel::Core {

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

    // "inbox", "all", "days:N", "none".
    QString toString() const;
    // False (with *error saying why) for anything else, including N outside 1..MaxDays.
    static bool parse(const QString &text, ImapOfflinePolicy *out, QString *error = nullptr);
};

} // namespace Petrel::Core
