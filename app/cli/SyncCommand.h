#pragma once

#include "CliContext.h"

#include "accounts/AccountSettings.h"

namespace Petrel::Core {
class Pop3Fetcher;
}

namespace Petrel::Cli {

// petrel-cli sync [ACCOUNT...]: one pass of each named account (all accounts when none is named):
// a POP3 check, or a full IMAP sync. Fails (exit 1) when any account failed; the others still run.
int syncAccount(CliContext &ctx);

// A POP3 check of the account as its settings say (server, credentials, retention).
void setUpPop3Fetcher(Core::Pop3Fetcher &fetcher, const Core::AccountSettings &settings, const QString &password);

} // namespace Petrel::Cli
