#pragma once

#include "imap/ImapEnvelope.h"

#include <QByteArray>
#include <QDateTime>

namespace Petrel::Imap {

class ImapTokenizer;

// ENVELOPE and the dates the server sends. Tolerant where real servers differ (extra spaces between
// addresses, atoms where strings belong) and strict where ambiguity would lose data.
class ImapEnvelopeParser
{
public:
    static ImapEnvelope parse(ImapTokenizer &tokens, int depth);
    // RFC 5322 date ("Tue, 3 Nov 2026 10:00:00 +0100 (CET)") to UTC; invalid when unparsable.
    static QDateTime parseMessageDate(const QByteArray &text);
    // INTERNALDATE ("17-Jul-1996 02:44:25 -0700", day may be space-padded) to UTC.
    static QDateTime parseInternalDate(const QByteArray &text);
    // A string, NIL, or (leniently) an atom.
    static std::optional<QByteArray> readNStringLenient(ImapTokenizer &tokens);

private:
    static QList<ImapAddress> parseAddressList(ImapTokenizer &tokens, int depth);
};

} // namespace Petrel::Imap
