#include "imap/ImapResponseFramer.h"

#include <algorithm>
#include <cstring>

namespace Petrel::Imap {

void ImapResponseFramer::feed(const QByteArray &bytes)
{
    if (m_error)
        return;
    // Drop consumed input first, so the backlog never holds what was already framed.
    if (m_inputPos > 0 && m_inputPos >= m_input.size() / 2) {
        m_input.remove(0, m_inputPos);
        m_inputPos = 0;
    }
    m_input.append(bytes);
}

void ImapResponseFramer::fail(ImapParseError::Kind kind, const QString &message, qint64 offset)
{
    m_error = ImapParseError{kind, message, offset};
    m_input.clear();
    m_inputPos = 0;
    m_line.clear();
    m_current = {};
}

std::optional<qint64> ImapResponseFramer::literalAnnounced(const QByteArray &line) const
{
    // "... {123}" or "... {123+}" or "... ~{123}" at the very end of the line.
    if (!line.endsWith('}'))
        return std::nullopt;
    const qsizetype open = line.lastIndexOf('{');
    if (open < 0)
        return std::nullopt;
    qsizetype end = line.size() - 1;
    if (end > open + 1 && line.at(end - 1) == '+')
        --end;
    if (end == open + 1)
        return std::nullopt;
    qint64 value = 0;
    for (qsizetype i = open + 1; i < end; ++i) {
        const char c = line.at(i);
        if (c < '0' || c > '9')
            return std::nullopt;
        // Saturate: anything past the limit is refused the same way.
        constexpr qint64 Saturated = qint64(1) << 60;
        value = value >= Saturated / 10 ? Saturated : value * 10 + (c - '0');
    }
    return value;
}

// True when the literal announced at the end of line carries message data: the text before "{"
// ends in a FETCH item BODY[...]/BINARY[...] (with an optional <origin>) or RFC822[.HEADER|.TEXT].
bool ImapResponseFramer::isMessageLiteral(const QByteArray &line)
{
    QByteArray head = line.left(line.lastIndexOf('{'));
    while (head.endsWith(' ') || head.endsWith('~'))
        head.chop(1);
    head = head.toUpper();
    if (head.endsWith('>')) {
        const qsizetype open = head.lastIndexOf('<');
        if (open < 0)
            return false;
        head.truncate(open);
    }
    if (head.endsWith(']')) {
        const qsizetype open = head.lastIndexOf('[');
        if (open < 0)
            return false;
        head.truncate(open);
        return head.endsWith("BODY") || head.endsWith("BINARY");
    }
    return head.endsWith("RFC822") || head.endsWith("RFC822.HEADER") || head.endsWith("RFC822.TEXT");
}

bool ImapResponseFramer::finishLine()
{
    if (m_line.endsWith('\r'))
        m_line.chop(1);
    if (m_line.size() > m_limits.maxLineLength) {
        fail(ImapParseError::Kind::LineTooLong,
             QStringLiteral("line longer than %1 bytes").arg(m_limits.maxLineLength), m_streamPos);
        return false;
    }
    m_currentSize += m_line.size();
    if (m_currentSize > m_limits.maxResponseSize) {
        fail(ImapParseError::Kind::ResponseTooLarge, QStringLiteral("response exceeds the size limit"),
             m_current.streamOffset);
        return false;
    }
    m_current.text.append(m_line);
    const std::optional<qint64> literal = literalAnnounced(m_line);
    m_line.clear();
    if (!literal) {
        m_complete = true;
        return true;
    }
    const qint64 limit = isMessageLiteral(m_current.text.right(1024))
                             ? m_limits.maxLiteralSize
                             : qMin(m_limits.maxLiteralSize, m_limits.maxOtherLiteralSize);
    if (*literal > limit) {
        fail(ImapParseError::Kind::LiteralTooLarge,
             QStringLiteral("server announced a literal of %1 bytes; the limit is %2").arg(*literal).arg(limit),
             m_streamPos);
        return false;
    }
    if (m_current.literals.size() >= m_limits.maxListItems) {
        fail(ImapParseError::Kind::TooManyItems, QStringLiteral("too many literals in one response"),
             m_streamPos);
        return false;
    }
    m_currentSize += *literal;
    if (m_currentSize > m_limits.maxResponseSize) {
        fail(ImapParseError::Kind::ResponseTooLarge, QStringLiteral("response exceeds the size limit"),
             m_current.streamOffset);
        return false;
    }
    m_current.literals.append(QByteArray());
    m_current.literalEnds.append(m_current.text.size());
    m_literalRemaining = *literal;
    return true;
}

std::optional<ImapRawResponse> ImapResponseFramer::next()
{
    while (!m_error && !m_complete && m_inputPos < m_input.size()) {
        const qsizetype available = m_input.size() - m_inputPos;
        const char *data = m_input.constData() + m_inputPos;
        if (m_literalRemaining >= 0) {
            const qsizetype n = qsizetype(std::min<qint64>(available, m_literalRemaining));
            m_current.literals.last().append(data, n);
            m_inputPos += n;
            m_streamPos += n;
            m_literalRemaining -= n;
            if (m_literalRemaining == 0)
                m_literalRemaining = -1;
            continue;
        }
        if (m_line.isEmpty() && m_current.text.isEmpty() && m_current.literals.isEmpty())
            m_current.streamOffset = m_streamPos;
        const void *nl = std::memchr(data, '\n', size_t(available));
        const qsizetype n = nl ? qsizetype(static_cast<const char *>(nl) - data) : available;
        // The line limit counts the CR that may still precede the LF.
        if (m_line.size() + n > m_limits.maxLineLength + 1) {
            fail(ImapParseError::Kind::LineTooLong,
                 QStringLiteral("line longer than %1 bytes").arg(m_limits.maxLineLength),
                 m_streamPos - m_line.size());
            break;
        }
        m_line.append(data, n);
        m_inputPos += n;
        m_streamPos += n;
        if (!nl)
            break;
        ++m_inputPos; // the LF
        ++m_streamPos;
        if (!finishLine())
            break;
    }
    if (m_error || !m_complete)
        return std::nullopt;
    m_complete = false;
    ImapRawResponse out = std::move(m_current);
    m_current = {};
    m_currentSize = 0;
    return out;
}

} // namespace Petrel::Imap
