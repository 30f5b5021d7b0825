#include "compose/AddressFieldParser.h"

#include "store/AddressListSplit.h"

#include <QCoreApplication>
#include <QStringList>

namespace Petrel::Ui {

namespace {

QString unquotedName(QString name)
{
    name = name.trimmed();
    if (name.size() >= 2 && name.startsWith(QLatin1Char('"')) && name.endsWith(QLatin1Char('"'))) {
        name = name.mid(1, name.size() - 2);
        QString plain;
        for (qsizetype i = 0; i < name.size(); ++i) {
            if (name.at(i) == QLatin1Char('\\') && i + 1 < name.size())
                ++i;
            plain += name.at(i);
        }
        return plain;
    }
    return name;
}

bool plausibleAddress(const QString &address)
{
    const qsizetype at = address.lastIndexOf(QLatin1Char('@'));
    if (at <= 0 || at == address.size() - 1)
        return false;
    for (const QChar c : address) {
        if (c.isSpace() || c == QLatin1Char('<') || c == QLatin1Char('>') || c == QLatin1Char(',')
            || c == QLatin1Char('"'))
            return false;
    }
    return true;
}

} // namespace

AddressFieldResult parseAddressField(const QString &text)
{
    AddressFieldResult result;
    for (const QString &entry : Store::splitAddressList(text, QStringLiteral(",;"))) {
        Mime::MailAddress address;
        const qsizetype open = entry.lastIndexOf(QLatin1Char('<'));
        const qsizetype close = entry.lastIndexOf(QLatin1Char('>'));
        if (open >= 0 && close > open && entry.mid(close + 1).trimmed().isEmpty()) {
            address.name = unquotedName(entry.left(open));
            address.address = entry.mid(open + 1, close - open - 1).trimmed();
        } else {
            address.address = entry;
        }
        if (!plausibleAddress(address.address)) {
            result.error = QCoreApplication::translate("Petrel::Ui::AddressFieldParser", "\"%1\" is not a mail address.").arg(entry);
            result.addresses.clear();
            return result;
        }
        result.addresses << address;
    }
    return result;
}

} // namespace Petrel::Ui
