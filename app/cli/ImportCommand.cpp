#include "ImportCommand.h"

#include "CliProfile.h"
#include "CommandParser.h"

#include "importing/MailImporter.h"
#include "store/StoreError.h"

namespace Petrel::Cli {

int importMessages(CliContext &ctx)
{
    const QString usage = QStringLiteral("petrel-cli import PATH --account NAME --folder FOLDER");
    QCommandLineParser parser;
    const QCommandLineOption account(QStringLiteral("account"), QString(), QStringLiteral("NAME"));
    const QCommandLineOption folder(QStringLiteral("folder"), QString(), QStringLiteral("FOLDER"));
    const QCommandLineOption quiet(QStringLiteral("quiet"));
    parser.addOptions({account, folder, quiet});
    int code = Success;
    if (!parseCommand(parser, ctx, usage, 1, 1, &code))
        return code;
    if (!parser.isSet(account) || !parser.isSet(folder) || parser.value(folder).trimmed().isEmpty())
        return ctx.fail(QStringLiteral("--account and --folder are required (usage: ") + usage + QLatin1Char(')'),
                        UsageError);

    CliProfile profile;
    if (!openProfile(ctx, &profile, &code))
        return code;
    std::optional<Store::AccountRow> row;
    try {
        row = profile.reader->account(parser.value(account));
    } catch (const Store::StoreError &e) {
        return ctx.fail(e.text());
    }
    if (!row)
        return ctx.fail(QStringLiteral("there is no account named '%1' (see 'account list')").arg(parser.value(account)));

    Core::MailImporter importer(*profile.writer);
    if (!parser.isSet(quiet)) {
        // Counts on stderr as the import goes, so stdout stays one summary line for scripts.
        importer.setProgressCallback([&ctx](const Core::ImportReport &soFar) {
            ctx.err << "import: " << soFar.read << " read, " << soFar.imported << " imported, "
                    << soFar.duplicates << " already there" << Qt::endl;
        });
    }
    const Core::ImportReport report =
        importer.importPath(parser.positionalArguments().first(), row->id, parser.value(folder).trimmed());
    for (const QString &problem : report.problems)
        ctx.err << "petrel-cli: warning: " << problem << Qt::endl;
    ctx.out << "imported " << report.imported << " of " << report.read << " messages into "
            << row->name << "/" << parser.value(folder).trimmed() << " (" << report.duplicates
            << " already there, " << report.problems.size() << " with problems)" << Qt::endl;
    if (!report.isOk())
        return ctx.fail(report.error);
    return Success;
}

} // namespace Petrel::Cli
