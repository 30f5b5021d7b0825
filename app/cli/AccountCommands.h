#pragma once

#include "CliContext.h"

namespace Petrel::Cli {

int accountAdd(CliContext &ctx);
int accountList(CliContext &ctx);
int accountRemove(CliContext &ctx);

} // namespace Petrel::Cli
