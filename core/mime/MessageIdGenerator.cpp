#include "mime/MessageIdGenerator.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QUrl>

namespace Petrel::Mime {

namespace {

QString domainOf(const QString &address)
{
    const qsizetype at = address.lastIndexOf(QLatin1Char('@'));
    const QString domain = at < 0 ? QString() : address.mid(at + 1).trimmed();
    // Only plain host names: anything odd would make the id itself invalid.
    const QString ace = QString::fromLatin1(QUrl::toAce(domain)).toLower();
    if (ace.isEmpty())
        return QStringLiteral("petrel.invalid");
    for (const QChar c : ace) {
        if (!(c.isLetterOrNumber() || c == QLatin1Char('.') || c == QLatin1Char('-')))
            return QStringLiteral("petrel.invalid");
    }
    return ace;
}

} // namespace

QString generateMessageId(const QString &senderAddress)
{
    quint32 words[4];
    QRandomGenerator::system()->fillRange(words);
    QByteArray random(reinterpret_cast<const char *>(words), sizeof(words));
    const QByteArray randomPart = random.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    const QString time = QString::number(QDateTime::currentMSecsSinceEpoch(), 36);
    return QString(time + QLatin1Char('.') + QString::fromLatin1(randomPart) + QLatin1Char('@') + domainOf(senderAddress));
}

} // namespace Petrel::Mime
