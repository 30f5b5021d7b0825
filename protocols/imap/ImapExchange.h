#pragma once

#include "imap/ImapCommand.h"
#include "imap/ImapResponse.h"
#include "imap/ImapResult.h"

#include <functional>

namespace Petrel::Imap {

// One command as the session runs it: the bytes, and where its responses go. Untagged data is
// offered to every exchange in flight, oldest first; the first whose onUntagged returns true
// takes it, and data nobody takes becomes a session signal (unsolicited updates).
struct ImapExchange
{
    ImapCommand command;
    // Sent alone: only when nothing else is in flight, and nothing follows until it is answered
    // (STARTTLS, login, IDLE, LOGOUT).
    bool exclusive = false;
    std::function<bool(const ImapResponse &)> onUntagged;
    // A "+" that is not asked for by a synchronising chunk (IDLE's "+ idling").
    std::function<void(const ImapResponse &)> onContinuation;
    std::function<void(const ImapResponse &)> onTagged;
    // The connection went away (or the exchange was dropped) before the tagged reply.
    std::function<void(const ImapResult &)> onFailed;
};

} // namespace Petrel::Imap
