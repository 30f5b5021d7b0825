#include "store/SearchQuery.h"

#include <QRegularExpression>
#include <QStringList>

namespace Petrel::Store {

namespace {
constexpr int MaxWords = 32; // a pasted essay must not become a giant query
constexpr int MaxWordLength = 128;
} // namespace

QString ftsMatchExpression(const QString &userQuery)
{
    QStringList terms;
    // Control characters (NUL above all: FTS5 reads the query as a C string) become spaces.
    QString cleaned = userQuery;
    for (QChar &c : cleaned) {
        if (c.category() == QChar::Other_Control) {
            c = QLatin1Char(' ');
        }
    }
    const QStringList words = cleaned.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
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
