#pragma once

#include "smtp/SmtpLimits.h"
#include "smtp/SmtpReply.h"

#include <QByteArray>
#include <QQueue>
#include <QString>

namespace Petrel::Smtp {

// Incremental SMTP reply parser: feed() bytes in any chunks, takeReply() complete replies in
// order. Pure (no socket, no signal), so it can be fuzzed. Lines end in CRLF (a bare LF is
// tolerated). "250-..." continues a reply, "250 ..." or "250" ends it. Codes must be 3 digits,
// first digit 2-5, and the same on every line of one reply. Any violation or exceeded limit is
// a sticky error: hasError() stays true and nothing more is parsed.
class SmtpReplyParser
{
public:
    explicit SmtpReplyParser(const SmtpLimits &limits = {}) : m_limits(limits) {}

    // RFC 2034: after EHLO offered ENHANCEDSTATUSCODES, lines start with "x.y.z ".
    void setEnhancedStatusCodes(bool enabled) { m_enhanced = enabled; }
    bool enhancedStatusCodes() const { return m_enhanced; }

    void feed(QByteArrayView bytes);
    bool hasReply() const { return !m_replies.isEmpty(); }
    SmtpReply takeReply();
    // True while a reply has started (bytes or continuation lines) but is not complete.
    bool isInsideReply() const { return !m_partial.isEmpty() || !m_current.lines.isEmpty(); }

    bool hasError() const { return !m_error.isEmpty(); }
    QString errorString() const { return m_error; }

    // "x.y.z" at the start of text whose class digit matches code; returns its length (0: none).
    static qsizetype enhancedCodeLength(QByteArrayView text, int code);

private:
    void parseLine(QByteArrayView line);
    void fail(const QString &why);

    SmtpLimits m_limits;
    bool m_enhanced = false;
    QByteArray m_partial; // an incomplete line
    SmtpReply m_current;  // continuation lines so far
    QQueue<SmtpReply> m_replies;
    QString m_error;
};

} // namespace Petrel::Smtp
