#pragma once

#include <QCommandLineParser>

#include "CliContext.h"

namespace Petrel::Cli {

// QCommandLineParser for one sub-command: parses ctx.arguments and reports usage errors on one
// line. Returns false (and sets *exitCode) when the command should stop.
bool parseCommand(QCommandLineParser &parser, const CliContext &ctx, const QString &usage,
                  int minPositional, int maxPositional, int *exitCode);

} // namespace Petrel::Cli
