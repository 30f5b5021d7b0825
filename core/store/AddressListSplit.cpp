#include "store/AddressListSplit.h"

namespace Petrel::Store {

QStringList splitAddressList(const QString &text, const QString &separators)
{
    QStringList entries;
    QString current;
    bool quoted = false;
    bool angle = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('\\') && quoted && i + 1 < text.size()) {
            current += c;
            current += text.at(++i);
            continue;
        }
        if (c == QLatin1Char('"') && !angle)
            quoted = !quoted;
        else if (c == QLatin1Char('<') && !quoted)
            angle = true;
        else if (c == QLatin1Char('>') && !quoted)
            angle = false;
        if (separators.contains(c) && !quoted && !angle) {
            entries << current.trimmed();
            current.clear();
            continue;
        }
        current += c;
    }
    entries << current.trimmed();
    entries.removeAll(QString());
    return entries;
}

} // namespace Petrel::Store
