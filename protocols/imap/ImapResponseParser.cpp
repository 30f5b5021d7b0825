#include "imap/ImapResponseParser.h"

#include "imap/ImapTokenizer.h"
#include "imap/ImapUntaggedParser.h"

namespace Petrel::Imap {

ImapResponseParser::ImapResponseParser(const ImapParserLimits &limits) : m_limits(limits), m_framer(limits) {}

void ImapResponseParser::setLimits(const ImapParserLimits &limits)
{
    m_limits = limits;
    m_framer.setLimits(limits);
}

void ImapResponseParser::feed(const QByteArray &bytes)
{
    if (!m_error)
        m_framer.feed(bytes);
}

std::optional<ImapResponse> ImapResponseParser::next()
{
    if (m_error)
        return std::nullopt;
    std::optional<ImapRawResponse> raw = m_framer.next();
    if (!raw) {
        if (m_framer.hasError())
            m_error = m_framer.error();
        return std::nullopt;
    }
    try {
        return parse(*raw);
    } catch (const ImapParseFailure &failure) {
        m_error = failure.error;
        return std::nullopt;
    }
}

ImapResponse ImapResponseParser::parse(const ImapRawResponse &raw) const
{
    ImapTokenizer tokens(raw, m_limits);
    ImapResponse response;
    if (tokens.consumeIf('+')) {
        response.type = ImapResponse::Type::Continuation;
        tokens.consumeIf(' ');
        response.text = tokens.readRestOfLine();
        return response;
    }
    if (tokens.consumeIf('*')) {
        tokens.expectSpace();
        response.type = ImapResponse::Type::Untagged;
        ImapUntaggedParser::parse(tokens, response, m_utf8);
        return response;
    }
    response.type = ImapResponse::Type::Tagged;
    response.tag = tokens.readAtomUntil('+');
    tokens.expectSpace();
    response.name = tokens.readAtom().toUpper();
    response.status = ImapUntaggedParser::statusFromWord(response.name);
    if (response.status != ImapResponse::Status::Ok && response.status != ImapResponse::Status::No &&
        response.status != ImapResponse::Status::Bad)
        tokens.fail(QStringLiteral("tagged response with status '%1'")
                        .arg(QString::fromLatin1(response.name.left(32))));
    ImapUntaggedParser::parseStatusText(tokens, response);
    return response;
}

std::optional<ImapResponse> ImapResponseParser::parseOne(const QByteArray &bytes, ImapParseError *error)
{
    ImapResponseParser parser;
    parser.feed(bytes);
    std::optional<ImapResponse> response = parser.next();
    if (!response && error)
        *error = parser.error().value_or(
            ImapParseError{ImapParseError::Kind::Malformed, QStringLiteral("incomplete response"), 0});
    return response;
}

} // namespace Petrel::Imap
