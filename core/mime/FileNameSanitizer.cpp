#include "mime/FileNameSanitizer.h"

#include <QStringList>

namespace Petrel::Mime {

namespace {

constexpr qsizetype maxChars = 150;
constexpr qsizetype maxUtf8Bytes = 240;
constexpr qsizetype maxExtensionChars = 16;

bool isDropped(char32_t c)
{
    return c < 0x20 || (c >= 0x7F && c <= 0x9F)          // control characters
        || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) // bidi overrides
        || c == 0x200E || c == 0x200F || c == 0xFEFF;
}

bool isReplaced(char32_t c)
{
    return c == '<' || c == '>' || c == ':' || c == '"' || c == '|' || c == '?' || c == '*';
}

bool isReservedDeviceName(const QString &name)
{
    const QString stem = name.section(QLatin1Char('.'), 0, 0).trimmed().toUpper();
    static const QStringList reserved = {QStringLiteral("CON"), QStringLiteral("PRN"),
                                         QStringLiteral("AUX"), QStringLiteral("NUL"),
                                         QStringLiteral("CONIN$"), QStringLiteral("CONOUT$")};
    if (reserved.contains(stem))
        return true;
    if (stem.size() != 4 || !(stem.startsWith(QLatin1String("COM")) || stem.startsWith(QLatin1String("LPT"))))
        return false;
    // Windows also reserves COM¹…COM³ and LPT¹…LPT³ (superscript digits).
    const QChar digit = stem.at(3);
    return (digit >= QLatin1Char('0') && digit <= QLatin1Char('9')) || digit == QChar(0xB9) || digit == QChar(0xB2)
        || digit == QChar(0xB3);
}

// Cuts to at most maxChars code units and maxUtf8Bytes bytes without splitting a surrogate pair.
QString truncated(const QString &text, qsizetype chars, qsizetype bytes)
{
    QString out;
    qsizetype usedBytes = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const bool pair = text.at(i).isHighSurrogate() && i + 1 < text.size();
        const QString piece = pair ? text.mid(i, 2) : text.mid(i, 1);
        const qsizetype pieceBytes = piece.toUtf8().size();
        if (out.size() + piece.size() > chars || usedBytes + pieceBytes > bytes)
            break;
        out += piece;
        usedBytes += pieceBytes;
        if (pair)
            ++i;
    }
    return out;
}

QString trimEnds(QString name)
{
    while (!name.isEmpty() && (name.front() == QLatin1Char('.') || name.front().isSpace()))
        name.remove(0, 1);
    while (!name.isEmpty() && (name.back() == QLatin1Char('.') || name.back().isSpace()))
        name.chop(1);
    return name;
}

} // namespace

QString sanitizeFileName(const QString &input)
{
    // Keep only the last path component, whichever separator the sender's system used.
    QString name = input;
    const qsizetype slash = qMax(name.lastIndexOf(QLatin1Char('/')), name.lastIndexOf(QLatin1Char('\\')));
    if (slash >= 0)
        name = name.mid(slash + 1);

    QString cleaned;
    cleaned.reserve(name.size());
    for (const char32_t c : name.toUcs4()) {
        if (isDropped(c) || (c >= 0xD800 && c <= 0xDFFF))
            continue;
        if (isReplaced(c)) {
            cleaned += QLatin1Char('_');
            continue;
        }
        cleaned += QString::fromUcs4(&c, 1);
    }
    cleaned.replace(QLatin1String(".."), QLatin1String("."));
    cleaned = trimEnds(cleaned.simplified());

    if (cleaned.size() > maxChars || cleaned.toUtf8().size() > maxUtf8Bytes) {
        const qsizetype dot = cleaned.lastIndexOf(QLatin1Char('.'));
        QString extension;
        if (dot > 0 && cleaned.size() - dot <= maxExtensionChars)
            extension = cleaned.mid(dot);
        const QString stem = cleaned.left(cleaned.size() - extension.size());
        cleaned = trimEnds(truncated(stem, maxChars - extension.size(), maxUtf8Bytes - extension.toUtf8().size()))
            + extension;
    }
    if (isReservedDeviceName(cleaned))
        cleaned.prepend(QLatin1Char('_'));
    if (cleaned.isEmpty() || cleaned.startsWith(QLatin1Char('.')))
        return QStringLiteral("attachment") + cleaned;
    return cleaned;
}

} // namespace Petrel::Mime
