#include "imap/ImapSequenceSet.h"

#include <algorithm>

namespace Petrel::Imap {

namespace {

std::optional<quint32> parseValue(const QByteArray &text)
{
    if (text == "*")
        return ImapSequenceSet::Star;
    if (text.isEmpty() || text.size() > 10)
        return std::nullopt;
    quint64 value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
        value = value * 10 + quint64(c - '0');
    }
    if (value == 0 || value > 0xffffffffULL)
        return std::nullopt;
    return quint32(value);
}

} // namespace

std::optional<ImapSequenceSet> ImapSequenceSet::parse(const QByteArray &text, int maxRanges)
{
    if (text.isEmpty())
        return std::nullopt;
    ImapSequenceSet set;
    QList<Range> raw;
    qsizetype start = 0;
    while (start <= text.size()) {
        qsizetype end = text.indexOf(',', start);
        if (end < 0)
            end = text.size();
        const QByteArray part = text.mid(start, end - start);
        const qsizetype colon = part.indexOf(':');
        std::optional<quint32> first;
        std::optional<quint32> last;
        if (colon < 0) {
            first = last = parseValue(part);
        } else {
            first = parseValue(part.left(colon));
            last = parseValue(part.mid(colon + 1));
        }
        if (!first || !last)
            return std::nullopt;
        if (raw.size() >= maxRanges)
            return std::nullopt;
        raw.append({std::min(*first, *last), std::max(*first, *last)});
        start = end + 1;
    }
    // Sort once and merge, so a long unsorted list stays O(n log n).
    std::sort(raw.begin(), raw.end(), [](const Range &a, const Range &b) { return a.first < b.first; });
    for (const Range &r : raw)
        set.insert(r.first, r.last);
    return set;
}

ImapSequenceSet ImapSequenceSet::fromValues(QList<quint32> values)
{
    std::sort(values.begin(), values.end());
    ImapSequenceSet set;
    for (const quint32 v : values) {
        if (v != 0)
            set.insert(v, v);
    }
    return set;
}

void ImapSequenceSet::insert(quint32 first, quint32 last)
{
    if (first > last)
        std::swap(first, last);
    if (first == 0)
        first = 1; // zero is no valid UID or sequence number
    if (last == 0)
        return;
    // Fast path for ascending inserts: extend or append at the end.
    if (m_ranges.isEmpty() || quint64(m_ranges.last().last) + 1 < first) {
        if (m_ranges.isEmpty() || m_ranges.last().first < first) {
            m_ranges.append({first, last});
            return;
        }
    }
    auto it = std::lower_bound(m_ranges.begin(), m_ranges.end(), first,
                               [](const Range &r, quint32 v) { return quint64(r.last) + 1 < v; });
    auto end = it;
    quint32 newFirst = first;
    quint32 newLast = last;
    while (end != m_ranges.end() && quint64(end->first) <= quint64(last) + 1) {
        newFirst = std::min(newFirst, end->first);
        newLast = std::max(newLast, end->last);
        ++end;
    }
    const qsizetype index = it - m_ranges.begin();
    m_ranges.erase(it, end);
    m_ranges.insert(index, {newFirst, newLast});
}

void ImapSequenceSet::insert(const ImapSequenceSet &other)
{
    for (const Range &r : other.m_ranges)
        insert(r.first, r.last);
}

bool ImapSequenceSet::contains(quint32 value) const
{
    auto it = std::lower_bound(m_ranges.begin(), m_ranges.end(), value,
                               [](const Range &r, quint32 v) { return r.last < v; });
    return it != m_ranges.end() && it->first <= value;
}

quint64 ImapSequenceSet::count() const
{
    quint64 total = 0;
    for (const Range &r : m_ranges)
        total += quint64(r.last) - r.first + 1;
    return total;
}

QByteArray ImapSequenceSet::toString() const
{
    QByteArray out;
    const auto value = [](quint32 v) { return v == Star ? QByteArray("*") : QByteArray::number(v); };
    for (const Range &r : m_ranges) {
        if (!out.isEmpty())
            out += ',';
        out += value(r.first);
        if (r.last != r.first) {
            out += ':';
            out += value(r.last);
        }
    }
    return out;
}

} // namespace Petrel::Imap
