#include "mime/MessageParser.h"

#include "mime/EnvelopeReader.h"
#include "mime/GMimeDocument.h"
#include "mime/PartWalker.h"

#include <exception>

namespace Petrel::Mime {

namespace {

// End of the header block (index of the blank line), or -1 when the message has no body.
qsizetype headerEnd(const QByteArray &raw)
{
    qsizetype pos = 0;
    while (pos < raw.size()) {
        const qsizetype eol = raw.indexOf('\n', pos);
        if (eol < 0)
            return -1;
        const qsizetype lineLength = eol - pos;
        if (lineLength == 0 || (lineLength == 1 && raw.at(pos) == '\r'))
            return pos;
        pos = eol + 1;
    }
    return -1;
}

// Mail saved from an mbox often keeps its "From " envelope line, which is not a header.
// A UTF-8 byte order mark, written by some Windows tools, is dropped too.
QByteArray withoutFromLine(const QByteArray &input)
{
    const QByteArray raw = input.startsWith("\xEF\xBB\xBF") ? input.mid(3) : input;
    if (!raw.startsWith("From "))
        return raw;
    const qsizetype eol = raw.indexOf('\n');
    return eol < 0 ? QByteArray() : raw.mid(eol + 1);
}

bool looksLikeMail(const QByteArray &raw)
{
    // A message starts with a "Name:" header line.
    const qsizetype eol = raw.indexOf('\n');
    const QByteArray first = raw.left(eol < 0 ? raw.size() : eol);
    const qsizetype colon = first.indexOf(':');
    if (colon <= 0)
        return false;
    // Header name: printable ASCII; whitespace before the colon ("Subject : x") is tolerated.
    const QByteArray name = first.left(colon).trimmed();
    if (name.isEmpty())
        return false;
    for (const char c : name) {
        if (c <= ' ' || c >= 127)
            return false;
    }
    return true;
}

} // namespace

ParseResult MessageParser::parse(const QByteArray &input, const ParseLimits &limits)
{
    ParseResult result;
    try {
        const QByteArray raw = withoutFromLine(input);
        if (raw.trimmed().isEmpty()) {
            result.errorString = QStringLiteral("The message is empty.");
            return result;
        }
        if (!looksLikeMail(raw)) {
            result.errorString = QStringLiteral("The data does not start with a mail header.");
            return result;
        }
        Detail::GMimeDocument document(raw, limits.maxWarnings);
        if (!document.message()) {
            result.errorString = QStringLiteral("The data is not a mail message.");
            return result;
        }
        result.message = Detail::walkMessage(document.message(), document.options(), limits);
        result.message.warnings = document.warnings() + result.message.warnings;
    } catch (const std::exception &e) {
        result = ParseResult();
        result.errorString = QStringLiteral("Parsing failed: %1").arg(QString::fromUtf8(e.what()));
    } catch (...) {
        result = ParseResult();
        result.errorString = QStringLiteral("Parsing failed.");
    }
    return result;
}

std::optional<QByteArray> MessageParser::partContent(const QByteArray &raw, const QString &partPath)
{
    try {
        if (raw.isEmpty() || partPath.isEmpty())
            return std::nullopt;
        Detail::GMimeDocument document(withoutFromLine(raw), 0);
        GMimeObject *part = Detail::findPart(document.message(), partPath);
        if (!part)
            return std::nullopt;
        return Detail::partBytes(part);
    } catch (...) {
        return std::nullopt;
    }
}

Envelope MessageParser::parseHeadersOnly(const QByteArray &raw)
{
    try {
        const QByteArray message = withoutFromLine(raw);
        const qsizetype end = headerEnd(message);
        QByteArray headers = end < 0 ? message : message.left(end);
        if (!looksLikeMail(headers))
            return {};
        if (!headers.endsWith('\n'))
            headers += '\n';
        headers += '\n';
        Detail::GMimeDocument document(headers, 0);
        return Detail::readEnvelope(document.message(), document.options());
    } catch (...) {
        return {};
    }
}

} // namespace Petrel::Mime
