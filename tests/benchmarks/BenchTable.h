#pragma once

#include <QList>
#include <QString>

namespace Petrel::Bench {

// One row of the results: Petrel's figure next to the reference measured in the same run.
struct BenchRow
{
    QString item;        // "1 initial sync"
    qint64 count = 0;    // messages (or queries) the row covers
    double petrel = -1;  // seconds (or a size, see unit); negative: not measured
    double reference = -1;
    QString unit = QStringLiteral("s");
    QString target;      // "<= 1.3x ref", "< 0.3 s"
    bool met = false;
    QString note;
};

class BenchTable
{
public:
    void add(const BenchRow &row) { m_rows << row; }
    // A row that could not be measured, with the reason (the table still shows it).
    void addFailed(const QString &item, const QString &why);
    QString format() const; // aligned text with a header line, one line per row
    bool anyFailed() const;

private:
    QList<BenchRow> m_rows;
};

} // namespace Petrel::Bench
