#pragma once

#include "CliContext.h"

namespace Petrel::Core {
struct Account;
}

namespace Petrel::Cli {

struct CliProfile;

// One full IMAP sync pass of the account (see Core::ImapSyncEngine): the password comes from the
// keychain; progress on stderr unless quiet; one summary line on stdout. Failure when it failed.
int syncImapAccount(CliContext &ctx, CliProfile &profile, const Core::Account &account, bool quiet);

} // namespace Petrel::Cli
