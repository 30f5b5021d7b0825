#pragma once

#include <QByteArray>

#include <optional>

namespace Petrel::Net {

// Bytes received but not yet consumed, cut into CRLF- or LF-terminated lines. Pure (no socket), so
// it can be tested and fuzzed alone. The owner must not append more than room() bytes: that keeps
// memory bounded by the line limit, and an overlong line is reported instead of buffered.
class LineBuffer
{
public:
    explicit LineBuffer(int maxLineLength = 1024 * 1024);

    int maxLineLength() const { return m_maxLineLength; }
    void append(const QByteArray &bytes);
    qint64 size() const { return m_data.size(); }
    bool isEmpty() const { return m_data.isEmpty(); }

    // Bytes that may still be appended before a line longer than the limit is certain.
    qint64 room() const;
    bool hasLine();
    // The buffered line (terminator included) exceeds maxLineLength, or no terminator came in time.
    bool isOverlong();
    // The next line without its CRLF/LF terminator; nullopt when none is complete or it is overlong.
    std::optional<QByteArray> takeLine();
    // Up to maxSize raw bytes (for literals), lines or not.
    QByteArray take(qint64 maxSize);
    void clear();

private:
    qsizetype findTerminator();

    QByteArray m_data;
    qsizetype m_scanned = 0; // bytes known to hold no '\n', so 1-byte arrivals stay linear
    int m_maxLineLength;
};

} // namespace Petrel::Net
