#include "mime/FlowedText.h"

#include <QStringList>

namespace Petrel::Mime {

namespace {

const QString signatureSeparator = QStringLiteral("-- ");

// Splits ">> text", "> > text" and "text" into depth and text (one space after the marks dropped).
int quoteDepth(const QString &line, QString *rest)
{
    int depth = 0;
    qsizetype i = 0;
    while (i < line.size() && line.at(i) == QLatin1Char('>')) {
        ++depth;
        ++i;
        if (i + 1 < line.size() && line.at(i) == QLatin1Char(' ') && line.at(i + 1) == QLatin1Char('>'))
            ++i;
    }
    if (depth > 0 && i < line.size() && line.at(i) == QLatin1Char(' '))
        ++i;
    *rest = line.mid(i);
    return depth;
}

bool needsStuffing(const QString &piece)
{
    return piece.startsWith(QLatin1Char(' ')) || piece.startsWith(QLatin1Char('>'))
        || piece.startsWith(QLatin1String("From "));
}

QString prefixFor(int depth)
{
    return depth == 0 ? QString() : QString(QString(depth, QLatin1Char('>')) + QLatin1Char(' '));
}

void appendWrapped(QStringList *out, int depth, QString text, int width)
{
    const QString prefix = prefixFor(depth);
    // Room for the prefix and a possible stuffing space; never less than a useful line.
    const qsizetype room = qMax<qsizetype>(20, width - prefix.size() - 1);
    while (text.size() > room) {
        // Break after the last space that fits; a word longer than the line stays whole.
        qsizetype cut = text.lastIndexOf(QLatin1Char(' '), room - 1);
        if (cut <= 0)
            cut = text.indexOf(QLatin1Char(' '), room);
        if (cut <= 0 || cut + 1 >= text.size())
            break;
        const QString piece = text.left(cut + 1); // keeps the space: a soft break
        out->append(prefix + (depth == 0 && needsStuffing(piece) ? QStringLiteral(" ") : QString()) + piece);
        text = text.mid(cut + 1);
    }
    out->append(prefix + (depth == 0 && needsStuffing(text) ? QStringLiteral(" ") : QString()) + text);
}

} // namespace

QString encodeFlowed(const QString &input, int width)
{
    QString text = input;
    text.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    text.replace(QLatin1Char('\r'), QLatin1Char('\n'));
    QStringList out;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        if (line == signatureSeparator) {
            out.append(line);
            continue;
        }
        QString content;
        const int depth = quoteDepth(line, &content);
        while (content.endsWith(QLatin1Char(' ')))
            content.chop(1);
        if (depth == 0 && content == QLatin1String("--")) {
            out.append(content); // "--" alone must not gain the signature's space
            continue;
        }
        if (depth > 0 && content.isEmpty())
            out.append(QString(depth, QLatin1Char('>'))); // "> " would be a soft break
        else
            appendWrapped(&out, depth, content, width);
    }
    return out.join(QLatin1Char('\n'));
}

QString decodeFlowed(const QString &input)
{
    QString flowed = input;
    flowed.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    QStringList out;
    QString paragraph;
    int paragraphDepth = -1; // -1: no open paragraph
    const auto close = [&] {
        if (paragraphDepth > 0 && paragraph.isEmpty())
            out.append(QString(paragraphDepth, QLatin1Char('>')));
        else if (paragraphDepth >= 0)
            out.append(prefixFor(paragraphDepth) + paragraph);
        paragraph.clear();
        paragraphDepth = -1;
    };
    const QStringList lines = flowed.split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        int depth = 0;
        qsizetype i = 0;
        while (i < line.size() && line.at(i) == QLatin1Char('>')) {
            ++depth;
            ++i;
        }
        QString content = line.mid(i);
        if (content.startsWith(QLatin1Char(' ')))
            content.remove(0, 1); // stuffing, or the space after the quote marks
        const bool signature = content == signatureSeparator;
        if (paragraphDepth >= 0 && depth != paragraphDepth)
            close(); // a quote depth change ends a paragraph even after a soft break
        paragraphDepth = depth;
        paragraph += content;
        if (signature || !content.endsWith(QLatin1Char(' ')))
            close();
    }
    close();
    return out.join(QLatin1Char('\n'));
}

} // namespace Petrel::Mime
