#pragma once

#include "CliContext.h"

namespace Petrel::Core {
struct Account;
}

namespace Petrel::Cli {

struct CliProfile;

// 'watch' for a POP3 account: a check at once, then one every intervalSeconds (0: the account's
// check-interval, else 10 minutes), one JSON line per downloaded message on stdout, until
// SIGINT/SIGTERM. A check under way when asked to stop is cut: nothing uncommitted is deleted on
// the server (see Pop3Fetcher).
int watchPop3Account(CliContext &ctx, CliProfile &profile, const Core::Account &account, int intervalSeconds);

} // namespace Petrel::Cli
