#pragma once

#include <QByteArray>
#include <QString>

class QSslCertificate;

namespace Petrel::Net {

// SHA-256 of the certificate's DER encoding: the identity a user pins.
QByteArray certificateSha256(const QSslCertificate &certificate);

// "AB:CD:..." (upper-case hex pairs) for a raw digest; empty for an empty digest.
QString formatFingerprint(const QByteArray &digest);

// A stored or typed fingerprint back to its raw 32-byte digest. Accepts the raw digest itself or
// 64 hex digits with optional ':' or space separators; anything else gives an empty array.
QByteArray parseFingerprint(const QByteArray &text);

} // namespace Petrel::Net
