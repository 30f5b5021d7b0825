#pragma once

#include "CliContext.h"

namespace Petrel::Cli {

// petrel-cli folders ACCOUNT [--json]: the account's cached folders with role and counts.
int listFolders(CliContext &ctx);

// petrel-cli list ACCOUNT FOLDER [--json] [--limit N]: the folder's messages from the cache,
// newest first, paged from the store (never the whole folder at once).
int listMessages(CliContext &ctx);

} // namespace Petrel::Cli
