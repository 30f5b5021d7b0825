#include "CommandParser.h"

namespace Petrel::Cli {

bool parseCommand(QCommandLineParser &parser, const CliContext &ctx, const QString &usage,
                  int minPositional, int maxPositional, int *exitCode)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")});
    parser.addOption(help);
    // QCommandLineParser expects the program name first.
    if (!parser.parse(QStringList{QStringLiteral("petrel-cli")} + ctx.arguments)) {
        *exitCode = ctx.fail(parser.errorText() + QStringLiteral(" (usage: ") + usage + QLatin1Char(')'),
                             UsageError);
        return false;
    }
    if (parser.isSet(help)) {
        ctx.out << "usage: " << usage << Qt::endl;
        *exitCode = Success;
        return false;
    }
    const qsizetype n = parser.positionalArguments().size();
    if (n < minPositional || (maxPositional >= 0 && n > maxPositional)) {
        *exitCode = ctx.fail(QStringLiteral("wrong number of arguments (usage: ") + usage + QLatin1Char(')'),
                             UsageError);
        return false;
    }
    return true;
}

} // namespace Petrel::Cli
