#include "SearchBench.h"

#include "BenchTable.h"

#include "store/MessageListQuery.h"
#include "store/SearchFilter.h"
#include "store/StoreReader.h"

#include <QElapsedTimer>
#include <QStringList>

#include <algorithm>

namespace Petrel::Bench {

namespace {

// Words of tests/servers/seed/petrel_seed/corpus.py: common ones, rare ones and names.
QStringList queries()
{
    return {QStringLiteral("the"),
            QStringLiteral("meeting"),
            QStringLiteral("umbrella"),
            QStringLiteral("printer"),
            QStringLiteral("linker flags"),
            QStringLiteral("quarterly report"),
            QStringLiteral("\"long weekend\""),
            QStringLiteral("birthday"),
            QStringLiteral("from:alice"),
            QStringLiteral("from:priya"),
            QStringLiteral("to:bob"),
            QStringLiteral("subject:report"),
            QStringLiteral("has:attachment"),
            QStringLiteral("has:attachment invoice"),
            QStringLiteral("from:grete budget"),
            QStringLiteral("is:unread contract"),
            QStringLiteral("Müller"),
            QStringLiteral("Петров"),
            QStringLiteral("from:jose has:attachment slides"),
            QStringLiteral("warehouse shipment monday")};
}

} // namespace

void searchItems(const QString &dbPath, const QString &label, BenchTable &table, QStringList *perQuery)
{
    Store::StoreReader reader(dbPath);
    Store::MessageListQuery all; // every folder: a search of all mail
    const int messages = reader.messageListCount(all);
    QList<QPair<double, QString>> times;
    int hits = 0;
    for (const QString &q : queries()) {
        Store::MessageListQuery query;
        query.filter = Store::parseSearchFilter(q);
        QElapsedTimer t;
        t.start();
        // Counted up to the message list's cap, as the list does (MessageListModel).
        const int count = reader.messageListCount(query, Store::MessageListCount::ListCap).count;
        const auto page = reader.messageList(query, 0, 200);
        times << qMakePair(t.nsecsElapsed() / 1e9, q);
        hits += count;
        if (perQuery)
            *perQuery << QStringLiteral("%1 | %2 ms | count %3 | %4 rows")
                             .arg(q, -34)
                             .arg(times.last().first * 1000, 8, 'f', 1)
                             .arg(count, 7)
                             .arg(page.size());
    }
    std::sort(times.begin(), times.end());
    const double median = (times[times.size() / 2 - 1].first + times[times.size() / 2].first) / 2;
    BenchRow m;
    m.item = label + QStringLiteral(": median of %1").arg(times.size());
    m.count = messages;
    m.petrel = median;
    m.target = QStringLiteral("< 20 ms");
    m.met = median < 0.020;
    m.note = QStringLiteral("count + first 200 rows; %1 hits in all").arg(hits);
    table.add(m);
    BenchRow s;
    s.item = label + QStringLiteral(": slowest");
    s.count = messages;
    s.petrel = times.last().first;
    s.target = QStringLiteral("< 100 ms");
    s.met = s.petrel < 0.100;
    s.note = QStringLiteral("query: %1").arg(times.last().second);
    table.add(s);
}

} // namespace Petrel::Bench
