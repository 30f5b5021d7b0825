#include "mime/HtmlText.h"

#include <QHash>

namespace Petrel::Mime {

namespace {

const QHash<QString, char32_t> &namedEntities()
{
    static const QHash<QString, char32_t> table = {
        {QStringLiteral("amp"), U'&'},      {QStringLiteral("lt"), U'<'},
        {QStringLiteral("gt"), U'>'},       {QStringLiteral("quot"), U'"'},
        {QStringLiteral("apos"), U'\''},    {QStringLiteral("nbsp"), U'\u00A0'},
        {QStringLiteral("copy"), U'\u00A9'}, {QStringLiteral("reg"), U'\u00AE'},
        {QStringLiteral("trade"), U'\u2122'}, {QStringLiteral("euro"), U'\u20AC'},
        {QStringLiteral("pound"), U'\u00A3'}, {QStringLiteral("yen"), U'\u00A5'},
        {QStringLiteral("cent"), U'\u00A2'}, {QStringLiteral("sect"), U'\u00A7'},
        {QStringLiteral("deg"), U'\u00B0'},  {QStringLiteral("middot"), U'\u00B7'},
        {QStringLiteral("laquo"), U'\u00AB'}, {QStringLiteral("raquo"), U'\u00BB'},
        {QStringLiteral("ndash"), U'\u2013'}, {QStringLiteral("mdash"), U'\u2014'},
        {QStringLiteral("lsquo"), U'\u2018'}, {QStringLiteral("rsquo"), U'\u2019'},
        {QStringLiteral("ldquo"), U'\u201C'}, {QStringLiteral("rdquo"), U'\u201D'},
        {QStringLiteral("bull"), U'\u2022'}, {QStringLiteral("hellip"), U'\u2026'},
        {QStringLiteral("auml"), U'\u00E4'}, {QStringLiteral("ouml"), U'\u00F6'},
        {QStringLiteral("uuml"), U'\u00FC'}, {QStringLiteral("Auml"), U'\u00C4'},
        {QStringLiteral("Ouml"), U'\u00D6'}, {QStringLiteral("Uuml"), U'\u00DC'},
        {QStringLiteral("szlig"), U'\u00DF'}, {QStringLiteral("eacute"), U'\u00E9'},
        {QStringLiteral("egrave"), U'\u00E8'}, {QStringLiteral("agrave"), U'\u00E0'},
        {QStringLiteral("ccedil"), U'\u00E7'}, {QStringLiteral("zwnj"), U'\u200C'},
        {QStringLiteral("shy"), U'\u00AD'},
    };
    return table;
}

bool isBlockTag(QStringView name)
{
    static const QStringList blocks = {
        QStringLiteral("p"), QStringLiteral("div"), QStringLiteral("br"), QStringLiteral("tr"),
        QStringLiteral("li"), QStringLiteral("h1"), QStringLiteral("h2"), QStringLiteral("h3"),
        QStringLiteral("h4"), QStringLiteral("h5"), QStringLiteral("h6"), QStringLiteral("table"),
        QStringLiteral("ul"), QStringLiteral("ol"), QStringLiteral("blockquote"),
        QStringLiteral("pre"), QStringLiteral("hr"), QStringLiteral("title"), QStringLiteral("dt"),
        QStringLiteral("dd")};
    for (const QString &b : blocks) {
        if (name.compare(b, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

// Tag name of the tag starting at html[pos] == '<', without '/' and attributes.
QStringView tagName(const QString &html, qsizetype pos, bool *closing)
{
    qsizetype i = pos + 1;
    *closing = i < html.size() && html.at(i) == QLatin1Char('/');
    if (*closing)
        ++i;
    const qsizetype start = i;
    while (i < html.size() && (html.at(i).isLetterOrNumber() || html.at(i) == QLatin1Char('-')))
        ++i;
    return QStringView(html).mid(start, i - start);
}

// Collapses HTML whitespace runs and trims lines; keeps at most one empty line in a row.
QString tidy(const QString &raw)
{
    QString out;
    out.reserve(raw.size());
    bool pendingSpace = false;
    int newlines = 0;
    for (const QChar c : raw) {
        if (c == QLatin1Char('\n')) {
            pendingSpace = false;
            if (newlines < 2 && !out.isEmpty())
                out += QLatin1Char('\n');
            ++newlines;
        } else if (c.isSpace() && c != QChar(0x00A0)) {
            pendingSpace = true;
        } else {
            if (pendingSpace && newlines == 0 && !out.isEmpty())
                out += QLatin1Char(' ');
            pendingSpace = false;
            newlines = 0;
            out += c == QChar(0x00A0) ? QChar(QLatin1Char(' ')) : c;
        }
    }
    while (out.endsWith(QLatin1Char('\n')))
        out.chop(1);
    return out;
}

} // namespace

QString decodeHtmlEntity(QStringView entity)
{
    if (entity.startsWith(QLatin1Char('#'))) {
        bool ok = false;
        const bool hex = entity.size() > 1 && (entity.at(1) == QLatin1Char('x') || entity.at(1) == QLatin1Char('X'));
        const uint code = hex ? entity.mid(2).toUInt(&ok, 16) : entity.mid(1).toUInt(&ok, 10);
        if (!ok || code == 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
            return ok ? QString(QChar(0xFFFD)) : QString();
        const char32_t c = code;
        return QString::fromUcs4(&c, 1);
    }
    const auto it = namedEntities().constFind(entity.toString());
    if (it == namedEntities().constEnd())
        return {};
    const char32_t c = it.value();
    return QString::fromUcs4(&c, 1);
}

QString htmlToText(const QString &html)
{
    QString raw;
    raw.reserve(html.size());
    qsizetype i = 0;
    const qsizetype n = html.size();
    while (i < n) {
        const QChar c = html.at(i);
        if (c == QLatin1Char('<')) {
            if (QStringView(html).mid(i, 4) == QLatin1String("<!--")) {
                const qsizetype end = html.indexOf(QLatin1String("-->"), i + 4);
                i = end < 0 ? n : end + 3;
                continue;
            }
            bool closing = false;
            const QStringView name = tagName(html, i, &closing);
            const QChar next = i + 1 < n ? html.at(i + 1) : QChar();
            if (name.isEmpty() && !closing && next != QLatin1Char('!') && next != QLatin1Char('?')) {
                raw += c; // a lone '<' in text
                ++i;
                continue;
            }
            const qsizetype close = html.indexOf(QLatin1Char('>'), i);
            if (close < 0)
                break; // unterminated tag: the rest is markup
            const bool skipContent = !closing
                && (name.compare(QLatin1String("script"), Qt::CaseInsensitive) == 0
                    || name.compare(QLatin1String("style"), Qt::CaseInsensitive) == 0
                    || name.compare(QLatin1String("head"), Qt::CaseInsensitive) == 0);
            if (skipContent) {
                const QString endTag = QStringLiteral("</") + name.toString();
                const qsizetype end = html.indexOf(endTag, close + 1, Qt::CaseInsensitive);
                const qsizetype endClose = end < 0 ? -1 : html.indexOf(QLatin1Char('>'), end);
                i = endClose < 0 ? n : endClose + 1;
                continue;
            }
            if (isBlockTag(name))
                raw += QLatin1Char('\n');
            else if (name.compare(QLatin1String("td"), Qt::CaseInsensitive) == 0 && !closing)
                raw += QLatin1Char(' ');
            i = close + 1;
        } else if (c == QLatin1Char('&')) {
            qsizetype end = i + 1;
            while (end < n && end - i < 12 && (html.at(end).isLetterOrNumber() || html.at(end) == QLatin1Char('#')))
                ++end;
            const QString decoded = decodeHtmlEntity(QStringView(html).mid(i + 1, end - i - 1));
            if (decoded.isEmpty()) {
                raw += c;
                ++i;
            } else {
                raw += decoded;
                i = (end < n && html.at(end) == QLatin1Char(';')) ? end + 1 : end;
            }
        } else {
            raw += c;
            ++i;
        }
    }
    return tidy(raw);
}

} // namespace Petrel::Mime
