// petrel: the desktop client. Builds the objects and wires them; no logic of its own.
#include "DesktopWindows.h"
#include "FirstPaintProbe.h"
#include "Localisation.h"
#include "MainWindow.h"
#include "PetrelVersion.h"
#include "SingleInstance.h"
#include "status/TrayIcon.h"
#include "credentials/CoreDumps.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QStandardPaths>
#include <QCoreApplication>
#include <QTextStream>

#include <cstring>

int main(int argc, char *argv[])
{
    Petrel::Core::disableCoreDumps(); // before any password is in memory
    // --version and --help must work without a display, so they are answered before QApplication
    // tries to reach one.
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--version") == 0 || std::strcmp(argv[i], "-v") == 0) {
            QTextStream(stdout) << "petrel " << PETREL_VERSION_STRING << " (Qt " << qVersion() << ")\n";
            return 0;
        }
        if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) {
            QTextStream(stdout) << "Usage: petrel [--profile DIR] [--lang CODE] [--minimized] [mailto:URL] [--version]\n"
                                   "  --profile DIR  the profile folder to use\n"
                                   "  --lang CODE    the language of the interface (en, de, fr; also $PETREL_LANG)\n"
                                   "  --minimized    start in the system tray (minimised where there is no tray)\n"
                                   "  mailto:URL     open the composer filled in from the link; a running Petrel\n"
                                   "                 of the same profile opens it instead\n";
            return 0;
        }
    }

    QApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral(PETREL_APPLICATION_NAME));
    QCoreApplication::setOrganizationDomain(QStringLiteral(PETREL_ORGANIZATION_DOMAIN));
    QCoreApplication::setApplicationVersion(QStringLiteral(PETREL_VERSION_STRING));

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
    const QCommandLineOption minimized(QStringLiteral("minimized"),
                                       QCoreApplication::translate("main", "Start in the system tray."));
    parser.addOption(minimized);
    parser.addPositionalArgument(QStringLiteral("mailto"),
                                 QCoreApplication::translate("main", "A mailto: link to open in the composer."),
                                 QStringLiteral("[mailto:URL]"));
    parser.process(app);
    const QString profileDir = parser.isSet(profile)
                                   ? parser.value(profile)
                                   : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);

    // One Petrel per profile: a second start hands its links to the running one and ends.
    Petrel::Ui::SingleInstance instance(profileDir);
    QStringList handOver = parser.positionalArguments();
    if (handOver.isEmpty() && !parser.isSet(minimized))
        handOver << QStringLiteral("--show");
    if (instance.sendToRunning(handOver))
        return 0;
    QString listenError;
    if (!instance.listen(&listenError))
        QTextStream(stderr) << "petrel: other starts cannot reach this one: " << listenError << '\n';

    Petrel::Ui::DesktopWindows windows(profileDir);
    QObject::connect(&instance, &Petrel::Ui::SingleInstance::argumentsReceived, &windows,
                     &Petrel::Ui::DesktopWindows::handleArguments);
    // Hidden instrumentation for the benchmarks (tests/benchmarks/README.md, item 8):
    // PETREL_EXIT_AFTER_FIRST_PAINT=<file> ends Petrel once the message list has painted the
    // Inbox, writing the time since the process started and the peak memory to <file>.
    if (const QString probeFile = Petrel::App::FirstPaintProbe::requestedFile(); !probeFile.isEmpty())
        new Petrel::App::FirstPaintProbe(windows.mainWindow(), probeFile); // owned by the window
    if (!parser.isSet(minimized))
        windows.mainWindow().show();
    else if (!Petrel::Ui::TrayIcon::isAvailable())
        windows.mainWindow().showMinimized();
    // Started in the tray, Petrel lives there: closing its last window (a composer, the main
    // window shown from the tray) does not end it; Quit in the tray menu does.
    if (parser.isSet(minimized) && Petrel::Ui::TrayIcon::isAvailable())
        QApplication::setQuitOnLastWindowClosed(false);
    windows.openAccountWizardIfNoAccount();
    // Mail is checked when Petrel starts; an account's interval only schedules the later checks.
    windows.mainWindow().checkAllAccounts();
    for (const QString &argument : parser.positionalArguments())
        windows.openMailto(argument);
    return app.exec();
}
