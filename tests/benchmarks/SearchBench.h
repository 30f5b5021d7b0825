#pragma once

#include <QString>

namespace Petrel::Bench {

class BenchTable;

// Item 7: twenty searches typed as a user would (common and rare words, two-word "phrases",
// from:, has:attachment, combinations), each run the way the message list runs it (count plus
// the first page of 200), over every folder of the store at dbPath. Adds a median and a slowest row.
void searchItems(const QString &dbPath, const QString &label, BenchTable &table);

} // namespace Petrel::Bench
