#pragma once

#include "CliContext.h"

namespace Petrel::Cli {

int importMessages(CliContext &ctx);

} // namespace Petrel::Cli
