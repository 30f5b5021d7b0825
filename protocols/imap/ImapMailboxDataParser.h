#pragma once

#include "imap/ImapMailboxData.h"

namespace Petrel::Imap {

class ImapTokenizer;

// LIST/LSUB, STATUS and NAMESPACE data, after the keyword and its space.
class ImapMailboxDataParser
{
public:
    static ImapListEntry parseList(ImapTokenizer &tokens, bool utf8);
    static ImapMailboxStatus parseStatus(ImapTokenizer &tokens, bool utf8);
    static ImapNamespaces parseNamespace(ImapTokenizer &tokens);
    // A mailbox name as sent to a readable string: UTF-8 when UTF8=ACCEPT is enabled, else
    // modified UTF-7; *failed is set when the result is only a best effort.
    static QString decodeMailboxName(const QByteArray &bytes, bool utf8, bool *failed);

private:
    static std::optional<char> readDelimiter(ImapTokenizer &tokens);
    static QList<ImapNamespace> parseNamespaceList(ImapTokenizer &tokens);
};

} // namespace Petrel::Imap
