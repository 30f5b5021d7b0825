#pragma once

#include "imap/ImapFetchData.h"

namespace Petrel::Imap {

class ImapTokenizer;

// The "(item value ...)" list of a FETCH response. Known items are typed; unknown ones are kept
// as generic values so a server extension never fails the parse.
class ImapFetchParser
{
public:
    static ImapFetchData parse(ImapTokenizer &tokens, quint64 sequence);

private:
    static void parseItem(ImapTokenizer &tokens, const QByteArray &name, ImapFetchData &data);
};

} // namespace Petrel::Imap
