#pragma once

#include "CliContext.h"

#include "send/OutboxRunResult.h"

namespace Petrel::Core {
struct Account;
}

namespace Petrel::Cli {

struct CliProfile;

// One OutboxSender pass over the account's outbox (everything due, crash leftovers first): the
// SMTP password comes from the keychain (the account's one password), copies go to Sent
// (Core::SentFiler). For an IMAP account that sent something, one sync pass then carries the
// Sent copies to the server; its failure is only a warning. Progress on stderr, one summary
// line on stdout. False (error printed) when the pass could not start (no password); the pass's
// own outcome is in *result (warnings already printed).
bool runOutboxPass(CliContext &ctx, CliProfile &profile, const Core::Account &account, Core::OutboxRunResult *result);

} // namespace Petrel::Cli
