#include "net/ConnectionError.h"

#include <QCoreApplication>

namespace Petrel::Net {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Petrel::Net::ConnectionError", text);
}

QString userMessage(ConnectionError::Kind kind)
{
    using K = ConnectionError::Kind;
    switch (kind) {
    case K::HostNotFound:
        return tr("The server %1 could not be found. Check the server name and your network connection.");
    case K::ConnectionRefused:
        return tr(
            "The server %1 refused the connection. Check the port number and that the server is running.");
    case K::ConnectTimeout:
        return tr("The server %1 did not answer in time while connecting. Check the server name, the port "
                  "and the security setting, then try again.");
    case K::IdleTimeout:
        return tr(
            "The server %1 stopped answering. Petrel will reconnect; if this repeats, check your network.");
    case K::RemoteClosed:
        return tr("The server %1 closed the connection unexpectedly. Try again later.");
    case K::NetworkError:
        return tr("A network error interrupted the connection to %1. Check your network connection.");
    case K::UntrustedCertificate:
        return tr("The certificate of %1 is not signed by an authority Petrel trusts. Do not continue unless "
                  "you can confirm its fingerprint with your provider.");
    case K::CertificateExpired:
        return tr("The certificate of %1 has expired. Ask your provider to renew it, or check your "
                  "computer's date and time.");
    case K::CertificateNotYetValid:
        return tr("The certificate of %1 is not valid yet. Check your computer's date and time.");
    case K::HostnameMismatch:
        return tr("The certificate presented by %1 belongs to a different server name. Check the server "
                  "name in the account settings.");
    case K::SelfSigned:
        return tr("The certificate of %1 is self-signed. Accept it only if you can confirm its fingerprint "
                  "with the server's administrator.");
    case K::PinMismatch:
        return tr("The certificate of %1 differs from the one you accepted earlier. It may have been "
                  "renewed, or someone may be intercepting the connection: confirm the new fingerprint "
                  "before accepting it.");
    case K::TlsVersionTooOld:
        return tr("The server %1 only offers an outdated, insecure TLS version. Ask your provider to "
                  "enable TLS 1.2 or later.");
    case K::TlsHandshakeFailed:
        return tr("A secure connection to %1 could not be negotiated. Check the port and the security "
                  "setting (SSL/TLS or STARTTLS).");
    case K::StartTlsInjection:
        return tr("The server %1 sent unexpected data while switching to encryption, which can mean an "
                  "attack on the connection. Petrel disconnected to protect your data.");
    case K::LineTooLong:
        return tr("The server %1 sent a line longer than Petrel accepts. Petrel disconnected; try again "
                  "later or contact your provider.");
    case K::Cancelled:
        return tr("The connection to %1 was cancelled.");
    }
    return tr("The connection to %1 failed.");
}

} // namespace

ConnectionError ConnectionError::make(Kind kind, const QString &host, const QString &detail)
{
    ConnectionError error;
    error.kind = kind;
    error.message = userMessage(kind).arg(host);
    error.detail = detail;
    return error;
}

bool ConnectionError::isCertificateError() const
{
    switch (kind) {
    case Kind::UntrustedCertificate:
    case Kind::CertificateExpired:
    case Kind::CertificateNotYetValid:
    case Kind::HostnameMismatch:
    case Kind::SelfSigned:
    case Kind::PinMismatch:
        return true;
    default:
        return false;
    }
}

QString ConnectionError::kindName(Kind kind)
{
    using K = Kind;
    switch (kind) {
    case K::HostNotFound:
        return QStringLiteral("HostNotFound");
    case K::ConnectionRefused:
        return QStringLiteral("ConnectionRefused");
    case K::ConnectTimeout:
        return QStringLiteral("ConnectTimeout");
    case K::IdleTimeout:
        return QStringLiteral("IdleTimeout");
    case K::RemoteClosed:
        return QStringLiteral("RemoteClosed");
    case K::NetworkError:
        return QStringLiteral("NetworkError");
    case K::UntrustedCertificate:
        return QStringLiteral("UntrustedCertificate");
    case K::CertificateExpired:
        return QStringLiteral("CertificateExpired");
    case K::CertificateNotYetValid:
        return QStringLiteral("CertificateNotYetValid");
    case K::HostnameMismatch:
        return QStringLiteral("HostnameMismatch");
    case K::SelfSigned:
        return QStringLiteral("SelfSigned");
    case K::PinMismatch:
        return QStringLiteral("PinMismatch");
    case K::TlsVersionTooOld:
        return QStringLiteral("TlsVersionTooOld");
    case K::TlsHandshakeFailed:
        return QStringLiteral("TlsHandshakeFailed");
    case K::StartTlsInjection:
        return QStringLiteral("StartTlsInjection");
    case K::LineTooLong:
        return QStringLiteral("LineTooLong");
    case K::Cancelled:
        return QStringLiteral("Cancelled");
    }
    return QStringLiteral("Unknown");
}

} // namespace Petrel::Net
