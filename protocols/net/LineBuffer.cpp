#include "net/LineBuffer.h"

#include <algorithm>

namespace Petrel::Net {

LineBuffer::LineBuffer(int maxLineLength) : m_maxLineLength(std::max(1, maxLineLength)) {}

void LineBuffer::append(const QByteArray &bytes)
{
    m_data.append(bytes);
}

qint64 LineBuffer::room() const
{
    // A full line is at most maxLineLength bytes plus "\r\n"; one byte more proves it overlong.
    const qint64 cap = qint64(m_maxLineLength) + 3;
    return std::max<qint64>(0, cap - m_data.size());
}

qsizetype LineBuffer::findTerminator()
{
    const qsizetype at = m_data.indexOf('\n', m_scanned);
    m_scanned = at < 0 ? m_data.size() : at;
    return at;
}

bool LineBuffer::isOverlong()
{
    const qsizetype at = findTerminator();
    if (at < 0)
        return m_data.size() > qsizetype(m_maxLineLength) + 1; // +1: a '\r' awaiting its '\n'
    const qsizetype length = (at > 0 && m_data.at(at - 1) == '\r') ? at - 1 : at;
    return length > m_maxLineLength;
}

bool LineBuffer::hasLine()
{
    return findTerminator() >= 0 && !isOverlong();
}

std::optional<QByteArray> LineBuffer::takeLine()
{
    if (!hasLine())
        return std::nullopt;
    const qsizetype at = m_scanned;
    const qsizetype length = (at > 0 && m_data.at(at - 1) == '\r') ? at - 1 : at;
    QByteArray line = m_data.left(length);
    m_data.remove(0, at + 1);
    m_scanned = 0;
    return line;
}

QByteArray LineBuffer::take(qint64 maxSize)
{
    if (maxSize <= 0)
        return {};
    QByteArray out = m_data.left(qsizetype(std::min<qint64>(maxSize, m_data.size())));
    m_data.remove(0, out.size());
    m_scanned = std::max<qsizetype>(0, m_scanned - out.size());
    return out;
}

void LineBuffer::clear()
{
    m_data.clear();
    m_scanned = 0;
}

} // namespace Petrel::Net
