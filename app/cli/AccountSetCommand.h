#pragma once

#include "CliContext.h"

namespace Petrel::Cli {

// petrel-cli account set ACCOUNT KEY=VALUE...: changes settings of an existing account.
int accountSet(CliContext &ctx);

} // namespace Petrel::Cli
