#include "net/Fingerprint.h"

#include <QCryptographicHash>
#include <QSslCertificate>

namespace Petrel::Net {

namespace {
constexpr int Sha256Size = 32;
}

QByteArray certificateSha256(const QSslCertificate &certificate)
{
    if (certificate.isNull())
        return {};
    return certificate.digest(QCryptographicHash::Sha256);
}

QString formatFingerprint(const QByteArray &digest)
{
    return QString::fromLatin1(digest.toHex(':').toUpper());
}

QByteArray parseFingerprint(const QByteArray &text)
{
    if (text.size() == Sha256Size)
        return text;
    QByteArray hex;
    hex.reserve(Sha256Size * 2);
    for (const char c : text) {
        if (c == ':' || c == ' ')
            continue;
        const bool isHex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        if (!isHex || hex.size() == Sha256Size * 2)
            return {};
        hex.append(c);
    }
    if (hex.size() != Sha256Size * 2)
        return {};
    return QByteArray::fromHex(hex);
}

} // namespace Petrel::Net
