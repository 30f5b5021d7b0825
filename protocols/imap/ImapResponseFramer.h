#pragma once

#include "imap/ImapParseError.h"
#include "imap/ImapParserLimits.h"
#include "imap/ImapRawResponse.h"

#include <QByteArray>

#include <optional>

namespace Petrel::Imap {

// Cuts a byte stream into complete responses (lines plus the literals they announce). It reads
// only as far as one response, holds nothing beyond it, and checks the limits as bytes arrive: a
// literal announced as {4294967295} is refused at once, and a permitted one grows with the bytes
// actually received, never by the size the server claimed.
class ImapResponseFramer
{
public:
    explicit ImapResponseFramer(const ImapParserLimits &limits = {}) : m_limits(limits) {}

    void setLimits(const ImapParserLimits &limits) { m_limits = limits; }
    void feed(const QByteArray &bytes);
    // The next complete response, or nullopt when more bytes are needed or an error occurred.
    std::optional<ImapRawResponse> next();
    bool hasError() const { return m_error.has_value(); }
    const std::optional<ImapParseError> &error() const { return m_error; }
    // Bytes fed but not yet consumed by next(): the caller's backlog.
    qint64 pendingBytes() const { return m_input.size() - m_inputPos; }

private:
    void fail(ImapParseError::Kind kind, const QString &message, qint64 offset);
    bool finishLine(); // false on error
    std::optional<qint64> literalAnnounced(const QByteArray &line) const;
    static bool isMessageLiteral(const QByteArray &line); // the tail of the response so far

    ImapParserLimits m_limits;
    QByteArray m_input;
    qsizetype m_inputPos = 0;
    qint64 m_streamPos = 0; // stream offset of m_input[m_inputPos]
    QByteArray m_line;      // current line, without terminator
    ImapRawResponse m_current;
    qint64 m_currentSize = 0;
    qint64 m_literalRemaining = -1; // >= 0 while reading a literal
    bool m_complete = false;
    std::optional<ImapParseError> m_error;
};

} // namespace Petrel::Imap
