#include "store/SearchQuery.h"

#include <QRegularExpression>
#include <QStringList>

namespace Petrel::Store {

namespace {
constexpr int MaxWords = 32; // a pasted essay must not become a giant query
constexpr int MaxWordLength = 128;
constexpr int MaxTrigrams = 32; // any subset of the trigrams still finds every match
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

QString trigramMatchExpression(const QString &column, const QString &value)
{
    // The trigram tokenizer counts code points, not UTF-16 units.
    const QList<uint> points = value.toUcs4();
    QStringList terms;
    for (qsizetype i = 0; i + 3 <= points.size() && terms.size() < MaxTrigrams; ++i) {
        QString trigram = QString::fromUcs4(reinterpret_cast<const char32_t *>(points.constData() + i), 3);
        // FTS5 reads the query as a C string: a trigram with a control character (NUL above all)
        // is left out; fewer trigrams only widen the candidates.
        bool control = false;
        for (const QChar c : std::as_const(trigram))
            control = control || c.category() == QChar::Other_Control;
        if (control)
            continue;
        trigram.replace(QLatin1Char('"'), QLatin1String("\"\""));
        terms.append(QLatin1Char('"') + trigram + QLatin1Char('"'));
    }
    if (terms.isEmpty())
        return {};
    // One-trigram strings only: the index keeps no positions (detail=column), so no phrases.
    return QLatin1Char('{') + column + QLatin1String("}: (") + terms.join(QLatin1Char(' ')) + QLatin1Char(')');
}

} // namespace Petrel::Store
