// petrel: the desktop client. Builds the objects and wires them; no logic of its own.
#include "DesktopWindows.h"
#include "Localisation.h"
#include "MainWindow.h"
#include "PetrelVersion.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QStandardPaths>
#include <QCoreApplication>
#include <QTextStream>

#include <cstring>

int main(int argc, char *argv[])
{
    // --version and --help must work without a display, so they are answered before QApplication
    // tries to reach one.
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--version") == 0 || std::strcmp(argv[i], "-v") == 0) {
            QTextStream(stdout) << "petrel " << PETREL_VERSION_STRING << " (Qt " << qVersion() << ")\n";
            return 0;
        }
        if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) {
            QTextStream(stdout) << "Usage: petrel [--profile DIR] [--lang CODE] [--version]\n"
                                   "  --lang CODE   the language of the interface (en, de, fr; also $PETREL_LANG)\n";
            return 0;
        }
    }

    QApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral(PETREL_APPLICATION_NAME));
    QCoreApplication::setOrganizationDomain(QStringLiteral(PETREL_ORGANIZATION_DOMAIN));
    QCoreApplication::setApplicationVersion(QStringLiteral(PETREL_VERSION_STRING));

    // Resources in a static library must be registered by name before use.
    Q_INIT_RESOURCE(petrel);
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/petrel/icons/petrel.svg")));

    // The language is chosen before any window (or translated option text) is made.
    QString language;
    const QStringList arguments = QCoreApplication::arguments();
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        if (arguments.at(i) == QLatin1String("--lang") && i + 1 < arguments.size())
            language = arguments.at(i + 1);
        else if (arguments.at(i).startsWith(QLatin1String("--lang=")))
            language = arguments.at(i).mid(7);
    }
    Petrel::Ui::Localisation::install(Petrel::Ui::Localisation::chosenLocale(language));

    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption profile(QStringLiteral("profile"),
                                     QCoreApplication::translate("main", "The profile folder to use."),
                                     QCoreApplication::translate("main", "DIR"));
    parser.addOption(profile);
    const QCommandLineOption lang(QStringLiteral("lang"),
                                  QCoreApplication::translate("main", "The language of the interface (en, de, fr)."),
                                  QCoreApplication::translate("main", "CODE"));
    parser.addOption(lang);
    parser.process(app);
    const QString profileDir = parser.isSet(profile)
                                   ? parser.value(profile)
                                   : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);

    Petrel::Ui::DesktopWindows windows(profileDir);
    windows.mainWindow().show();
    windows.openAccountWizardIfNoAccount();
    return app.exec();
}
