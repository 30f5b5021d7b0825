#pragma once

#include "imap/ImapResponseCode.h"

namespace Petrel::Imap {

class ImapTokenizer;

// "[CODE args]" at the start of a status response's text. A known code whose arguments do not
// parse is kept as Unknown with its raw text rather than failing the whole response: codes are
// advisory, and losing the response over one would be worse.
class ImapResponseCodeParser
{
public:
    // The tokenizer is at '['; consumes through the matching ']'.
    static ImapResponseCode parse(ImapTokenizer &tokens);
    static ImapResponseCode parseInside(const QByteArray &inside, const ImapTokenizer &limitsFrom);
};

} // namespace Petrel::Imap
