#pragma once

#include <QtGlobal>

namespace Petrel::Imap {

// What a server may make the parser hold. Each bound turns a hostile or broken server into a clear
// ImapParseError instead of unbounded memory or recursion.
struct ImapParserLimits
{
    qint64 maxLineLength = 1024 * 1024;           // one line outside literals, CRLF excluded
    qint64 maxLiteralSize = 64LL * 1024 * 1024;   // one literal holding message data (BODY[...],
                                                  // BINARY[...], RFC822, RFC822.HEADER/.TEXT)
    qint64 maxOtherLiteralSize = 1024 * 1024;     // any other literal (names, envelope strings, ...)
    qint64 maxResponseSize = 256LL * 1024 * 1024; // all lines and literals of one response
    int maxNestingDepth = 64;                     // parenthesised lists and body parts
    int maxListItems = 1000000;                   // items in one list, and literals per response
};

} // namespace Petrel::Imap
