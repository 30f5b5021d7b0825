#pragma once

#include "CliContext.h"

namespace Petrel::Cli {

int showMessage(CliContext &ctx);

} // namespace Petrel::Cli
