#pragma once

#include "imap/ImapBodyStructure.h"

namespace Petrel::Imap {

class ImapTokenizer;

// BODY / BODYSTRUCTURE (RFC 3501 7.4.2, RFC 9051 7.5.2) into a tree. Depth is bounded by the
// parser limits; unknown extension data is read and dropped.
class ImapBodyStructureParser
{
public:
    static ImapBodyStructure parse(ImapTokenizer &tokens, int depth);

private:
    static void parseMultipart(ImapTokenizer &tokens, ImapBodyStructure &body, int depth);
    static void parseSinglePart(ImapTokenizer &tokens, ImapBodyStructure &body, int depth);
    static ImapParams parseParams(ImapTokenizer &tokens, int depth);
    // Disposition, language, location and extensions, common to both kinds; call after the
    // md5 (single part) or params (multipart).
    static void parseCommonExtensions(ImapTokenizer &tokens, ImapBodyStructure &body, int depth);
    static void parseDisposition(ImapTokenizer &tokens, ImapBodyStructure &body, int depth);
    static QList<QByteArray> parseLanguage(ImapTokenizer &tokens, int depth);
};

} // namespace Petrel::Imap
