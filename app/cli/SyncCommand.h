#pragma once

#include "CliContext.h"

namespace Petrel::Cli {

// petrel-cli sync [ACCOUNT...]: one pass of each named account (all accounts when none is named):
// a POP3 check, or a full IMAP sync. Fails (exit 1) when any account failed; the others still run.
int syncAccount(CliContext &ctx);

} // namespace Petrel::Cli
