#pragma once

#include "CliContext.h"

namespace Petrel::Cli {

// petrel-cli sync ACCOUNT: one check of a POP3 account (IMAP accounts are not handled here yet).
int syncAccount(CliContext &ctx);

} // namespace Petrel::Cli
