#pragma once

#include <QString>

namespace Petrel::Mime {

// A fresh, globally unique Message-ID (bare, without angle brackets): a random part from the
// system's cryptographic generator and the domain of the sender's address ("petrel.invalid" when
// the address has none), so that no two messages of any client share one.
QString generateMessageId(const QString &senderAddress);

} // namespace Petrel::Mime
