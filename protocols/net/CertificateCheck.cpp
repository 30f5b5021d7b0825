#include "net/CertificateCheck.h"

#include "net/Fingerprint.h"

#include <QSslCertificate>
#include <QStringList>

#include <algorithm>

namespace Petrel::Net {

namespace {

using Kind = ConnectionError::Kind;

bool isUntrustedChain(QSslError::SslError e)
{
    switch (e) {
    case QSslError::UnableToGetIssuerCertificate:
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToVerifyFirstCertificate:
    case QSslError::SelfSignedCertificateInChain:
    case QSslError::CertificateUntrusted:
    case QSslError::CertificateRejected:
    case QSslError::InvalidCaCertificate:
    case QSslError::PathLengthExceeded:
    case QSslError::InvalidPurpose:
    case QSslError::CertificateRevoked:
    case QSslError::CertificateSignatureFailed:
    case QSslError::UnableToDecryptCertificateSignature:
    case QSslError::UnableToDecodeIssuerPublicKey:
        return true;
    default:
        return false;
    }
}

// Most fundamental first: who vouches for the certificate, then its dates, then its name.
Kind kindFor(const QList<QSslError> &errors)
{
    const auto has = [&errors](auto predicate) {
        return std::any_of(errors.cbegin(), errors.cend(),
                           [&](const QSslError &e) { return predicate(e.error()); });
    };
    if (has([](QSslError::SslError e) { return e == QSslError::SelfSignedCertificate; }))
        return Kind::SelfSigned;
    if (has(isUntrustedChain))
        return Kind::UntrustedCertificate;
    if (has([](QSslError::SslError e) { return e == QSslError::CertificateExpired; }))
        return Kind::CertificateExpired;
    if (has([](QSslError::SslError e) { return e == QSslError::CertificateNotYetValid; }))
        return Kind::CertificateNotYetValid;
    if (has([](QSslError::SslError e) { return e == QSslError::HostNameMismatch; }))
        return Kind::HostnameMismatch;
    return Kind::UntrustedCertificate;
}

} // namespace

std::optional<ConnectionError> judgeSslErrors(const QList<QSslError> &errors, const QSslCertificate &peer,
                                              const QByteArray &pinnedSha256, const QString &host)
{
    if (errors.isEmpty())
        return std::nullopt;
    const QByteArray digest = certificateSha256(peer);
    const QByteArray pin = parseFingerprint(pinnedSha256);
    if (!pin.isEmpty() && !digest.isEmpty() && digest == pin)
        return std::nullopt;

    QStringList words;
    for (const QSslError &e : errors)
        words.append(e.errorString());
    ConnectionError error = ConnectionError::make(pin.isEmpty() ? kindFor(errors) : Kind::PinMismatch, host,
                                                  words.join(QStringLiteral("; ")));
    error.certificateSha256 = digest;
    error.certificateSubject = peer.subjectDisplayName();
    return error;
}

ConnectionError::Kind classifyHandshakeFailure(const QString &detail)
{
    // OpenSSL's words when the peers share no protocol version: the server's alert, or our refusal
    // of the version it chose.
    const QString lower = detail.toLower();
    if (lower.contains(QLatin1String("protocol version")) ||
        lower.contains(QLatin1String("unsupported protocol")) ||
        lower.contains(QLatin1String("no protocols available")))
        return Kind::TlsVersionTooOld;
    return Kind::TlsHandshakeFailed;
}

} // namespace Petrel::Net
