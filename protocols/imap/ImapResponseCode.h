#pragma once

#include "imap/ImapCapabilities.h"
#include "imap/ImapSequenceSet.h"

#include <QByteArray>
#include <QList>

namespace Petrel::Imap {

// The bracketed "[CODE args]" of a status response, typed for the codes the client acts upon.
// Unknown codes keep their name and raw argument text.
struct ImapResponseCode
{
    enum class Kind {
        None,
        Alert,
        Parse,
        ReadOnly,
        ReadWrite,
        TryCreate,
        UidValidity,
        UidNext,
        Unseen,
        HighestModSeq,
        NoModSeq,
        PermanentFlags,
        Capability,
        AppendUid,
        CopyUid,
        UidNotSticky,
        Closed,
        Modified,
        AuthenticationFailed,
        AuthorizationFailed,
        Expired,
        PrivacyRequired,
        ContactAdmin,
        NoPerm,
        InUse,
        ExpungeIssued,
        Corruption,
        ServerBug,
        ClientBug,
        CannotSpecify,
        Limit,
        OverQuota,
        AlreadyExists,
        NonExistent,
        Unavailable,
        BadCharset,
        Unknown,
    };

    Kind kind = Kind::None;
    QByteArray name;         // upper-cased code name, e.g. "UIDNEXT"
    QByteArray argument;     // raw text after the name (always kept)
    quint64 number = 0;      // UIDVALIDITY, UIDNEXT, UNSEEN, HIGHESTMODSEQ; APPENDUID/COPYUID uidvalidity
    QList<QByteArray> flags; // PERMANENTFLAGS, BADCHARSET charsets
    ImapCapabilities capabilities;
    ImapSequenceSet sourceUids; // COPYUID source set
    ImapSequenceSet uids;       // APPENDUID / COPYUID destination, MODIFIED set
};

} // namespace Petrel::Imap
