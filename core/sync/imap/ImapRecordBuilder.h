#pragma once

#include "imap/ImapFetchData.h"
#include "store/MessageRecord.h"

namespace Petrel::Core {

// The FETCH item for a new message's headers: only the fields the cache keeps (MessageParser's
// envelope: subject, addresses, date, message id, threading), not the whole header, which more
// than doubled the server's work and the bytes read in a first sync (tests/benchmarks/README.md).
QByteArray headerFetchItem();

// Turns one FETCH of a new message into the row the cache keeps. With BODY[] the whole message
// is parsed (bodies, attachments, search text); with BODY[HEADER.FIELDS (...)] (or BODY[HEADER])
// only its headers, and the body is left for later. The server's FLAGS, INTERNALDATE and RFC822.SIZE win over anything parsed.
Store::MessageRecord recordFromFetch(const Imap::ImapFetchData &data);

// True when the structure names a part to be shown as an attachment.
bool hasAttachmentPart(const Imap::ImapBodyStructure &structure, int depth = 0);

} // namespace Petrel::Core
