// Modified UTF-7 (RFC 3501 5.1.3): exact encodings, round trips and refusal of invalid input.
#include "imap/ImapModifiedUtf7.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Petrel::Imap;

class TestImapUtf7 : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void encodeDecode_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QByteArray>("encoded");
        QTest::newRow("ascii") << QStringLiteral("INBOX/Sent") << QByteArray("INBOX/Sent");
        QTest::newRow("ampersand") << QStringLiteral("Tom & Jerry") << QByteArray("Tom &- Jerry");
        QTest::newRow("rfc example") << QString::fromUtf8("~peter/mail/台北/日本語")
                                     << QByteArray("~peter/mail/&U,BTFw-/&ZeVnLIqe-");
        QTest::newRow("accents") << QString::fromUtf8("Entwürfe") << QByteArray("Entw&APw-rfe");
        QTest::newRow("one char") << QString::fromUtf8("é") << QByteArray("&AOk-");
        QTest::newRow("two chars") << QString::fromUtf8("éé") << QByteArray("&AOkA6Q-");
        QTest::newRow("emoji surrogates") << QString::fromUtf8("📧") << QByteArray("&2D3c5w-");
        QTest::newRow("empty") << QString() << QByteArray();
        QTest::newRow("control char") << QStringLiteral("a\tb") << QByteArray("a&AAk-b");
    }
    void encodeDecode()
    {
        QFETCH(QString, text);
        QFETCH(QByteArray, encoded);
        QCOMPARE(ImapModifiedUtf7::encode(text), encoded);
        const auto decoded = ImapModifiedUtf7::decode(encoded);
        QVERIFY(decoded);
        QCOMPARE(*decoded, text);
        QCOMPARE(ImapModifiedUtf7::decodeLenient(encoded), text);
    }

    void randomUnicodeRoundTrips()
    {
        QRandomGenerator rng(20261122);
        for (int round = 0; round < 2000; ++round) {
            QString text;
            const int length = int(rng.bounded(12));
            for (int i = 0; i < length; ++i) {
                const quint32 kind = rng.bounded(4);
                char32_t cp = kind == 0   ? char32_t(0x20 + rng.bounded(0x5f))
                              : kind == 1 ? char32_t(0x80 + rng.bounded(0xd000))
                              : kind == 2 ? char32_t(0xe000 + rng.bounded(0x1fff))
                                          : char32_t(0x10000 + rng.bounded(0xfffff));
                text += QString::fromUcs4(&cp, 1);
            }
            const QByteArray encoded = ImapModifiedUtf7::encode(text);
            for (const char c : encoded)
                QVERIFY2(c >= 0x20 && c <= 0x7e, encoded.constData());
            const auto decoded = ImapModifiedUtf7::decode(encoded);
            QVERIFY2(decoded, encoded.constData());
            QCOMPARE(*decoded, text);
        }
    }

    void invalid_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("lenient");
        const QString bad = QString(QChar(QChar::ReplacementCharacter));
        QTest::newRow("unterminated shift") << QByteArray("abc&AOk") << QStringLiteral("abc") + bad;
        QTest::newRow("bad base64 char")
            << QByteArray("a&A*k-b") << QStringLiteral("a") + bad + QStringLiteral("b");
        QTest::newRow("non-zero padding") << QByteArray("&AOl-") << bad;
        QTest::newRow("excess sextet") << QByteArray("&AOkA-") << bad;
        QTest::newRow("encoded printable ascii") << QByteArray("&AGE-") << bad;
        QTest::newRow("unpaired high surrogate") << QByteArray("&2D0-") << bad;
        QTest::newRow("lone low surrogate") << QByteArray("&3OY-") << bad;
        QTest::newRow("8-bit byte") << QByteArray("caf\xc3\xa9") << QStringLiteral("caf") + bad + bad;
        QTest::newRow("standard base64 slash") << QByteArray("&AOk/-") << bad;
    }
    void invalid()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, lenient);
        QString error;
        QVERIFY(!ImapModifiedUtf7::decode(bytes, &error));
        QVERIFY(!error.isEmpty());
        QCOMPARE(ImapModifiedUtf7::decodeLenient(bytes), lenient);
    }

    void ampersandDashAlone()
    {
        QCOMPARE(ImapModifiedUtf7::decode("&-"), std::optional<QString>(QStringLiteral("&")));
        QCOMPARE(ImapModifiedUtf7::decode("&-&-"), std::optional<QString>(QStringLiteral("&&")));
    }
};

QTEST_GUILESS_MAIN(TestImapUtf7)
#include "tst_imap_utf7.moc"
