#include "imap/ImapBodyStructureParser.h"

#include "imap/ImapEnvelopeParser.h"
#include "imap/ImapTokenizer.h"

namespace Petrel::Imap {

namespace {

QByteArray lenient(ImapTokenizer &tokens)
{
    return ImapEnvelopeParser::readNStringLenient(tokens).value_or(QByteArray());
}

// A space before an optional field, if the part does not end here.
bool more(ImapTokenizer &tokens)
{
    if (tokens.peek() == ')')
        return false;
    tokens.expectSpace();
    return true;
}

} // namespace

ImapBodyStructure ImapBodyStructureParser::parse(ImapTokenizer &tokens, int depth)
{
    tokens.checkDepth(depth);
    tokens.expect('(');
    ImapBodyStructure body;
    if (tokens.peek() == '(')
        parseMultipart(tokens, body, depth);
    else
        parseSinglePart(tokens, body, depth);
    // Skip extension data we do not model.
    while (more(tokens))
        tokens.readValue(depth + 1);
    tokens.expect(')');
    return body;
}

void ImapBodyStructureParser::parseMultipart(ImapTokenizer &tokens, ImapBodyStructure &body, int depth)
{
    body.type = "multipart";
    while (tokens.peek() == '(') {
        body.parts.append(parse(tokens, depth + 1));
        tokens.checkItems(body.parts.size());
        while (tokens.consumeIf(' ')) {
        }
    }
    body.subtype = lenient(tokens).toLower();
    if (!more(tokens))
        return;
    body.params = parseParams(tokens, depth + 1);
    parseCommonExtensions(tokens, body, depth);
}

void ImapBodyStructureParser::parseSinglePart(ImapTokenizer &tokens, ImapBodyStructure &body, int depth)
{
    body.type = lenient(tokens).toLower();
    tokens.expectSpace();
    body.subtype = lenient(tokens).toLower();
    tokens.expectSpace();
    body.params = parseParams(tokens, depth + 1);
    tokens.expectSpace();
    body.id = ImapEnvelopeParser::readNStringLenient(tokens);
    tokens.expectSpace();
    body.description = ImapEnvelopeParser::readNStringLenient(tokens);
    tokens.expectSpace();
    body.encoding = lenient(tokens).toUpper();
    tokens.expectSpace();
    body.size = tokens.consumeNil() ? 0 : tokens.readNumber();
    if (body.type == "message" && (body.subtype == "rfc822" || body.subtype == "global") &&
        tokens.peek() == ' ') {
        tokens.expectSpace();
        body.envelope = std::make_shared<ImapEnvelope>(ImapEnvelopeParser::parse(tokens, depth + 1));
        tokens.expectSpace();
        body.message = std::make_shared<ImapBodyStructure>(parse(tokens, depth + 1));
        tokens.expectSpace();
        body.lines = tokens.readNumber();
    } else if (body.type == "text") {
        // Some servers omit the line count; accept that.
        if (tokens.peek() == ' ') {
            tokens.expectSpace();
            body.lines = tokens.consumeNil() ? 0 : tokens.readNumber();
        }
    }
    if (!more(tokens))
        return;
    body.md5 = ImapEnvelopeParser::readNStringLenient(tokens);
    parseCommonExtensions(tokens, body, depth);
}

ImapParams ImapBodyStructureParser::parseParams(ImapTokenizer &tokens, int depth)
{
    ImapParams params;
    if (tokens.consumeNil())
        return params;
    tokens.checkDepth(depth);
    tokens.expect('(');
    while (!tokens.consumeIf(')')) {
        const QByteArray name = lenient(tokens);
        tokens.expectSpace();
        const QByteArray value = lenient(tokens);
        params.append({name, value});
        tokens.checkItems(params.size());
        if (tokens.peek() != ')')
            tokens.expectSpace();
    }
    return params;
}

void ImapBodyStructureParser::parseCommonExtensions(ImapTokenizer &tokens, ImapBodyStructure &body, int depth)
{
    if (!more(tokens))
        return;
    parseDisposition(tokens, body, depth + 1);
    if (!more(tokens))
        return;
    body.language = parseLanguage(tokens, depth + 1);
    if (!more(tokens))
        return;
    body.location = ImapEnvelopeParser::readNStringLenient(tokens);
}

void ImapBodyStructureParser::parseDisposition(ImapTokenizer &tokens, ImapBodyStructure &body, int depth)
{
    if (tokens.consumeNil())
        return;
    if (tokens.peek() != '(') {
        // A bare string where a list belongs (seen from some servers): keep it as the disposition.
        body.disposition = lenient(tokens).toLower();
        return;
    }
    tokens.checkDepth(depth);
    tokens.expect('(');
    body.disposition = lenient(tokens).toLower();
    if (more(tokens))
        body.dispositionParams = parseParams(tokens, depth + 1);
    tokens.expect(')');
}

QList<QByteArray> ImapBodyStructureParser::parseLanguage(ImapTokenizer &tokens, int depth)
{
    QList<QByteArray> languages;
    if (tokens.peek() != '(') {
        if (const auto one = ImapEnvelopeParser::readNStringLenient(tokens))
            languages.append(*one);
        return languages;
    }
    tokens.checkDepth(depth);
    tokens.expect('(');
    while (!tokens.consumeIf(')')) {
        languages.append(lenient(tokens));
        tokens.checkItems(languages.size());
        if (tokens.peek() != ')')
            tokens.expectSpace();
    }
    return languages;
}

} // namespace Petrel::Imap
