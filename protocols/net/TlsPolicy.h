#pragma once

#include <QByteArray>
#include <QSsl>
#include <QString>

namespace Petrel::Net {

// What a connection trusts. Verification is never switched off: the only exception is the single
// certificate the user accepted, identified by its SHA-256 fingerprint.
struct TlsPolicy
{
    QString trustedCaFile;   // extra CA certificates (PEM), trusted in addition to the system CAs
    QByteArray pinnedSha256; // a user-accepted certificate: raw 32-byte digest or hex (colons allowed)
    bool useSystemCas = true;
    QSsl::SslProtocol minimum = QSsl::TlsV1_2OrLater;
};

} // namespace Petrel::Net
