#include "imap/ImapEnvelopeParser.h"

#include "imap/ImapTokenizer.h"

#include <QTimeZone>

namespace Petrel::Imap {

namespace {

const char *const Months[] = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                              "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};

int monthNumber(const QByteArray &name)
{
    const QByteArray upper = name.toUpper();
    for (int i = 0; i < 12; ++i) {
        if (upper == Months[i])
            return i + 1;
    }
    return 0;
}

// "+0100" / "-0700" / "GMT" / "UT" / "Z" to seconds east of UTC; nullopt if unknown.
std::optional<int> zoneOffset(const QByteArray &zone)
{
    if (zone.size() == 5 && (zone.at(0) == '+' || zone.at(0) == '-')) {
        bool ok = false;
        const int hhmm = zone.mid(1).toInt(&ok);
        if (!ok)
            return std::nullopt;
        const int seconds = (hhmm / 100) * 3600 + (hhmm % 100) * 60;
        return zone.at(0) == '-' ? -seconds : seconds;
    }
    const QByteArray upper = zone.toUpper();
    if (upper == "GMT" || upper == "UT" || upper == "UTC" || upper == "Z")
        return 0;
    if (upper == "EST")
        return -5 * 3600;
    if (upper == "EDT")
        return -4 * 3600;
    if (upper == "CST")
        return -6 * 3600;
    if (upper == "CDT")
        return -5 * 3600;
    if (upper == "MST")
        return -7 * 3600;
    if (upper == "MDT")
        return -6 * 3600;
    if (upper == "PST")
        return -8 * 3600;
    if (upper == "PDT")
        return -7 * 3600;
    return std::nullopt;
}

QDateTime build(int day, int month, int year, const QByteArray &time, const QByteArray &zone)
{
    const QList<QByteArray> hms = time.split(':');
    if (hms.size() < 2 || hms.size() > 3 || month == 0)
        return {};
    bool okH = false, okM = false, okS = true;
    const int h = hms.at(0).toInt(&okH);
    const int m = hms.at(1).toInt(&okM);
    const int s = hms.size() == 3 ? hms.at(2).toInt(&okS) : 0;
    const std::optional<int> offset = zoneOffset(zone);
    if (!okH || !okM || !okS || !offset)
        return {};
    if (year < 50)
        year += 2000;
    else if (year < 1000)
        year += 1900;
    const QDate date(year, month, day);
    const QTime clock(h, m, s == 60 ? 59 : s);
    if (!date.isValid() || !clock.isValid())
        return {};
    return QDateTime(date, clock, QTimeZone(*offset)).toUTC();
}

} // namespace

QDateTime ImapEnvelopeParser::parseMessageDate(const QByteArray &text)
{
    QByteArray s = text.simplified();
    const qsizetype comment = s.indexOf('(');
    if (comment >= 0)
        s = s.left(comment).trimmed();
    const qsizetype comma = s.indexOf(',');
    if (comma >= 0)
        s = s.mid(comma + 1).trimmed();
    const QList<QByteArray> parts = s.split(' ');
    if (parts.size() < 4)
        return {};
    bool ok = false;
    const int day = parts.at(0).toInt(&ok);
    if (!ok)
        return {};
    bool okYear = false;
    const int year = parts.at(2).toInt(&okYear);
    if (!okYear)
        return {};
    const QByteArray zone = parts.size() >= 5 ? parts.at(4) : QByteArray("+0000");
    return build(day, monthNumber(parts.at(1)), year, parts.at(3), zone);
}

QDateTime ImapEnvelopeParser::parseInternalDate(const QByteArray &text)
{
    const QList<QByteArray> parts = text.simplified().split(' ');
    if (parts.size() != 3)
        return {};
    const QList<QByteArray> dmy = parts.at(0).split('-');
    if (dmy.size() != 3)
        return {};
    bool okDay = false, okYear = false;
    const int day = dmy.at(0).toInt(&okDay);
    const int year = dmy.at(2).toInt(&okYear);
    if (!okDay || !okYear || year < 1000)
        return {};
    return build(day, monthNumber(dmy.at(1)), year, parts.at(1), parts.at(2));
}

std::optional<QByteArray> ImapEnvelopeParser::readNStringLenient(ImapTokenizer &tokens)
{
    const char c = tokens.peek();
    if (c == '"' || c == '{' || c == '~')
        return tokens.readString();
    if (tokens.consumeNil())
        return std::nullopt;
    return tokens.readAtom();
}

QList<ImapAddress> ImapEnvelopeParser::parseAddressList(ImapTokenizer &tokens, int depth)
{
    QList<ImapAddress> list;
    if (tokens.consumeNil())
        return list;
    tokens.checkDepth(depth);
    tokens.expect('(');
    while (!tokens.consumeIf(')')) {
        tokens.checkDepth(depth + 1);
        tokens.expect('(');
        ImapAddress a;
        a.name = readNStringLenient(tokens);
        tokens.expectSpace();
        a.adl = readNStringLenient(tokens);
        tokens.expectSpace();
        a.mailbox = readNStringLenient(tokens);
        tokens.expectSpace();
        a.host = readNStringLenient(tokens);
        tokens.expect(')');
        list.append(a);
        tokens.checkItems(list.size());
        while (tokens.consumeIf(' ')) {
        }
    }
    return list;
}

ImapEnvelope ImapEnvelopeParser::parse(ImapTokenizer &tokens, int depth)
{
    tokens.checkDepth(depth);
    tokens.expect('(');
    ImapEnvelope e;
    e.date = readNStringLenient(tokens);
    if (e.date)
        e.dateTime = parseMessageDate(*e.date);
    tokens.expectSpace();
    e.subject = readNStringLenient(tokens);
    QList<ImapAddress> *lists[] = {&e.from, &e.sender, &e.replyTo, &e.to, &e.cc, &e.bcc};
    for (QList<ImapAddress> *l : lists) {
        tokens.expectSpace();
        *l = parseAddressList(tokens, depth + 1);
    }
    tokens.expectSpace();
    e.inReplyTo = readNStringLenient(tokens);
    tokens.expectSpace();
    e.messageId = readNStringLenient(tokens);
    tokens.expect(')');
    return e;
}

} // namespace Petrel::Imap
