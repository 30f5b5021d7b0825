#include "sync/imap/ImapOfflinePolicy.h"

namespace Petrel::Core {

bool ImapBodyRule::wants(const QDateTime &internalDate) const
{
    switch (kind) {
    case Kind::None:
        return false;
    case Kind::All:
        return true;
    case Kind::Recent:
        return internalDate.isValid() && internalDate >= since;
    }
    return false;
}

ImapBodyRule ImapOfflinePolicy::bodyRuleFor(Store::FolderRole role, const QDateTime &now) const
{
    ImapBodyRule rule;
    const bool inbox = role == Store::FolderRole::Inbox;
    switch (mode) {
    case Mode::InboxOnly:
        rule.kind = inbox ? ImapBodyRule::Kind::All : ImapBodyRule::Kind::None;
        break;
    case Mode::All:
        rule.kind = ImapBodyRule::Kind::All;
        break;
    case Mode::LastDays:
        // Inbox is read offline most: it stays whole whatever the age of its mail.
        if (inbox) {
            rule.kind = ImapBodyRule::Kind::All;
        } else {
            rule.kind = ImapBodyRule::Kind::Recent;
            rule.since = now.toUTC().addDays(-qBound(1, days, MaxDays));
        }
        break;
    case Mode::None:
        rule.kind = ImapBodyRule::Kind::None;
        break;
    }
    return rule;
}

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
