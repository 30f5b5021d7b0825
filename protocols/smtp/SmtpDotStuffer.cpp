#include "smtp/SmtpDotStuffer.h"

namespace Petrel::Smtp {

QByteArray SmtpDotStuffer::feed(QByteArrayView chunk)
{
    QByteArray out;
    out.reserve(chunk.size() + chunk.size() / 64 + 4);
    for (const char c : chunk) {
        m_empty = false;
        if (m_pendingCr) {
            m_pendingCr = false;
            out += "\r\n";
            m_atLineStart = true;
            if (c == '\n')
                continue; // CRLF: already written
        }
        if (c == '\r') {
            m_pendingCr = true;
            continue;
        }
        if (c == '\n') {
            out += "\r\n";
            m_atLineStart = true;
            continue;
        }
        if (m_atLineStart && c == '.')
            out += '.';
        m_atLineStart = false;
        out += c;
    }
    return out;
}

QByteArray SmtpDotStuffer::finish()
{
    QByteArray out;
    if (m_pendingCr) {
        m_pendingCr = false;
        out += "\r\n";
        m_atLineStart = true;
    }
    // An empty message stays empty: "DATA" then ".\r\n" is a valid (empty) body.
    if (!m_atLineStart && !m_empty)
        out += "\r\n";
    m_atLineStart = true;
    return out;
}

QByteArray SmtpDotStuffer::stuff(QByteArrayView message)
{
    SmtpDotStuffer stuffer;
    QByteArray out = stuffer.feed(message);
    out += stuffer.finish();
    return out;
}

qint64 SmtpDotStuffer::transmittedSize(QByteArrayView message)
{
    qint64 size = 0;
    bool pendingCr = false;
    for (const char c : message) {
        if (pendingCr) {
            pendingCr = false;
            size += 2;
            if (c == '\n')
                continue;
        }
        if (c == '\r')
            pendingCr = true;
        else
            size += c == '\n' ? 2 : 1;
    }
    if (pendingCr)
        size += 2;
    else if (!message.isEmpty() && message.back() != '\n')
        size += 2;
    return size;
}

} // namespace Petrel::Smtp
