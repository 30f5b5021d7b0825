#pragma once

#include <QByteArray>
#include <QList>

namespace Petrel::Store {

// Many ids (or UIDs) bound as one JSON array, for "... IN (SELECT value FROM json_each(?n))": one
// statement changes all their rows. A statement per row made each FTS5 delete trigger flush a
// segment of its own (MessageInserter.h explains the flush): 1,000 expunges took 0.47 s that way
// and 0.07 s as one statement (10,000 messages, SQL replay).
constexpr qsizetype JsonIdListChunk = 10000; // ids per statement: about 70 KB of JSON

template<typename T>
QByteArray jsonIdList(const QList<T> &ids, qsizetype from, qsizetype count)
{
    QByteArray json;
    json.reserve(count * 8 + 2);
    json += '[';
    const qsizetype end = qMin(ids.size(), from + count);
    for (qsizetype i = from; i < end; ++i) {
        if (i > from)
            json += ',';
        json += QByteArray::number(ids.at(i));
    }
    json += ']';
    return json;
}

} // namespace Petrel::Store
