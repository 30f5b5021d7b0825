#include "store/StoreReader.h"

#include "store/AddressListSplit.h"
#include "store/Database.h"

#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace Petrel::Store {

namespace {

// Rows scanned per lookup: completion wants recent correspondents fast, not an exhaustive list.
constexpr int maxScannedMessages = 2000;

// The bare address of a display entry: what is inside <…>, else the entry itself.
QString addressOf(const QString &entry)
{
    const qsizetype open = entry.lastIndexOf(QLatin1Char('<'));
    const qsizetype close = entry.lastIndexOf(QLatin1Char('>'));
    if (open >= 0 && close > open)
        return entry.mid(open + 1, close - open - 1).trimmed();
    return entry.trimmed();
}

bool matches(const QString &entry, const QString &prefix)
{
    if (prefix.isEmpty())
        return true;
    if (addressOf(entry).startsWith(prefix, Qt::CaseInsensitive))
        return true;
    const qsizetype open = entry.lastIndexOf(QLatin1Char('<'));
    const QString name = open > 0 ? entry.left(open) : QString();
    static const QRegularExpression separators(QStringLiteral("[\\s\"',.()]+"));
    const QStringList words = name.split(separators, Qt::SkipEmptyParts);
    return std::any_of(words.cbegin(), words.cend(),
                       [&](const QString &word) { return word.startsWith(prefix, Qt::CaseInsensitive); });
}

QString likePattern(const QString &prefix)
{
    QString escaped = prefix;
    escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    escaped.replace(QLatin1Char('%'), QStringLiteral("\\%"));
    escaped.replace(QLatin1Char('_'), QStringLiteral("\\_"));
    return QString(QLatin1Char('%') + escaped + QLatin1Char('%'));
}

} // namespace

QStringList StoreReader::knownAddresses(const QString &prefix, int limit)
{
    QStringList found;
    if (limit <= 0)
        return found;
    const QString wanted = prefix.trimmed();
    Statement &s = m_db->cached(
        "SELECT from_display, from_address, to_addresses, cc_addresses FROM messages"
        " WHERE from_display LIKE ?1 ESCAPE '\\' OR from_address LIKE ?1 ESCAPE '\\'"
        " OR to_addresses LIKE ?1 ESCAPE '\\' OR cc_addresses LIKE ?1 ESCAPE '\\'"
        " ORDER BY date DESC, id DESC LIMIT ?2");
    s.bindText(1, likePattern(wanted)).bindInt64(2, maxScannedMessages);
    QSet<QString> seen;
    const auto consider = [&](const QString &entry) {
        const QString address = addressOf(entry);
        if (found.size() >= limit || !address.contains(QLatin1Char('@')) || !matches(entry, wanted))
            return;
        const QString key = address.toLower();
        if (seen.contains(key))
            return;
        seen.insert(key);
        found << entry;
    };
    while (s.step() && found.size() < limit) {
        const QString fromDisplay = s.columnText(0);
        const QString fromAddress = s.columnText(1);
        if (!fromAddress.isEmpty()) {
            const bool displayHasAddress = fromDisplay.contains(QLatin1Char('<'));
            if (displayHasAddress)
                consider(fromDisplay);
            else if (fromDisplay.isEmpty() || fromDisplay == fromAddress)
                consider(fromAddress);
            else
                consider(QString(fromDisplay + QStringLiteral(" <") + fromAddress + QLatin1Char('>')));
        }
        for (const QString &entry : splitAddressList(s.columnText(2)))
            consider(entry);
        for (const QString &entry : splitAddressList(s.columnText(3)))
            consider(entry);
    }
    s.reset();
    return found;
}

} // namespace Petrel::Store
