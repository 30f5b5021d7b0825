#include "store/SearchFilter.h"

#include <QRegularExpression>

namespace Petrel::Store {

SearchFilter parseSearchFilter(const QString &userQuery)
{
    SearchFilter filter;
    QStringList rest;
    static const QRegularExpression token(QStringLiteral("(\\w+):(\"([^\"]*)\"?|\\S+)|\"([^\"]*)\"?|\\S+"));
    auto it = token.globalMatch(userQuery);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        const QString op = m.captured(1).toLower();
        QString value = m.capturedLength(3) > 0 || m.captured(2).startsWith(QLatin1Char('"')) ? m.captured(3)
                                                                                                : m.captured(2);
        value = value.trimmed();
        if (op == QLatin1String("from") && !value.isEmpty()) {
            filter.from.append(value);
        } else if (op == QLatin1String("to") && !value.isEmpty()) {
            filter.to.append(value);
        } else if (op == QLatin1String("subject") && !value.isEmpty()) {
            filter.subject.append(value);
        } else if (op == QLatin1String("has") && value.compare(QLatin1String("attachment"), Qt::CaseInsensitive) == 0) {
            filter.hasAttachment = true;
        } else if (op == QLatin1String("is") && value.compare(QLatin1String("unread"), Qt::CaseInsensitive) == 0) {
            filter.unread = true;
        } else if (op == QLatin1String("is") && value.compare(QLatin1String("flagged"), Qt::CaseInsensitive) == 0) {
            filter.flagged = true;
        } else {
            rest.append(m.captured(0));
        }
    }
    filter.text = rest.join(QLatin1Char(' '));
    return filter;
}

} // namespace Petrel::Store
