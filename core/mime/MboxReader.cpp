#include "mime/MboxReader.h"

#include <QLocale>
#include <QRegularExpression>

namespace Petrel::Mime {

namespace {

constexpr qint64 maxLineChunk = 64 * 1024;

bool isBlank(const QByteArray &line)
{
    return line == "\n" || line == "\r\n";
}

bool isFromLine(const QByteArray &line)
{
    return line.startsWith("From ");
}

// ">From " → "From ", ">>From " → ">From " (mboxrd); the line must start with '>'.
QByteArray unescaped(const QByteArray &line)
{
    qsizetype i = 0;
    while (i < line.size() && line.at(i) == '>')
        ++i;
    if (i > 0 && line.mid(i, 5) == "From ")
        return line.mid(1);
    return line;
}

qint64 contentLength(const QByteArray &headers)
{
    static const QRegularExpression re(QStringLiteral("(?:^|\\n)content-length:[ \\t]*(\\d{1,12})[ \\t]*\\r?\\n"),
                                       QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = re.match(QString::fromLatin1(headers));
    return match.hasMatch() ? match.captured(1).toLongLong() : -1;
}

} // namespace

MboxReader::MboxReader(const QString &path)
    : m_path(path)
    , m_file(path)
{
}

QDateTime MboxReader::dateFromFromLine(const QByteArray &line)
{
    const QStringList tokens = QString::fromLatin1(line.trimmed()).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    // "From" sender weekday month day time year [zone]. The weekday is skipped, not checked:
    // writers get it wrong, and Qt refuses a date whose weekday does not match.
    for (int start = 2; start + 5 <= tokens.size() && start <= 3; ++start) {
        const QString text = tokens.mid(start + 1, 4).join(QLatin1Char(' '));
        for (const QString &format : {QStringLiteral("MMM d HH:mm:ss yyyy"), QStringLiteral("MMM d HH:mm yyyy")}) {
            QDateTime date = QLocale::c().toDateTime(text, format);
            if (date.isValid()) {
                date.setTimeSpec(Qt::UTC);
                return date;
            }
        }
    }
    return {};
}

quint32 MboxReader::flagsFromHeaders(const QByteArray &headers)
{
    quint32 flags = 0;
    for (const QByteArray &line : headers.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || line.startsWith(' ') || line.startsWith('\t'))
            continue;
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "status") {
            if (value.contains('R'))
                flags |= SourceMessage::Seen;
        } else if (name == "x-status") {
            if (value.contains('A'))
                flags |= SourceMessage::Answered;
            if (value.contains('F'))
                flags |= SourceMessage::Flagged;
            if (value.contains('D'))
                flags |= SourceMessage::Deleted;
            if (value.contains('T'))
                flags |= SourceMessage::Draft;
        } else if (name == "x-mozilla-status") {
            bool ok = false;
            const uint bits = value.toUInt(&ok, 16);
            if (!ok)
                continue;
            if (bits & 0x0001)
                flags |= SourceMessage::Seen;
            if (bits & 0x0002)
                flags |= SourceMessage::Answered;
            if (bits & 0x0004)
                flags |= SourceMessage::Flagged;
            if (bits & 0x0008)
                flags |= SourceMessage::Deleted;
        }
    }
    return flags;
}

QByteArray MboxReader::readLine()
{
    if (!m_peeked.isNull()) {
        QByteArray line = m_peeked;
        m_peeked = QByteArray();
        return line;
    }
    return m_file.readLine(maxLineChunk);
}

bool MboxReader::open()
{
    m_opened = true;
    if (!m_file.open(QIODevice::ReadOnly)) {
        setErrorString(QStringLiteral("%1: %2").arg(m_path, m_file.errorString()));
        return false;
    }
    skipBlankLines();
    QByteArray first = readLine();
    if (!isFromLine(first)) {
        setErrorString(QStringLiteral("%1: not an mbox file (no \"From \" line at the start)").arg(m_path));
        return false;
    }
    m_fromLine = first;
    return true;
}

