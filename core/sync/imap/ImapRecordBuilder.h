#pragma once

#include "imap/ImapFetchData.h"
#include "store/MessageRecord.h"

namespace Petrel::Core {

// Turns one FETCH of a new message into the row the cache keeps. With BODY[] the whole message
// is parsed (bodies, attachments, search text); with BODY[HEADER] only its headers, and the body
// is left for later. The server's FLAGS, INTERNALDATE and RFC822.SIZE win over anything parsed.
Store::MessageRecord recordFromFetch(const Imap::ImapFetchData &data);

// True when the structure names a part to be shown as an attachment.
bool hasAttachmentPart(const Imap::ImapBodyStructure &structure, int depth = 0);

} // namespace Petrel::Core
