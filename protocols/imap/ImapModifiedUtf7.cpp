#include "imap/ImapModifiedUtf7.h"

#include <QList>

namespace Petrel::Imap {

namespace {

const char Alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";

int sextet(char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == ',')
        return 63;
    return -1;
}

bool isDirect(char16_t c)
{
    return c >= 0x20 && c <= 0x7e;
}

void flushShift(QByteArray &out, const QList<char16_t> &units)
{
    quint32 bits = 0;
    int count = 0;
    out += '&';
    for (const char16_t u : units) {
        bits = (bits << 16) | u;
        count += 16;
        while (count >= 6) {
            count -= 6;
            out += Alphabet[(bits >> count) & 0x3f];
        }
    }
    if (count > 0)
        out += Alphabet[(bits << (6 - count)) & 0x3f];
    out += '-';
}

// Decodes one base64 run (between '&' and '-') into UTF-16 units; false when it is invalid.
bool decodeRun(const QByteArray &run, QString &out, QString &error)
{
    quint32 bits = 0;
    int count = 0;
    QString units;
    for (const char c : run) {
        const int v = sextet(c);
        if (v < 0) {
            error = QStringLiteral("invalid base64 character in shifted run");
            return false;
        }
        bits = (bits << 6) | quint32(v);
        count += 6;
        if (count >= 16) {
            count -= 16;
            units += QChar(char16_t((bits >> count) & 0xffff));
        }
    }
    if (count >= 6 || (bits & ((1u << count) - 1)) != 0) {
        error = QStringLiteral("non-zero or excess padding bits in shifted run");
        return false;
    }
    for (qsizetype i = 0; i < units.size(); ++i) {
        const QChar c = units.at(i);
        if (isDirect(c.unicode())) {
            error = QStringLiteral("printable ASCII encoded in a shifted run");
            return false;
        }
        if (c.isHighSurrogate()) {
            if (i + 1 >= units.size() || !units.at(i + 1).isLowSurrogate()) {
                error = QStringLiteral("unpaired surrogate");
                return false;
            }
            ++i;
        } else if (c.isLowSurrogate()) {
            error = QStringLiteral("unpaired surrogate");
            return false;
        }
    }
    out += units;
    return true;
}

} // namespace

QByteArray ImapModifiedUtf7::encode(const QString &text)
{
    QByteArray out;
    QList<char16_t> pending;
    for (const QChar qc : text) {
        const char16_t c = qc.unicode();
        if (isDirect(c)) {
            if (!pending.isEmpty()) {
                flushShift(out, pending);
                pending.clear();
            }
            out += char(c);
            if (c == '&')
                out += '-';
        } else {
            pending.append(c);
        }
    }
    if (!pending.isEmpty())
        flushShift(out, pending);
    return out;
}

std::optional<QString> ImapModifiedUtf7::decode(const QByteArray &bytes, QString *error)
{
    QString out;
    QString why;
    const auto fail = [&](const QString &message) -> std::optional<QString> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const char c = bytes.at(i);
        if (!isDirect(char16_t(uchar(c))))
            return fail(QStringLiteral("byte outside printable ASCII"));
        if (c != '&') {
            out += QLatin1Char(c);
            continue;
        }
        const qsizetype end = bytes.indexOf('-', i + 1);
        if (end < 0)
            return fail(QStringLiteral("unterminated '&' shift"));
        if (end == i + 1) {
            out += QLatin1Char('&');
        } else if (!decodeRun(bytes.mid(i + 1, end - i - 1), out, why)) {
            return fail(why);
        }
        i = end;
    }
    return out;
}

QString ImapModifiedUtf7::decodeLenient(const QByteArray &bytes)
{
    QString out;
    QString why;
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const char c = bytes.at(i);
        if (c != '&') {
            out += isDirect(char16_t(uchar(c))) ? QChar(QLatin1Char(c)) : QChar(QChar::ReplacementCharacter);
            continue;
        }
        qsizetype end = bytes.indexOf('-', i + 1);
        if (end < 0) {
            out += QChar(QChar::ReplacementCharacter);
            break;
        }
        if (end == i + 1)
            out += QLatin1Char('&');
        else if (!decodeRun(bytes.mid(i + 1, end - i - 1), out, why))
            out += QChar(QChar::ReplacementCharacter);
        i = end;
    }
    return out;
}

} // namespace Petrel::Imap
