#pragma once

#include "imap/ImapParseError.h"
#include "imap/ImapParserLimits.h"
#include "imap/ImapResponse.h"
#include "imap/ImapResponseFramer.h"

#include <QByteArray>

#include <optional>

namespace Petrel::Imap {

// Incremental IMAP response parser: feed() bytes as they arrive, in any split; next() returns
// each complete response. After an error it returns nothing more: the stream is out of step and the
// session must close the connection (error() says why and where).
class ImapResponseParser
{
public:
    explicit ImapResponseParser(const ImapParserLimits &limits = {});

    void setLimits(const ImapParserLimits &limits);
    const ImapParserLimits &limits() const { return m_limits; }
    // After ENABLE UTF8=ACCEPT mailbox names arrive as UTF-8 instead of modified UTF-7.
    void setUtf8Enabled(bool enabled) { m_utf8 = enabled; }
    bool isUtf8Enabled() const { return m_utf8; }

    void feed(const QByteArray &bytes);
    std::optional<ImapResponse> next();
    bool hasError() const { return m_error.has_value(); }
    std::optional<ImapParseError> error() const { return m_error; }

    // Parses one complete response held in memory, e.g. for tests and replay tools.
    static std::optional<ImapResponse> parseOne(const QByteArray &bytes, ImapParseError *error = nullptr);

private:
    ImapResponse parse(const ImapRawResponse &raw) const;

    ImapParserLimits m_limits;
    ImapResponseFramer m_framer;
    bool m_utf8 = false;
    std::optional<ImapParseError> m_error;
};

} // namespace Petrel::Imap
