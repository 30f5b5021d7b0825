#pragma once

#include <QString>
#include <QStringList>
#include <QTextStream>

namespace Petrel::Cli {

// Exit codes of petrel-cli: scripts rely on them.
enum ExitCode { Success = 0, Failure = 1, UsageError = 2 };

// What every command gets: the profile directory, its arguments and the output streams.
struct CliContext
{
    QString profileDir;
    QStringList arguments;  // the command's own arguments, without the command name(s)
    QTextStream &out;
    QTextStream &err;

    // Prints "petrel-cli: <message>" on one line of stderr and returns code.
    int fail(const QString &message, int code = Failure) const;
};

} // namespace Petrel::Cli
