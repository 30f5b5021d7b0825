// The store's content hash: SHA-256 as lower-case hex, the same whichever implementation the build
// uses, so hashes stored before (by QCryptographicHash) still find their duplicates.
#include "store/ContentHash.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QTest>

using Petrel::Store::contentHash;
using Petrel::Store::sha256Hex;

class StoreContentHashTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void knownDigests()
    {
        // FIPS 180-2 examples.
        QCOMPARE(sha256Hex(QByteArray()),
                 QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        QCOMPARE(sha256Hex("abc"), QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        QCOMPARE(contentHash("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
                 QStringLiteral("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"));
    }

    // Lengths around SHA-256's 64-byte blocks and its 56-byte padding limit, and a message-sized
    // buffer: the same hex as Qt's own implementation.
    void sameAsQCryptographicHash()
    {
        QRandomGenerator random(7);
        for (const qsizetype size : {1, 55, 56, 63, 64, 65, 119, 120, 1000, 3 * 1024 * 1024 + 17}) {
            QByteArray bytes(size, Qt::Uninitialized);
            for (char &c : bytes)
                c = char(random.bounded(256));
            QCOMPARE(sha256Hex(bytes), QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
        }
    }
};

QTEST_GUILESS_MAIN(StoreContentHashTest)
#include "tst_store_content_hash.moc"
