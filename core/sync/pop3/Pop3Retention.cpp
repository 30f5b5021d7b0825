#include "sync/pop3/Pop3Retention.h"

namespace Petrel::Core {

namespace {

const QLatin1String afterDaysPrefix("delete-after-days:");

} // namespace

QString Pop3Retention::toString() const
{
    switch (mode) {
    case Mode::Leave:
        return QStringLiteral("leave");
    case Mode::DeleteAfterDays:
        return afterDaysPrefix + QString::number(days);
    case Mode::DeleteOnLocalDelete:
        return QStringLiteral("delete-on-local-delete");
    case Mode::DeleteAfterDownload:
        return QStringLiteral("delete-after-download");
    }
    return QStringLiteral("leave");
}

bool Pop3Retention::parse(const QString &text, Pop3Retention *out, QString *error)
{
    const QString t = text.trimmed().toLower();
    Pop3Retention r;
    if (t == QLatin1String("leave")) {
        r.mode = Mode::Leave;
    } else if (t == QLatin1String("delete-on-local-delete")) {
        r.mode = Mode::DeleteOnLocalDelete;
    } else if (t == QLatin1String("delete-after-download")) {
        r.mode = Mode::DeleteAfterDownload;
    } else if (t.startsWith(afterDaysPrefix)) {
        bool ok = false;
        const int days = t.mid(afterDaysPrefix.size()).toInt(&ok);
        if (!ok || days < 1 || days > MaxDays) {
            if (error)
                *error = QStringLiteral("delete-after-days needs a number of days from 1 to %1").arg(MaxDays);
            return false;
        }
        r.mode = Mode::DeleteAfterDays;
        r.days = days;
    } else {
        if (error)
            *error = QStringLiteral("'%1' is not a POP3 retention (expected leave, delete-after-days:N, "
                                    "delete-on-local-delete or delete-after-download)")
                         .arg(text.left(80));
        return false;
    }
    *out = r;
    return true;
}

bool shouldDeleteFromServer(const Pop3Retention &retention, const Pop3LocalCopy &local, const QDateTime &now)
{
    // The one rule no mode may break: without a committed local copy the server's is the only one.
    if (!local.committed)
        return false;
    switch (retention.mode) {
    case Pop3Retention::Mode::Leave:
        return false;
    case Pop3Retention::Mode::DeleteAfterDownload:
        return true;
    case Pop3Retention::Mode::DeleteOnLocalDelete:
        return !local.stillExists;
    case Pop3Retention::Mode::DeleteAfterDays:
        if (retention.days < 1 || !local.downloadedAt.isValid() || !now.isValid())
            return false;
        return local.downloadedAt.addDays(retention.days) <= now;
    }
    return false;
}

} // namespace Petrel::Core
