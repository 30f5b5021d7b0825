#include "store/SearchQuery.h"

#include <QRegularExpression>
#include <QStringList>

namespace Petrel::Store {

namespace {
constexpr int MaxWords = 32;       // a pasted essay must not become a giant query
constexpr int MaxWordLength = 128;
}

QString ftsMatchExpression(const QString &userQuery)
{
    QStringList terms;
    const QStringList words = userQuery.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
    for (const QString &word : words) {
        if (terms.size() >= MaxWords) {
            break;
        }
        bool hasWordCharacter = false;
        for (const QChar c : word) {
            if (c.isLetterOrNumber()) {
                hasWordCharacter = true;
                break;
            }
        }
        if (!hasWordCharacter) {
            continue;
        }
        QString quoted = word.left(MaxWordLength);
        quoted.replace(QLatin1Char('"'), QLatin1String("\"\""));
        terms.append(QLatin1Char('"') + quoted + QLatin1String("\"*"));
    }
    return terms.join(QLatin1Char(' '));
}

} // namespace Petrel::Store
