#include "compose/AddressFieldParser.h"

#include <QObject>
#include <QStringList>

namespace Petrel::Ui {

namespace {

QStringList splitEntries(const QString &text)
{
    QStringList entries;
    QString current;
    bool quoted = false;
    bool angle = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted && c == QLatin1Char('\\') && i + 1 < text.size()) {
            current += c;
            current += text.at(++i);
            continue;
        }
        if (c == QLatin1Char('"') && !angle)
            quoted = !quoted;
        else if (c == QLatin1Char('<') && !quoted)
            angle = true;
        else if (c == QLatin1Char('>') && !quoted)
            angle = false;
        if ((c == QLatin1Char(',') || c == QLatin1Char(';')) && !quoted && !angle) {
            entries << current.trimmed();
            current.clear();
            continue;
        }
        current += c;
    }
    entries << current.trimmed();
    entries.removeAll(QString());
    return entries;
}

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
    for (const QString &entry : splitEntries(text)) {
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
            result.error = QObject::tr("\"%1\" is not a mail address.").arg(entry);
            result.addresses.clear();
            return result;
        }
        result.addresses << address;
    }
    return result;
}

} // namespace Petrel::Ui
