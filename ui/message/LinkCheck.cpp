#include "message/LinkCheck.h"

#include <QRegularExpression>

namespace Petrel::Ui {

namespace {

QString comparableHost(QString host)
{
    host = host.toLower();
    if (host.startsWith(QLatin1String("www.")))
        host.remove(0, 4);
    if (host.endsWith(QLatin1Char('.')))
        host.chop(1);
    return host;
}

} // namespace

bool linkTextMisleads(const QString &shownText, const QUrl &target)
{
    const QString text = shownText.trimmed();
    if (text.isEmpty() || text.contains(QLatin1Char(' ')))
        return false;
    static const QRegularExpression mail(QStringLiteral("^(mailto:)?([^@\\s]+@[^@\\s]+\\.[^@\\s]+)$"),
                                         QRegularExpression::CaseInsensitiveOption);
    if (const QRegularExpressionMatch m = mail.match(text); m.hasMatch()) {
        if (target.scheme().compare(QLatin1String("mailto"), Qt::CaseInsensitive) != 0)
            return true;
        return target.path().compare(m.captured(2), Qt::CaseInsensitive) != 0;
    }
    static const QRegularExpression web(QStringLiteral("^([a-z][a-z0-9+.-]*://)?([a-z0-9-]+\\.)+[a-z]{2,}(:\\d+)?([/?#]\\S*)?$"),
                                        QRegularExpression::CaseInsensitiveOption);
    if (!web.match(text).hasMatch())
        return false;
    const QUrl shown = QUrl::fromUserInput(text);
    if (!shown.isValid() || shown.host().isEmpty())
        return false;
    if (comparableHost(shown.host()) != comparableHost(target.host()))
        return true;
    // The same host under a weaker scheme than shown ("https://…" shown, "http://…" behind).
    return text.startsWith(QLatin1String("https://"), Qt::CaseInsensitive)
        && target.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) != 0;
}

bool isOpenableLink(const QUrl &target)
{
    const QString scheme = target.scheme().toLower();
    return target.isValid()
        && (scheme == QLatin1String("http") || scheme == QLatin1String("https") || scheme == QLatin1String("mailto"));
}

} // namespace Petrel::Ui
