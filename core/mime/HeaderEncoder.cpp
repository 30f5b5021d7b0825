#include "mime/HeaderEncoder.h"

#include <QLocale>
#include <QStringList>
#include <QUrl>

namespace Petrel::Mime::Detail {

namespace {

constexpr qsizetype maxLine = 78;
constexpr qsizetype maxPlainWord = 70;  // longer words are encoded so that they can be folded
constexpr qsizetype bytesPerWord = 39;  // 52 base64 characters: a 64-character encoded word

bool isPlainAscii(const QString &word)
{
    for (const QChar c : word) {
        const char16_t u = c.unicode();
        if ((u < 0x20 && u != '\t') || u > 0x7E)
            return false;
    }
    return true;
}

bool needsEncoding(const QString &word)
{
    return !isPlainAscii(word) || word.contains(QLatin1String("=?")) || word.size() > maxPlainWord;
}

// Whole characters per word: a decoder may convert each encoded word on its own.
QByteArray encodedWords(const QString &text)
{
    QList<QByteArray> words;
    QByteArray chunk;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const bool pair = text.at(i).isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate();
        const QByteArray bytes = text.mid(i, pair ? 2 : 1).toUtf8();
        if (pair)
            ++i;
        if (chunk.size() + bytes.size() > bytesPerWord) {
            words.append(chunk);
            chunk.clear();
        }
        chunk += bytes;
    }
    if (!chunk.isEmpty() || words.isEmpty())
        words.append(chunk);
    QByteArray out;
    for (const QByteArray &word : std::as_const(words)) {
        if (!out.isEmpty())
            out += ' ';
        out += "=?UTF-8?B?" + word.toBase64() + "?=";
    }
    return out;
}

bool isAtomText(const QString &text)
{
    static const QString specials = QStringLiteral("()<>[]:;@\\,.\"");
    for (const QChar c : text) {
        if (specials.contains(c))
            return false;
    }
    return !text.startsWith(QLatin1Char(' ')) && !text.endsWith(QLatin1Char(' ')) && !text.contains(QLatin1String("  "));
}

bool isLocalPartChar(QChar c)
{
    const char16_t u = c.unicode();
    if (u <= 0x20 || u >= 0x7F)
        return false;
    return !QStringLiteral("()<>[]:;@\\,\"").contains(c);
}

} // namespace

bool hasHeaderBreak(const QString &text)
{
    return text.contains(QLatin1Char('\r')) || text.contains(QLatin1Char('\n')) || text.contains(QChar(0));
}

QByteArray encodeUnstructured(const QString &text)
{
    const QStringList words = text.split(QLatin1Char(' '));
    QList<QByteArray> out;
    for (qsizetype i = 0; i < words.size();) {
        if (!needsEncoding(words.at(i))) {
            out.append(words.at(i).toLatin1());
            ++i;
            continue;
        }
        // Whitespace between two encoded words is dropped by decoders, so a run of words needing
        // encoding is encoded as one text, spaces included.
        qsizetype last = i;
        for (qsizetype j = i + 1; j < words.size() && (words.at(j).isEmpty() || needsEncoding(words.at(j))); ++j) {
            if (!words.at(j).isEmpty())
                last = j;
        }
        out.append(encodedWords(words.mid(i, last - i + 1).join(QLatin1Char(' '))));
        i = last + 1;
    }
    return out.join(' ');
}

QByteArray encodePhrase(const QString &name)
{
    if (!isPlainAscii(name) || name.contains(QLatin1String("=?")))
        return encodedWords(name);
    if (isAtomText(name))
        return name.toLatin1();
    QString quoted = name;
    quoted.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    quoted.replace(QLatin1Char('"'), QLatin1String("\\\""));
    return QByteArray('"' + quoted.toLatin1() + '"');
}

std::optional<QByteArray> normalizedAddress(const QString &input, QString *error)
{
    const QString address = input.trimmed();
    const qsizetype at = address.lastIndexOf(QLatin1Char('@'));
    const QString local = at < 0 ? QString() : address.left(at);
    const QString domain = at < 0 ? QString() : address.mid(at + 1);
    if (local.isEmpty() || domain.isEmpty()) {
        *error = QStringLiteral("\"%1\" is not a mail address.").arg(address);
        return std::nullopt;
    }
    for (const QChar c : local) {
        if (c.unicode() >= 0x80) {
            *error = QStringLiteral("\"%1\" has non-ASCII characters before the @, which needs SMTPUTF8 (not supported).").arg(address);
            return std::nullopt;
        }
        if (!isLocalPartChar(c)) {
            *error = QStringLiteral("\"%1\" is not a mail address.").arg(address);
            return std::nullopt;
        }
    }
    QByteArray ace;
    if (domain.startsWith(QLatin1Char('[')) && domain.endsWith(QLatin1Char(']'))) {
        ace = domain.toLatin1(); // an address literal: [127.0.0.1]
        for (const char c : ace.mid(1, ace.size() - 2)) {
            if (!(QChar::isLetterOrNumber(uchar(c)) || c == '.' || c == ':'))
                ace.clear();
        }
    } else {
        ace = QUrl::toAce(domain).toLower();
        for (const char c : std::as_const(ace)) {
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_'))
                ace.clear();
        }
        if (ace.startsWith('.') || ace.endsWith('.') || ace.contains(".."))
            ace.clear();
    }
    if (ace.isEmpty()) {
        *error = QStringLiteral("\"%1\" has an invalid domain.").arg(address);
        return std::nullopt;
    }
    return QByteArray(local.toLatin1() + '@' + ace);
}

QByteArray foldedField(const QByteArray &name, const QByteArray &value)
{
    const QByteArray line = name + ": " + value;
    QByteArray out;
    qsizetype start = 0;
    while (line.size() - start > maxLine) {
        // Break before the last space that keeps the line short; else before the next one.
        // Right after "Name:" only when nothing else fits (a long name and a long first word).
        qsizetype cut = line.lastIndexOf(' ', start + maxLine);
        if (cut <= start)
            cut = line.indexOf(' ', start + maxLine);
        if (cut < 0)
            break;
        // A continuation line of nothing but whitespace would be taken as the end of the header.
        qsizetype rest = cut;
        while (rest < line.size() && line.at(rest) == ' ')
            ++rest;
        if (rest == line.size())
            break;
        out += line.mid(start, cut - start) + "\r\n";
        start = cut;
    }
    out += line.mid(start) + "\r\n";
    return out;
}

QByteArray formatDate(const QDateTime &date)
{
    const int offset = date.offsetFromUtc();
    const int minutes = qAbs(offset) / 60;
    const QString zone = QStringLiteral("%1%2%3")
                             .arg(offset < 0 ? QLatin1Char('-') : QLatin1Char('+'))
                             .arg(minutes / 60, 2, 10, QLatin1Char('0'))
                             .arg(minutes % 60, 2, 10, QLatin1Char('0'));
    return QLocale::c().toString(date, QStringLiteral("ddd, dd MMM yyyy hh:mm:ss ")).toLatin1() + zone.toLatin1();
}

} // namespace Petrel::Mime::Detail
