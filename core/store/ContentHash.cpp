#include "store/ContentHash.h"

#include <QCryptographicHash>

#ifdef PETREL_HAVE_OPENSSL_CRYPTO
#include <openssl/evp.h>
#endif

namespace Petrel::Store {

QByteArray sha256Hex(const QByteArray &bytes)
{
#ifdef PETREL_HAVE_OPENSSL_CRYPTO
    // Qt 6.4 hashes with its own portable code; OpenSSL uses the CPU's SHA extensions where it has
    // them: 220 MB of mail in 0.26 s instead of 1.5 s here (README, Benchmarks). Every message
    // downloaded is hashed once, on the sync's thread.
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(bytes.constData(), size_t(bytes.size()), digest, &length, EVP_sha256(), nullptr) == 1 &&
        length == 32) {
        return QByteArray(reinterpret_cast<const char *>(digest), qsizetype(length)).toHex();
    }
    // An OpenSSL configured without SHA-256 (a restricted provider): Qt's own, same digest.
#endif
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
}

} // namespace Petrel::Store
