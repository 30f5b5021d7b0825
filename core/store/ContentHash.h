#pragma once

#include <QByteArray>
#include <QString>

namespace Petrel::Store {

// SHA-256 of the bytes as lower-case hex: the content hash the store keeps for every message (the
// duplicate check) and the identity of a POP3 message on a server without UIDL. OpenSSL's digest
// where the build found OpenSSL, QCryptographicHash otherwise: the same hex either way, so hashes
// stored by one build are recognised by the other.
QByteArray sha256Hex(const QByteArray &bytes);

inline QString contentHash(const QByteArray &raw)
{
    return QString::fromLatin1(sha256Hex(raw));
}

} // namespace Petrel::Store
