#include "mime/MailAddress.h"

namespace Petrel::Mime {

namespace {

bool needsQuoting(const QString &name)
{
    if (name.startsWith(QLatin1Char(' ')) || name.endsWith(QLatin1Char(' ')))
        return true;
    static const QString specials = QStringLiteral("()<>[]:;@\\,.\"");
    for (const QChar c : name) {
        if (specials.contains(c))
            return true;
    }
    return false;
}

} // namespace

QString MailAddress::toDisplayString() const
{
    if (name.isEmpty())
        return address;
    QString shown = name;
    if (needsQuoting(name)) {
        shown.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
        shown.replace(QLatin1Char('"'), QStringLiteral("\\\""));
        shown = QLatin1Char('"') + shown + QLatin1Char('"');
    }
    if (address.isEmpty())
        return shown;
    return shown + QStringLiteral(" <") + address + QLatin1Char('>');
}

} // namespace Petrel::Mime
