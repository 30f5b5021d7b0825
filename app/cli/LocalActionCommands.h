#pragma once

#include "CliContext.h"

namespace Petrel::Cli {

// Local-first actions on a cached IMAP message: the cache changes at once and the server follows
// on the next 'sync' (see Core::ImapLocalActions).
int flagMessage(CliContext &ctx);   // flag ID +seen|-seen|+flagged|-flagged...
int moveMessage(CliContext &ctx);   // move ID FOLDER
int deleteMessage(CliContext &ctx); // delete ID (to Trash)

} // namespace Petrel::Cli
