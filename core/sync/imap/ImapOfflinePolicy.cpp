#include "sync/imap/ImapOfflinePolicy.h"

namespace Petrel::Core {

QString ImapOfflinePolicy::toString() const
{
    switch (mode) {
    case Mode::InboxOnly:
        return QStringLiteral("inbox");
    case Mode::All:
        return QStringLiteral("all");
    case Mode::LastDays:
        return QStringLiteral("days:%1").arg(days);
    case Mode::None:
        return QStringLiteral("none");
    }
    return QStringLiteral("inbox");
}

bool ImapOfflinePolicy::parse(const QString &text, ImapOfflinePolicy *out, QString *error)
{
    const QString t = text.trimmed().toLower();
    ImapOfflinePolicy p;
    if (t == QLatin1String("inbox")) {
        p.mode = Mode::InboxOnly;
    } else if (t == QLatin1String("all")) {
        p.mode = Mode::All;
    } else if (t == QLatin1String("none")) {
        p.mode = Mode::None;
    } else if (t.startsWith(QLatin1String("days:"))) {
        bool ok = false;
        const int days = t.mid(5).toInt(&ok);
        if (!ok || days < 1 || days > MaxDays) {
            if (error)
                *error = QStringLiteral("imap.offline=days:N needs N from 1 to %1").arg(MaxDays);
            return false;
        }
        p.mode = Mode::LastDays;
        p.days = days;
    } else {
        if (error)
            *error = QStringLiteral("imap.offline must be inbox, all, days:N or none, not '%1'").arg(text.left(80));
        return false;
    }
    *out = p;
    return true;
}

} // namespace Petrel::Core
