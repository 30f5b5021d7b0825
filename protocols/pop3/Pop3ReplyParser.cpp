#include "pop3/Pop3ReplyParser.h"

#include <utility>

namespace Petrel::Pop3 {

Pop3ReplyParser::Pop3ReplyParser(const Pop3Limits &limits) : m_limits(limits) {}

void Pop3ReplyParser::expect(Pop3ReplyShape shape, qint64 maxData)
{
    m_expected.enqueue({shape, maxData > 0 ? maxData : m_limits.maxListingSize});
}

void Pop3ReplyParser::feed(const QByteArray &bytes)
{
    qsizetype pos = 0;
    while (pos < bytes.size() && !hasError()) {
        const qsizetype newline = bytes.indexOf('\n', pos);
        const qsizetype end = newline < 0 ? bytes.size() : newline;
        // A line that arrived whole is parsed where it lies: no copy per line of a message body.
        const bool whole = newline >= 0 && m_line.isEmpty();
        if (!whole)
            m_line.append(bytes.constData() + pos, end - pos);
        QByteArrayView line = whole ? QByteArrayView(bytes.constData() + pos, end - pos) : QByteArrayView(m_line);
        pos = end;
        // The line limit applies while the line grows, so a line without end cannot exhaust memory.
        const qint64 limit = m_inData ? m_limits.maxDataLineLength : m_limits.maxStatusLineLength;
        const qsizetype length = line.size() - (line.endsWith('\r') ? 1 : 0);
        if (length > limit) {
            setError(QStringLiteral("The server sent a line longer than %1 bytes.").arg(limit));
            return;
        }
        if (newline < 0)
            return;
        ++pos; // the '\n'
        takeLine(line.first(length));
        m_line.clear();
    }
}

void Pop3ReplyParser::finish()
{
    if (hasError())
        return;
    if (m_inData || !m_line.isEmpty())
        setError(QStringLiteral("The server closed the connection in the middle of a reply."));
    else if (!m_expected.isEmpty())
        setError(QStringLiteral("The server closed the connection before replying."));
}

void Pop3ReplyParser::takeLine(QByteArrayView line)
{
    if (m_inData) {
        if (line.size() == 1 && line.front() == '.') {
            m_inData = false;
            m_expected.dequeue();
            m_replies.append(std::move(m_current));
            m_current = {};
            return;
        }
        if (line.startsWith('.'))
            line = line.sliced(1); // dot-unstuffing (RFC 1939 section 3)
        if (m_current.data.size() + line.size() + 2 > m_expected.head().maxData) {
            setError(QStringLiteral("The server's reply is larger than the limit of %1 bytes.")
                         .arg(m_expected.head().maxData));
            return;
        }
        m_current.data.append(line.data(), line.size()).append("\r\n", 2);
        return;
    }
    if (m_expected.isEmpty()) {
        setError(QStringLiteral("The server sent data nobody asked for."));
        return;
    }
    const Expectation expectation = m_expected.head();
    Pop3Reply reply;
    if (!parseStatusLine(line.toByteArray(), expectation.shape == Pop3ReplyShape::Auth, &reply)) {
        setError(QStringLiteral("The server sent a malformed status line."));
        return;
    }
    if (reply.isOk() && expectation.shape == Pop3ReplyShape::MultiLine) {
        m_inData = true;
        m_current = std::move(reply);
        return;
    }
    m_expected.dequeue();
    m_replies.append(std::move(reply));
}

bool Pop3ReplyParser::parseStatusLine(const QByteArray &line, bool allowContinuation, Pop3Reply *reply)
{
    QByteArray rest;
    if (line.startsWith("+OK") && (line.size() == 3 || line.at(3) == ' ')) {
        reply->status = Pop3Reply::Status::Ok;
        rest = line.mid(4);
    } else if (line.startsWith("-ERR") && (line.size() == 4 || line.at(4) == ' ')) {
        reply->status = Pop3Reply::Status::Err;
        rest = line.mid(5);
    } else if (allowContinuation && (line == "+" || line.startsWith("+ "))) {
        reply->status = Pop3Reply::Status::Continuation;
        reply->text = line.mid(2);
        return true;
    } else {
        return false;
    }
    reply->code = {};
    if (rest.startsWith('[')) {
        const qsizetype close = rest.indexOf(']');
        if (close > 0) {
            const Pop3ResponseCode code = Pop3ResponseCode::fromText(rest.mid(1, close - 1));
            if (!code.isNone()) {
                reply->code = code;
                rest = rest.mid(close + 1);
                if (rest.startsWith(' '))
                    rest.remove(0, 1);
            }
        }
    }
    reply->text = rest;
    return true;
}

void Pop3ReplyParser::setError(const QString &error)
{
    if (m_error.isEmpty())
        m_error = error;
    m_line.clear();
    m_current = {};
}

} // namespace Petrel::Pop3
