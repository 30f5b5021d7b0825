#include "mime/HeaderText.h"

#include "mime/Charset.h"

#include <QRegularExpression>

namespace Petrel::Mime {

namespace {

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

QByteArray decodeQ(const QByteArray &text)
{
    QByteArray out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text.at(i);
        if (c == '_') {
            out += ' ';
        } else if (c == '=' && i + 2 < text.size() && hexValue(text.at(i + 1)) >= 0 && hexValue(text.at(i + 2)) >= 0) {
            out += char(hexValue(text.at(i + 1)) * 16 + hexValue(text.at(i + 2)));
            i += 2;
        } else {
            out += c;
        }
    }
    return out;
}

// One encoded word, decoded to bytes in its charset; false when it is not a valid encoded word.
bool decodeWord(const QByteArray &encoding, const QByteArray &text, QByteArray *bytes)
{
    if (encoding == "Q" || encoding == "q") {
        *bytes = decodeQ(text);
        return true;
    }
    const auto result = QByteArray::fromBase64Encoding(text, QByteArray::AbortOnBase64DecodingErrors);
    if (!result)
        return false;
    *bytes = result.decoded;
    return true;
}

bool isWhitespace(const QByteArray &text)
{
    for (const char c : text) {
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
            return false;
    }
    return true;
}

const QRegularExpression &encodedWord()
{
    static const QRegularExpression word(QStringLiteral("=\\?([^?\\s]{1,64})\\?([BbQq])\\?([^?]*)\\?="));
    return word;
}

} // namespace

QString decodeHeaderText(const QByteArray &raw)
{
    QByteArray value = raw;
    value.replace("\r\n", "");
    value.replace('\n', "");
    value = value.trimmed();

    const QRegularExpression &word = encodedWord();
    // Latin-1 maps bytes 1:1 to code units, so match offsets are byte offsets.
    const QString latin = QString::fromLatin1(value);

    QString out;
    QByteArray pendingBytes;   // decoded bytes of adjacent encoded words in pendingCharset
    QByteArray pendingCharset;
    auto flush = [&] {
        if (!pendingBytes.isEmpty())
            out += decodeCharset(pendingBytes, pendingCharset);
        pendingBytes.clear();
        pendingCharset.clear();
    };

    qsizetype pos = 0;
    bool previousWasWord = false;
    QRegularExpressionMatchIterator it = word.globalMatch(latin);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        const QByteArray gap = value.mid(pos, match.capturedStart() - pos);
        QByteArray charset = match.captured(1).toLatin1();
        charset = charset.left(charset.indexOf('*') < 0 ? charset.size() : charset.indexOf('*')); // RFC 2231 language
        QByteArray bytes;
        if (!decodeWord(match.captured(2).toLatin1(), match.captured(3).toLatin1(), &bytes)) {
            continue; // left in place: it becomes part of the next gap
        }
        // Whitespace between two encoded words is not part of the text (RFC 2047 section 6.2).
        if (!(previousWasWord && isWhitespace(gap))) {
            flush();
            out += decodeCharset(gap, QByteArray());
        }
        if (charset.compare(pendingCharset, Qt::CaseInsensitive) != 0)
            flush();
        pendingCharset = charset;
        pendingBytes += bytes;
        pos = match.capturedEnd();
        previousWasWord = true;
    }
    flush();
    out += decodeCharset(value.mid(pos), QByteArray());
    return out;
}


QByteArray joinEncodedWords(const QByteArray &raw)
{
    const QString latin = QString::fromLatin1(raw);
    QByteArray out;
    qsizetype copied = 0;        // raw[0, copied) is already in out
    qsizetype runStart = -1;     // start of the current run of joinable words
    qsizetype runEnd = -1;
    int runLength = 0;
    QByteArray runCharset;
    QByteArray runBytes;
    auto closeRun = [&] {
        if (runLength > 1) {
            out += raw.mid(copied, runStart - copied);
            out += "=?" + runCharset + "?B?" + runBytes.toBase64() + "?=";
            copied = runEnd;
        }
        runLength = 0;
        runBytes.clear();
    };
    QRegularExpressionMatchIterator it = encodedWord().globalMatch(latin);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        const QByteArray charset = match.captured(1).toLatin1();
        QByteArray bytes;
        if (!decodeWord(match.captured(2).toLatin1(), match.captured(3).toLatin1(), &bytes)) {
            closeRun();
            continue;
        }
        const bool adjacent = runLength > 0 && isWhitespace(raw.mid(runEnd, match.capturedStart() - runEnd))
            && charset.compare(runCharset, Qt::CaseInsensitive) == 0;
        if (!adjacent) {
            closeRun();
            runStart = match.capturedStart();
            runCharset = charset;
        }
        runBytes += bytes;
        runEnd = match.capturedEnd();
        ++runLength;
    }
    closeRun();
    out += raw.mid(copied);
    return out;
}

} // namespace Petrel::Mime
