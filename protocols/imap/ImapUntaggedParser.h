#pragma once

#include "imap/ImapResponse.h"

namespace Petrel::Imap {

class ImapTokenizer;

// Everything after "* ": status responses, numbered data (EXISTS, FETCH...) and keyword data
// (CAPABILITY, LIST, SEARCH...). Unknown keywords become Kind::Generic with their raw tokens.
class ImapUntaggedParser
{
public:
    static void parse(ImapTokenizer &tokens, ImapResponse &response, bool utf8);
    // "[code] text" after a status word; shared with tagged responses.
    static void parseStatusText(ImapTokenizer &tokens, ImapResponse &response);
    static ImapResponse::Status statusFromWord(const QByteArray &upper);

private:
    static void parseNumbered(ImapTokenizer &tokens, ImapResponse &response, quint64 number);
    static void parseKeyword(ImapTokenizer &tokens, ImapResponse &response, bool utf8);
    static ImapSearchResult parseSearch(ImapTokenizer &tokens);
    static ImapSearchResult parseESearch(ImapTokenizer &tokens);
    static ImapResponse::IdParams parseId(ImapTokenizer &tokens);
    static ImapVanished parseVanished(ImapTokenizer &tokens);
    static void parseGeneric(ImapTokenizer &tokens, ImapResponse &response);
};

} // namespace Petrel::Imap
