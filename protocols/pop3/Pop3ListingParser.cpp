#include "pop3/Pop3ListingParser.h"

#include <QByteArrayList>
#include <QSet>

#include <limits>

namespace Petrel::Pop3 {

namespace {

constexpr qint64 maxMessageNumber = std::numeric_limits<quint32>::max();
constexpr qint64 maxSize = std::numeric_limits<qint64>::max();

template<typename T>
std::optional<T> refuse(QString *error, const QString &why)
{
    if (error)
        *error = why;
    return std::nullopt;
}

QByteArrayList dataLines(const QByteArray &data)
{
    QByteArrayList lines = data.split('\n');
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    for (QByteArray &line : lines) {
        if (line.endsWith('\r'))
            line.chop(1);
    }
    return lines;
}

// "first second[ rest]" with exactly one space between the first two words.
bool splitTwo(const QByteArray &line, QByteArray *first, QByteArray *second, QByteArray *rest)
{
    const qsizetype space = line.indexOf(' ');
    if (space <= 0)
        return false;
    *first = line.left(space);
    const qsizetype next = line.indexOf(' ', space + 1);
    *second = next < 0 ? line.mid(space + 1) : line.mid(space + 1, next - space - 1);
    *rest = next < 0 ? QByteArray() : line.mid(next + 1);
    return !second->isEmpty();
}

} // namespace

std::optional<qint64> Pop3ListingParser::parseNumber(const QByteArray &digits, qint64 max)
{
    if (digits.isEmpty() || digits.size() > 19)
        return std::nullopt;
    qint64 value = 0;
    for (const char c : digits) {
        if (c < '0' || c > '9')
            return std::nullopt;
        const int digit = c - '0';
        if (value > (max - digit) / 10)
            return std::nullopt;
        value = value * 10 + digit;
    }
    return value;
}

bool Pop3ListingParser::isValidUid(const QByteArray &uid)
{
    if (uid.isEmpty() || uid.size() > 70)
        return false;
    for (const char c : uid) {
        if (c < 0x21 || c > 0x7e)
            return false;
    }
    return true;
}

std::optional<Pop3Stat> Pop3ListingParser::parseStat(const QByteArray &text, QString *error)
{
    QByteArray count, size, rest;
    if (!splitTwo(text, &count, &size, &rest))
        return refuse<Pop3Stat>(error, QStringLiteral("The STAT reply is not \"count size\"."));
    const auto n = parseNumber(count, maxMessageNumber);
    const auto octets = parseNumber(size, maxSize);
    if (!n || !octets)
        return refuse<Pop3Stat>(error, QStringLiteral("The STAT reply has an invalid number."));
    return Pop3Stat{quint32(*n), *octets};
}

std::optional<Pop3ScanListing> Pop3ListingParser::parseScanListing(const QByteArray &line, QString *error)
{
    QByteArray number, size, rest;
    if (!splitTwo(line, &number, &size, &rest))
        return refuse<Pop3ScanListing>(error, QStringLiteral("A LIST line is not \"number size\"."));
    const auto n = parseNumber(number, maxMessageNumber);
    const auto octets = parseNumber(size, maxSize);
    if (!n || *n == 0 || !octets)
        return refuse<Pop3ScanListing>(error, QStringLiteral("A LIST line has an invalid number."));
    return Pop3ScanListing{quint32(*n), *octets};
}

std::optional<QList<Pop3ScanListing>> Pop3ListingParser::parseScanListings(const QByteArray &data, QString *error)
{
    QList<Pop3ScanListing> listings;
    QSet<quint32> seen;
    for (const QByteArray &line : dataLines(data)) {
        const auto listing = parseScanListing(line, error);
        if (!listing)
            return std::nullopt;
        if (seen.contains(listing->number))
            return refuse<QList<Pop3ScanListing>>(error, QStringLiteral("LIST names a message twice."));
        seen.insert(listing->number);
        listings.append(*listing);
    }
    return listings;
}

std::optional<Pop3UniqueId> Pop3ListingParser::parseUniqueId(const QByteArray &line, QString *error)
{
    QByteArray number, uid, rest;
    if (!splitTwo(line, &number, &uid, &rest) || !rest.isEmpty())
        return refuse<Pop3UniqueId>(error, QStringLiteral("A UIDL line is not \"number unique-id\"."));
    const auto n = parseNumber(number, maxMessageNumber);
    if (!n || *n == 0)
        return refuse<Pop3UniqueId>(error, QStringLiteral("A UIDL line has an invalid message number."));
    if (!isValidUid(uid))
        return refuse<Pop3UniqueId>(error, QStringLiteral("A UIDL line has an invalid unique id."));
    return Pop3UniqueId{quint32(*n), uid};
}

std::optional<QList<Pop3UniqueId>> Pop3ListingParser::parseUniqueIds(const QByteArray &data, QString *error)
{
    QList<Pop3UniqueId> ids;
    QSet<quint32> numbers;
    QSet<QByteArray> uids;
    for (const QByteArray &line : dataLines(data)) {
        const auto id = parseUniqueId(line, error);
        if (!id)
            return std::nullopt;
        if (numbers.contains(id->number) || uids.contains(id->uid))
            return refuse<QList<Pop3UniqueId>>(error, QStringLiteral("UIDL names a message or a unique id twice."));
        numbers.insert(id->number);
        uids.insert(id->uid);
        ids.append(*id);
    }
    return ids;
}

} // namespace Petrel::Pop3
