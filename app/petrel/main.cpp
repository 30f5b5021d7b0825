// petrel: the desktop client. Builds the objects and wires them; no logic of its own.
#include "MainWindow.h"
#include "PetrelVersion.h"

#include <QApplication>
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
            QTextStream(stdout) << "Usage: petrel [--profile DIR] [--version]\n";
            return 0;
        }
    }

    QApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral(PETREL_APPLICATION_NAME));
    QCoreApplication::setOrganizationDomain(QStringLiteral(PETREL_ORGANIZATION_DOMAIN));
    QCoreApplication::setApplicationVersion(QStringLiteral(PETREL_VERSION_STRING));

    Petrel::Ui::MainWindow window;
    window.show();
    return app.exec();
}
