#include "mime/MailtoLink.h"

#include <QByteArray>

namespace Petrel::Mime {

namespace {

const QLatin1String Scheme("mailto:");

// Percent-decoding to UTF-8; '+' stays '+' (RFC 6068 section 5), invalid UTF-8 becomes U+FFFD.
QString decoded(QStringView text)
{
    return QString::fromUtf8(QByteArray::fromPercentEncoding(text.toUtf8()));
}

// One line of header text: control characters (CR and LF above all) become spaces.
QString headerText(const QString &value)
{
    QString out;
    out.reserve(value.size());
    for (const QChar c : value)
        out += (c.unicode() < 0x20 || c.unicode() == 0x7f) ? QChar(u' ') : c;
    return out.simplified();
}

bool appendAddresses(QStringList &list, const QString &value, QString *error)
{
    for (const QString &part : value.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString address = headerText(part);
        if (address.isEmpty())
            continue;
        if (list.size() >= MailtoLink::MaxRecipients) {
            if (error)
                *error = QStringLiteral("The mailto: link names more than %1 recipients.").arg(MailtoLink::MaxRecipients);
            return false;
        }
        list << address;
    }
    return true;
}

} // namespace

bool MailtoLink::isMailto(const QString &text)
{
    return text.startsWith(Scheme, Qt::CaseInsensitive);
}

std::optional<MailtoLink> MailtoLink::parse(const QString &text, QString *error)
{
    if (!isMailto(text)) {
        if (error)
            *error = QStringLiteral("Not a mailto: link.");
        return std::nullopt;
    }
    if (text.size() > MaxLinkLength) {
        if (error)
            *error = QStringLiteral("The mailto: link is too long (%1 characters; at most %2).")
                         .arg(text.size())
                         .arg(MaxLinkLength);
        return std::nullopt;
    }
    const QStringView rest = QStringView(text).mid(Scheme.size());
    const qsizetype question = rest.indexOf(QLatin1Char('?'));
    const QStringView toPart = question < 0 ? rest : rest.left(question);
    const QStringView query = question < 0 ? QStringView() : rest.mid(question + 1);

    MailtoLink link;
    if (!appendAddresses(link.to, decoded(toPart), error))
        return std::nullopt;

    for (const QStringView field : query.split(QLatin1Char('&'), Qt::SkipEmptyParts)) {
        const qsizetype equals = field.indexOf(QLatin1Char('='));
        const QString name = decoded(equals < 0 ? field : field.left(equals)).trimmed().toLower();
        const QString value = equals < 0 ? QString() : decoded(field.mid(equals + 1));
        bool ok = true;
        if (name == QLatin1String("to"))
            ok = appendAddresses(link.to, value, error);
        else if (name == QLatin1String("cc"))
            ok = appendAddresses(link.cc, value, error);
        else if (name == QLatin1String("bcc"))
            ok = appendAddresses(link.bcc, value, error);
        else if (name == QLatin1String("subject"))
            link.subject = headerText(value);
        else if (name == QLatin1String("body")) {
            QString body = value;
            body.replace(QLatin1String("\r\n"), QLatin1String("\n"));
            body.replace(QLatin1Char('\r'), QLatin1Char('\n'));
            link.body = body;
        } else if (name == QLatin1String("in-reply-to")) {
            QString id = headerText(value);
            if (id.startsWith(QLatin1Char('<')) && id.endsWith(QLatin1Char('>')))
                id = id.mid(1, id.size() - 2);
            link.inReplyTo = id.contains(QLatin1Char(' ')) ? QString() : id;
        } else if (!name.isEmpty()) {
            link.ignoredFields << headerText(name);
        }
        if (!ok)
            return std::nullopt;
    }
    return link;
}

} // namespace Petrel::Mime
