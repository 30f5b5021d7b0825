#include "imap/ImapUntaggedParser.h"

#include "imap/ImapFetchParser.h"
#include "imap/ImapMailboxDataParser.h"
#include "imap/ImapResponseCodeParser.h"
#include "imap/ImapTokenizer.h"

namespace Petrel::Imap {

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

QList<QByteArray> readAtomsToEnd(ImapTokenizer &tokens)
{
    QList<QByteArray> atoms;
    while (tokens.consumeIf(' ')) {
        if (tokens.atEnd())
            break; // a trailing space, common after CAPABILITY lists
        atoms.append(tokens.readAtom());
        tokens.checkItems(atoms.size());
    }
    return atoms;
}

ImapSequenceSet readSet(ImapTokenizer &tokens)
{
    const QByteArray text = tokens.readAtom();
    const auto set = ImapSequenceSet::parse(text, tokens.limits().maxListItems);
    if (!set)
        tokens.fail(QStringLiteral("invalid sequence set '%1'").arg(QString::fromLatin1(text.left(64))));
    return *set;
}

} // namespace

ImapResponse::Status ImapUntaggedParser::statusFromWord(const QByteArray &upper)
{
    if (upper == "OK")
        return ImapResponse::Status::Ok;
    if (upper == "NO")
        return ImapResponse::Status::No;
    if (upper == "BAD")
        return ImapResponse::Status::Bad;
    if (upper == "BYE")
        return ImapResponse::Status::Bye;
    if (upper == "PREAUTH")
        return ImapResponse::Status::Preauth;
    return ImapResponse::Status::None;
}

void ImapUntaggedParser::parseStatusText(ImapTokenizer &tokens, ImapResponse &response)
{
    // RFC says "SP [code SP] text", but "a1 OK" with no text is common; accept it.
    if (!tokens.consumeIf(' '))
        return;
    if (tokens.peek() == '[') {
        response.code = ImapResponseCodeParser::parse(tokens);
        tokens.consumeIf(' ');
    }
    response.text = tokens.readRestOfLine();
}

void ImapUntaggedParser::parse(ImapTokenizer &tokens, ImapResponse &response, bool utf8)
{
    if (isDigit(tokens.peek())) {
        const quint64 number = tokens.readNumber();
        tokens.expectSpace();
        parseNumbered(tokens, response, number);
    } else {
        parseKeyword(tokens, response, utf8);
    }
}

void ImapUntaggedParser::parseNumbered(ImapTokenizer &tokens, ImapResponse &response, quint64 number)
{
    response.number = number;
    response.name = tokens.readAtom().toUpper();
    if (response.name == "EXISTS") {
        response.kind = ImapResponse::Kind::Exists;
    } else if (response.name == "RECENT") {
        response.kind = ImapResponse::Kind::Recent;
    } else if (response.name == "EXPUNGE") {
        response.kind = ImapResponse::Kind::Expunge;
    } else if (response.name == "FETCH") {
        tokens.expectSpace();
        response.kind = ImapResponse::Kind::Fetch;
        response.data = ImapFetchParser::parse(tokens, number);
    } else {
        parseGeneric(tokens, response);
        return;
    }
    while (tokens.consumeIf(' ')) {
    }
    if (!tokens.atEnd())
        tokens.fail(QStringLiteral("unexpected data after %1").arg(QString::fromLatin1(response.name)));
}

void ImapUntaggedParser::parseKeyword(ImapTokenizer &tokens, ImapResponse &response, bool utf8)
{
    response.name = tokens.readAtom().toUpper();
    const QByteArray &name = response.name;
    const ImapResponse::Status status = statusFromWord(name);
    if (status != ImapResponse::Status::None) {
        response.kind = ImapResponse::Kind::Status;
        response.status = status;
        parseStatusText(tokens, response);
        return;
    }
    if (name == "CAPABILITY") {
        response.kind = ImapResponse::Kind::Capability;
        response.data = ImapCapabilities::fromAtoms(readAtomsToEnd(tokens));
        return;
    }
    if (name == "ENABLED") {
        QList<QByteArray> atoms;
        for (const QByteArray &a : readAtomsToEnd(tokens))
            atoms.append(a.toUpper());
        response.kind = ImapResponse::Kind::Enabled;
        response.data = atoms;
        return;
    }
    if (name == "SEARCH") {
        response.kind = ImapResponse::Kind::Search;
        response.data = parseSearch(tokens);
        return;
    }
    if (name == "ESEARCH") {
        response.kind = ImapResponse::Kind::ESearch;
        response.data = parseESearch(tokens);
        return;
    }
    if (!tokens.consumeIf(' ')) {
        parseGeneric(tokens, response);
        return;
    }
    if (name == "FLAGS") {
        QList<QByteArray> flags;
        for (const ImapValue &v : tokens.readList(1))
            flags.append(v.bytes);
        response.kind = ImapResponse::Kind::Flags;
        response.data = flags;
    } else if (name == "LIST" || name == "LSUB") {
        response.kind = name == "LIST" ? ImapResponse::Kind::List : ImapResponse::Kind::Lsub;
        response.data = ImapMailboxDataParser::parseList(tokens, utf8);
    } else if (name == "STATUS") {
        response.kind = ImapResponse::Kind::MailboxStatus;
        response.data = ImapMailboxDataParser::parseStatus(tokens, utf8);
    } else if (name == "NAMESPACE") {
        response.kind = ImapResponse::Kind::Namespace;
        response.data = ImapMailboxDataParser::parseNamespace(tokens);
    } else if (name == "ID") {
        response.kind = ImapResponse::Kind::Id;
        response.data = parseId(tokens);
    } else if (name == "VANISHED") {
        response.kind = ImapResponse::Kind::Vanished;
        response.data = parseVanished(tokens);
    } else {
        parseGeneric(tokens, response);
        return;
    }
    while (tokens.consumeIf(' ')) {
    }
    if (!tokens.atEnd())
        tokens.fail(QStringLiteral("unexpected data after %1").arg(QString::fromLatin1(name)));
}