void MboxReader::skipBlankLines()
{
    for (;;) {
        QByteArray line = readLine();
        if (line.isEmpty())
            return;
        if (!isBlank(line)) {
            m_peeked = line;
            return;
        }
    }
}

// Takes exactly Content-Length bytes when they end at a From_ line or the end of the file.
bool MboxReader::bodyByContentLength(const QByteArray &headers, QByteArray *body)
{
    const qint64 length = contentLength(headers);
    const qint64 bodyStart = m_file.pos();
    if (length < 0 || !m_peeked.isNull() || bodyStart + length > m_file.size())
        return false;
    if (!m_file.seek(bodyStart + length))
        return false;
    QByteArray after = m_file.peek(7);
    if (after.startsWith("\r\n"))
        after = after.mid(2);
    else if (after.startsWith("\n"))
        after = after.mid(1);
    const bool fits = after.isEmpty() || after.startsWith("From ") || bodyStart + length == m_file.size()
        || after.startsWith("\nFrom ") || after.startsWith("\r\nFrom");
    m_file.seek(bodyStart);
    if (!fits || length > maxMessageSize())
        return false;
    *body = m_file.read(length);
    return body->size() == length;
}

bool MboxReader::readMessage(SourceMessage &out, bool *skipped)
{
    const QByteArray fromLine = m_fromLine;
    m_fromLine.clear();
    ++m_index;
    QByteArray raw;
    bool tooLarge = false;
    auto append = [&](const QByteArray &line) {
        if (raw.size() + line.size() > maxMessageSize())
            tooLarge = true;
        else
            raw += line;
    };

    // Headers up to the empty line (or a From_ line in a message without body).
    bool previousBlank = false;
    bool headerLineStart = true; // a header longer than one read chunk continues mid-line
    for (;;) {
        const QByteArray line = readLine();
        if (line.isEmpty())
            break;
        if (headerLineStart && isFromLine(line)) {
            m_fromLine = line;
            break;
        }
        append(line);
        if (headerLineStart && isBlank(line)) {
            previousBlank = true;
            break;
        }
        headerLineStart = line.endsWith('\n');
    }

    const quint32 flags = flagsFromHeaders(raw);
    QByteArray body;
    if (previousBlank && m_fromLine.isEmpty() && bodyByContentLength(raw, &body)) {
        raw += body;
        skipBlankLines();
        const QByteArray next = readLine();
        if (isFromLine(next))
            m_fromLine = next;
        else if (!next.isEmpty())
            m_peeked = next;
    } else if (m_fromLine.isEmpty()) {
        bool lineStart = true;
        for (;;) {
            const QByteArray line = readLine();
            if (line.isEmpty())
                break;
            if (lineStart && isFromLine(line)) {
                m_fromLine = line;
                break;
            }
            append(lineStart && line.startsWith('>') ? unescaped(line) : line);
            lineStart = line.endsWith('\n');
        }
        // The empty line before the next From_ line separates messages; it is not content.
        if (!m_fromLine.isEmpty() && !tooLarge) {
            if (raw.endsWith("\r\n\r\n"))
                raw.chop(2);
            else if (raw.endsWith("\n\n"))
                raw.chop(1);
        }
    }

    const QString origin = m_path + QLatin1Char('#') + QString::number(m_index);
    if (tooLarge) {
        addWarning(QStringLiteral("%1: skipped, larger than %2 bytes").arg(origin).arg(maxMessageSize()));
        *skipped = true;
        return true;
    }
    out = SourceMessage();
    out.raw = raw;
    out.origin = origin;
    out.receivedDate = dateFromFromLine(fromLine);
    out.flags = flags;
    *skipped = false;
    return true;
}

bool MboxReader::next(SourceMessage &out)
{
    if (!m_opened && !open())
        return false;
    while (!m_fromLine.isEmpty()) {
        bool skipped = false;
        if (!readMessage(out, &skipped))
            return false;
        if (!skipped)
            return true;
    }
    if (m_file.error() != QFileDevice::NoError && errorString().isEmpty())
        setErrorString(QStringLiteral("%1: %2").arg(m_path, m_file.errorString()));
    return false;
}

} // namespace Petrel::Mime
