#pragma once

#include "CliContext.h"

namespace Petrel::Cli {

// Local-first folder actions on an IMAP account: the cache changes at once and the server follows
// on the next 'sync' (see Core::MailActions).
int folderCreate(CliContext &ctx);      // folder create ACCOUNT PATH
int folderRename(CliContext &ctx);      // folder rename ACCOUNT OLD NEW
int folderDelete(CliContext &ctx);      // folder delete ACCOUNT PATH
int folderSubscribe(CliContext &ctx);   // folder subscribe ACCOUNT PATH
int folderUnsubscribe(CliContext &ctx); // folder unsubscribe ACCOUNT PATH

} // namespace Petrel::Cli
