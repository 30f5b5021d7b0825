#pragma once

#include <QString>
#include <QStringList>

namespace Petrel::Bench {

class BenchTable;

// Item 7: twenty searches typed as a user would (common and rare words, two-word "phrases",
// from:, has:attachment, combinations), each run the way the message list runs it (count plus
// the first page of 200), over every folder of the store at dbPath. Adds a median and a slowest row.
// With perQuery, also one line per query (time, count, rows) for profiling.
void searchItems(const QString &dbPath, const QString &label, BenchTable &table, QStringList *perQuery = nullptr);

} // namespace Petrel::Bench
