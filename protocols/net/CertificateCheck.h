#pragma once

#include "net/ConnectionError.h"

#include <QList>
#include <QSslError>

#include <optional>

class QSslCertificate;

namespace Petrel::Net {

// Judges the verification errors of one handshake. nullopt means "accept": the peer certificate is
// exactly the one the user pinned, and the caller may ignore precisely these errors. Otherwise the
// error to fail with, naming the most fundamental problem and carrying the certificate's identity.
std::optional<ConnectionError> judgeSslErrors(const QList<QSslError> &errors, const QSslCertificate &peer,
                                              const QByteArray &pinnedSha256, const QString &host);

// A failed handshake without certificate errors: an outdated protocol version or anything else.
ConnectionError::Kind classifyHandshakeFailure(const QString &detail);

} // namespace Petrel::Net
