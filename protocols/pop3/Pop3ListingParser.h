#pragma once

#include "pop3/Pop3Listing.h"

#include <QList>
#include <QString>

#include <optional>

namespace Petrel::Pop3 {

// Parsers for STAT, LIST and UIDL replies. Each refuses garbage with a reason in *error rather
// than guessing: a wrong message number or unique id would make the archive fetch or delete the
// wrong message.
class Pop3ListingParser
{
public:
    // "+OK count size" text (after "+OK ").
    static std::optional<Pop3Stat> parseStat(const QByteArray &text, QString *error = nullptr);
    // One scan listing "n size [ignored]": a LIST line, or the text of "LIST n".
    static std::optional<Pop3ScanListing> parseScanListing(const QByteArray &line, QString *error = nullptr);
    // LIST data; message numbers must be unique.
    static std::optional<QList<Pop3ScanListing>> parseScanListings(const QByteArray &data, QString *error = nullptr);
    // One "n uid" line, or the text of "UIDL n".
    static std::optional<Pop3UniqueId> parseUniqueId(const QByteArray &line, QString *error = nullptr);
    // UIDL data; message numbers and unique ids must be unique.
    static std::optional<QList<Pop3UniqueId>> parseUniqueIds(const QByteArray &data, QString *error = nullptr);

    // Decimal without sign or leading garbage, bounded so it cannot overflow.
    static std::optional<qint64> parseNumber(const QByteArray &digits, qint64 max);
    static bool isValidUid(const QByteArray &uid);
};

} // namespace Petrel::Pop3
