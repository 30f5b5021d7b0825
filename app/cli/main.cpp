#include "PetrelVersion.h"

#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream(stdout) << "petrel-cli " << PETREL_VERSION_STRING << "\n";
    return 0;
}
