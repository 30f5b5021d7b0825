#include "CliContext.h"

namespace Petrel::Cli {

int CliContext::fail(const QString &message, int code) const
{
    QString line = message.simplified();
    err << "petrel-cli: " << line << Qt::endl;
    return code;
}

} // namespace Petrel::Cli