ImapSearchResult ImapUntaggedParser::parseSearch(ImapTokenizer &tokens)
{
    ImapSearchResult result;
    while (tokens.consumeIf(' ')) {
        if (tokens.atEnd())
            break;
        if (tokens.consumeIf('(')) {
            if (!tokens.consumeWord("MODSEQ"))
                tokens.fail(QStringLiteral("unexpected list in SEARCH"));
            tokens.expectSpace();
            result.modSeq = tokens.readNumber();
            tokens.expect(')');
            continue;
        }
        result.numbers.append(tokens.readNzNumber32());
        tokens.checkItems(result.numbers.size());
    }
    if (!tokens.atEnd())
        tokens.fail(QStringLiteral("unexpected data in SEARCH"));
    return result;
}

ImapSearchResult ImapUntaggedParser::parseESearch(ImapTokenizer &tokens)
{
    ImapSearchResult result;
    result.isExtended = true;
    if (!tokens.consumeIf(' '))
        return result;
    if (tokens.peek() == '(') {
        const QList<ImapValue> corr = tokens.readList(1);
        if (corr.size() == 2 && corr.at(0).bytes.toUpper() == "TAG")
            result.tag = corr.at(1).bytes;
        if (!tokens.consumeIf(' '))
            return result;
    }
    if (tokens.consumeWord("UID")) {
        result.isUid = true;
        if (!tokens.consumeIf(' '))
            return result;
    }
    int pairs = 0;
    while (!tokens.atEnd()) {
        tokens.checkItems(++pairs);
        const QByteArray key = tokens.readAtom().toUpper();
        tokens.expectSpace();
        if (key == "ALL") {
            result.all = readSet(tokens);
        } else if (key == "MIN") {
            result.min = tokens.readNzNumber32();
        } else if (key == "MAX") {
            result.max = tokens.readNzNumber32();
        } else if (key == "COUNT") {
            result.count = tokens.readNumber();
        } else if (key == "MODSEQ") {
            result.modSeq = tokens.readNumber();
        } else {
            tokens.readValue(1);
        }
        if (!tokens.atEnd())
            tokens.expectSpace();
    }
    return result;
}

ImapResponse::IdParams ImapUntaggedParser::parseId(ImapTokenizer &tokens)
{
    ImapResponse::IdParams params;
    if (tokens.consumeNil())
        return params;
    const QList<ImapValue> items = tokens.readList(1);
    for (qsizetype i = 0; i + 1 < items.size(); i += 2) {
        const ImapValue &value = items.at(i + 1);
        params.append({items.at(i).bytes, value.isNil() ? std::nullopt : std::optional(value.bytes)});
    }
    return params;
}

ImapVanished ImapUntaggedParser::parseVanished(ImapTokenizer &tokens)
{
    ImapVanished vanished;
    if (tokens.consumeIf('(')) {
        if (!tokens.consumeWord("EARLIER"))
            tokens.fail(QStringLiteral("unknown VANISHED modifier"));
        tokens.expect(')');
        tokens.expectSpace();
        vanished.earlier = true;
    }
    vanished.uids = readSet(tokens);
    return vanished;
}

void ImapUntaggedParser::parseGeneric(ImapTokenizer &tokens, ImapResponse &response)
{
    response.kind = ImapResponse::Kind::Generic;
    QList<ImapValue> values;
    const ImapTokenizer::Mark start = tokens.mark();
    try {
        while (!tokens.atEnd()) {
            if (tokens.consumeIf(' '))
                continue;
            values.append(tokens.readValue(0));
            tokens.checkItems(values.size());
        }
    } catch (const ImapParseFailure &failure) {
        // Data we do not know need not follow the grammar we know: keep it as one raw atom. Limits
        // still apply.
        if (failure.error.kind != ImapParseError::Kind::Malformed)
            throw;
        tokens.reset(start);
        values = {ImapValue::atom(tokens.readRestOfLine().trimmed())};
    }
    response.data = values;
}

} // namespace Petrel::Imap
