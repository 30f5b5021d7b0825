#pragma once

#include "CliContext.h"

namespace Petrel::Cli {

// petrel-cli watch ACCOUNT [--folder F]... [--poll-seconds N]: keeps the IMAP account's watched
// folders live (IDLE, or polling where the server lacks it; see Core::ImapAccountWatcher) until
// SIGINT/SIGTERM. Each message that arrives while watching is stored and printed as one compact
// JSON line on stdout (flushed at once); states, catch-ups and errors go to stderr. A lost
// connection is retried by itself; the command ends only when asked, then logs out (exit 0).
int watchAccount(CliContext &ctx);

} // namespace Petrel::Cli
