#include "BenchTable.h"

#include <QStringList>

namespace Petrel::Bench {

namespace {

QString number(double v, const QString &unit)
{
    if (v < 0)
        return QStringLiteral("-");
    if (unit == QLatin1String("s"))
        return v < 0.1 ? QStringLiteral("%1 ms").arg(v * 1000, 0, 'f', 1) : QStringLiteral("%1 s").arg(v, 0, 'f', 3);
    return QStringLiteral("%1 %2").arg(v, 0, 'f', v < 10 ? 2 : 0).arg(unit);
}

} // namespace

void BenchTable::addFailed(const QString &item, const QString &why)
{
    BenchRow r;
    r.item = item;
    r.note = QStringLiteral("FAILED: ") + why;
    m_rows << r;
}

bool BenchTable::anyFailed() const
{
    for (const BenchRow &r : m_rows) {
        if (r.petrel < 0)
            return true;
    }
    return false;
}

QString BenchTable::format() const
{
    QList<QStringList> cells;
    cells << QStringList{QStringLiteral("item"),   QStringLiteral("N"),      QStringLiteral("Petrel"),
                         QStringLiteral("reference"), QStringLiteral("ratio"), QStringLiteral("target"),
                         QStringLiteral("met"),    QStringLiteral("note")};
    for (const BenchRow &r : m_rows) {
        const bool ratio = r.petrel >= 0 && r.reference > 0;
        cells << QStringList{r.item,
                             QString::number(r.count),
                             number(r.petrel, r.unit),
                             number(r.reference, r.unit),
                             ratio ? QStringLiteral("%1x").arg(r.petrel / r.reference, 0, 'f', 2) : QStringLiteral("-"),
                             r.target.isEmpty() ? QStringLiteral("-") : r.target,
                             r.petrel < 0 ? QStringLiteral("-") : (r.target.isEmpty() ? QStringLiteral("info")
                                                                   : r.met ? QStringLiteral("yes") : QStringLiteral("NO")),
                             r.note};
    }
    QList<int> widths(cells.first().size(), 0);
    for (const QStringList &row : cells) {
        for (int i = 0; i < row.size(); ++i)
            widths[i] = qMax(widths[i], int(row[i].size()));
    }
    QString out;
    for (const QStringList &row : cells) {
        QStringList padded;
        for (int i = 0; i < row.size(); ++i)
            padded << (i == row.size() - 1 ? row[i] : row[i].leftJustified(widths[i]));
        out += QStringLiteral("| ") + padded.join(QStringLiteral(" | ")) + QStringLiteral(" |\n");
        if (&row == &cells.first()) {
            QStringList rule;
            for (int w : widths)
                rule << QString(qMax(3, w), QLatin1Char('-'));
            out += QStringLiteral("| ") + rule.join(QStringLiteral(" | ")) + QStringLiteral(" |\n");
        }
    }
    return out;
}

} // namespace Petrel::Bench
