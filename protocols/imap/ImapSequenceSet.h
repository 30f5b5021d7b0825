#pragma once

#include <QByteArray>
#include <QList>

#include <optional>

namespace Petrel::Imap {

// A set of UIDs or sequence numbers kept as sorted, merged ranges: "1:4294967295" costs one range,
// never four billion entries. '*' (the largest value in use) is stored as Star, the top of the range.
class ImapSequenceSet
{
public:
    static constexpr quint32 Star = 0xffffffffu;

    struct Range
    {
        quint32 first = 0;
        quint32 last = 0;
        bool operator==(const Range &) const = default;
    };

    ImapSequenceSet() = default;
    explicit ImapSequenceSet(quint32 value) { insert(value, value); }
    ImapSequenceSet(quint32 first, quint32 last) { insert(first, last); }

    // Parses "1:5,7,9:*", "*", "5:1" (reversed ranges are normalised). nullopt on bad syntax, zero
    // values or more than maxRanges ranges.
    static std::optional<ImapSequenceSet> parse(const QByteArray &text, int maxRanges = 1000000);
    // From ascending values (unsorted input is sorted first); consecutive values become ranges.
    static ImapSequenceSet fromValues(QList<quint32> values);

    void insert(quint32 first, quint32 last);
    void insert(quint32 value) { insert(value, value); }
    void insert(const ImapSequenceSet &other);

    bool isEmpty() const { return m_ranges.isEmpty(); }
    bool contains(quint32 value) const;
    // Number of values, '*' counted as the value Star; at most 2^32, so it cannot overflow.
    quint64 count() const;
    const QList<Range> &ranges() const { return m_ranges; }
    // "1:5,7,9:*": the IMAP wire form, empty for an empty set.
    QByteArray toString() const;

    bool operator==(const ImapSequenceSet &) const = default;

private:
    QList<Range> m_ranges; // sorted, disjoint, non-adjacent
};

} // namespace Petrel::Imap
