#pragma once

#include "CliContext.h"

namespace Petrel::Cli {

// send --account NAME --to ADDR... --subject TEXT (--body TEXT | --body-file FILE) ...: composes,
// stores in the outbox before any network traffic, then runs an outbox pass (--queue-only: not),
// or with --draft saves it as a draft instead (--replace-draft ID drops the previous version).
int sendMessage(CliContext &ctx);

} // namespace Petrel::Cli
