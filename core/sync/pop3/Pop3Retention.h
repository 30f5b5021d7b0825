#pragma once

#include <QDateTime>
#include <QString>

namespace Petrel::Core {

// When a POP3 account removes messages from the server. Whatever the mode, only messages whose
// local copy was committed are ever deleted (see shouldDeleteFromServer).
struct Pop3Retention
{
    enum class Mode {
        Leave,               // never (the default)
        DeleteAfterDays,     // once the local copy is `days` days old
        DeleteOnLocalDelete, // once the user deleted the local copy
        DeleteAfterDownload, // right after the download is committed
    };

    static constexpr int MaxDays = 36500;

    Mode mode = Mode::Leave;
    int days = 0; // DeleteAfterDays only: 1..MaxDays

    bool operator==(const Pop3Retention &other) const = default;

    // "leave", "delete-after-days:N", "delete-on-local-delete", "delete-after-download".
    QString toString() const;
    // False (with *error saying why) for anything else, including N outside 1..MaxDays.
    static bool parse(const QString &text, Pop3Retention *out, QString *error = nullptr);
};

// What the store knows about a downloaded UIDL, as far as retention needs it.
struct Pop3LocalCopy
{
    bool committed = false;    // the download was durably committed (a pop3_uidls row exists)
    bool stillExists = false;  // the local message is still in the store
    QDateTime downloadedAt;
};

// The retention decision, a pure function: true when the server copy may be deleted now.
bool shouldDeleteFromServer(const Pop3Retention &retention, const Pop3LocalCopy &local, const QDateTime &now);

} // namespace Petrel::Core
