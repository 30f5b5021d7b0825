#pragma once

#include "CliContext.h"

namespace Petrel::Cli {

// outbox [ACCOUNT] [--json]: what waits, failed or is unknown, with the server's last words.
int outboxList(CliContext &ctx);
// outbox retry ID: a failed, unknown or waiting message is due again at once.
int outboxRetry(CliContext &ctx);
// outbox remove ID: drops a message that is not being sent.
int outboxRemove(CliContext &ctx);
// outbox send [ACCOUNT...]: one outbox pass per account (all accounts when none is named), queued
// messages due at once (the user asked; the backoff is for passes nobody asked for); also what
// resumes after a crash.
int outboxSend(CliContext &ctx);

} // namespace Petrel::Cli
