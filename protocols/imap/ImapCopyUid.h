#pragma once

#include "imap/ImapResponseCode.h"
#include "imap/ImapSequenceSet.h"

namespace Petrel::Imap {

// COPYUID (RFC 4315): where copied or moved messages landed. Empty without UIDPLUS.
struct ImapCopyUid
{
    quint64 uidValidity = 0; // of the destination mailbox
    ImapSequenceSet sourceUids;
    ImapSequenceSet destinationUids; // in the same order as sourceUids

    bool isValid() const { return uidValidity != 0; }
    static ImapCopyUid fromCode(const ImapResponseCode &code)
    {
        if (code.kind != ImapResponseCode::Kind::CopyUid)
            return {};
        return {code.number, code.sourceUids, code.uids};
    }
};

} // namespace Petrel::Imap
