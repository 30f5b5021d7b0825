#pragma once

#include <QByteArray>
#include <QMetaType>
#include <QString>

namespace Petrel::Net {

// Why a connection ended against the caller's will. Every failure closes the connection.
struct ConnectionError
{
    enum class Kind {
        HostNotFound,
        ConnectionRefused,
        ConnectTimeout,
        IdleTimeout,
        RemoteClosed,
        NetworkError,
        UntrustedCertificate,
        CertificateExpired,
        CertificateNotYetValid,
        HostnameMismatch,
        SelfSigned,
        PinMismatch,
        TlsVersionTooOld,
        TlsHandshakeFailed,
        StartTlsInjection,
        LineTooLong,
        Cancelled,
    };

    Kind kind = Kind::NetworkError;
    QString message;              // for users: what happened and what to do
    QString detail;               // Qt's / OpenSSL's own words, for logs and "details"
    QByteArray certificateSha256; // certificate errors: raw digest, so the UI can offer to pin it
    QString certificateSubject;

    // An error of `kind` about `host`, with the standard user message.
    static ConnectionError make(Kind kind, const QString &host, const QString &detail = {});
    // True for the kinds a user may resolve by accepting (pinning) the certificate.
    bool isCertificateError() const;
    static QString kindName(Kind kind);
};

} // namespace Petrel::Net

Q_DECLARE_METATYPE(Petrel::Net::ConnectionError)
