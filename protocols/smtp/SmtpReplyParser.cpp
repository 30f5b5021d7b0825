#include "smtp/SmtpReplyParser.h"

namespace Petrel::Smtp {

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

} // namespace

void SmtpReplyParser::fail(const QString &why)
{
    if (m_error.isEmpty())
        m_error = why;
    m_partial.clear();
}

SmtpReply SmtpReplyParser::takeReply()
{
    return m_replies.isEmpty() ? SmtpReply{} : m_replies.dequeue();
}

void SmtpReplyParser::feed(QByteArrayView bytes)
{
    while (!bytes.isEmpty() && !hasError()) {
        const qsizetype lf = bytes.indexOf('\n');
        const QByteArrayView piece = lf < 0 ? bytes : bytes.first(lf);
        // +1: a CR that belongs to the terminator may still be in the partial line.
        if (m_partial.size() + piece.size() > qsizetype(m_limits.maxLineLength) + 1) {
            fail(QStringLiteral("The server sent a reply line longer than %1 bytes.")
                     .arg(m_limits.maxLineLength));
            return;
        }
        m_partial += piece;
        if (lf < 0)
            return;
        bytes = bytes.sliced(lf + 1);
        QByteArray line = std::exchange(m_partial, {});
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.size() > m_limits.maxLineLength) {
            fail(QStringLiteral("The server sent a reply line longer than %1 bytes.")
                     .arg(m_limits.maxLineLength));
            return;
        }
        parseLine(line);
    }
}

qsizetype SmtpReplyParser::enhancedCodeLength(QByteArrayView text, int code)
{
    // class "." subject "." detail: 1 digit, 1-3 digits, 1-3 digits (RFC 3463 section 2).
    if (text.size() < 5 || text.at(0) - '0' != code / 100 || text.at(1) != '.')
        return 0;
    qsizetype i = 2;
    for (int part = 0; part < 2; ++part) {
        const qsizetype start = i;
        while (i < text.size() && isDigit(text.at(i)) && i - start < 4)
            ++i;
        const qsizetype digits = i - start;
        if (digits < 1 || digits > 3)
            return 0;
        if (part == 0) {
            if (i >= text.size() || text.at(i) != '.')
                return 0;
            ++i;
        }
    }
    if (i < text.size() && text.at(i) != ' ')
        return 0;
    return i;
}

void SmtpReplyParser::parseLine(QByteArrayView line)
{
    if (line.size() < 3 || !isDigit(line.at(0)) || !isDigit(line.at(1)) || !isDigit(line.at(2))) {
        fail(QStringLiteral("The server sent a reply without a 3-digit code: \"%1\"")
                 .arg(QString::fromUtf8(line.first(qMin<qsizetype>(80, line.size())))));
        return;
    }
    const int code = (line.at(0) - '0') * 100 + (line.at(1) - '0') * 10 + (line.at(2) - '0');
    if (code < 200 || code > 599) {
        fail(QStringLiteral("The server sent a reply code out of range: %1").arg(code));
        return;
    }
    bool last = true;
    if (line.size() > 3) {
        if (line.at(3) == '-')
            last = false;
        else if (line.at(3) != ' ') {
            fail(QStringLiteral("The server sent a malformed reply line: \"%1\"")
                     .arg(QString::fromUtf8(line.first(qMin<qsizetype>(80, line.size())))));
            return;
        }
    }
    if (!m_current.lines.isEmpty() && code != m_current.code) {
        fail(QStringLiteral("The server mixed reply codes %1 and %2 in one reply.")
                 .arg(m_current.code)
                 .arg(code));
        return;
    }
    if (m_current.lines.size() >= m_limits.maxLinesPerReply) {
        fail(QStringLiteral("The server sent a reply of more than %1 lines.").arg(m_limits.maxLinesPerReply));
        return;
    }
    QByteArrayView text = line.size() > 4 ? line.sliced(4) : QByteArrayView();
    if (m_enhanced) {
        const qsizetype length = enhancedCodeLength(text, code);
        if (length > 0) {
            if (m_current.lines.isEmpty())
                m_current.enhancedCode = QString::fromLatin1(text.first(length));
            text = text.sliced(length);
            if (text.startsWith(' '))
                text = text.sliced(1);
        }
    }
    m_current.code = code;
    m_current.lines.append(text.toByteArray());
    if (last)
        m_replies.enqueue(std::exchange(m_current, {}));
}

} // namespace Petrel::Smtp
