// Pure parts of Petrel::Net: the bounded line buffer, fingerprints and the error classification.
#include "net/CertificateCheck.h"
#include "net/ConnectionError.h"
#include "net/Fingerprint.h"
#include "net/LineBuffer.h"

#include <QSet>
#include <QSslCertificate>
#include <QTest>

using namespace Petrel::Net;
using Kind = ConnectionError::Kind;

class TestNetUnits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void linesEndInCrlfOrLf()
    {
        LineBuffer buffer(100);
        buffer.append("first\r\nsecond\nthird");
        QCOMPARE(buffer.takeLine(), std::optional<QByteArray>("first"));
        QCOMPARE(buffer.takeLine(), std::optional<QByteArray>("second"));
        QVERIFY(!buffer.takeLine());
        buffer.append("\r");
        QVERIFY(!buffer.hasLine());
        buffer.append("\n");
        QCOMPARE(buffer.takeLine(), std::optional<QByteArray>("third"));
        QVERIFY(buffer.isEmpty());
    }

    void bytesArrivingOneByOne()
    {
        LineBuffer buffer(100);
        const QByteArray text = "a1 OK done\r\n";
        for (const char c : text) {
            QVERIFY(!buffer.hasLine());
            buffer.append(QByteArray(1, c));
        }
        QCOMPARE(buffer.takeLine(), std::optional<QByteArray>("a1 OK done"));
    }

    void limitIsExclusiveOfTheTerminator()
    {
        LineBuffer buffer(5);
        buffer.append("12345\r\n");
        QVERIFY(!buffer.isOverlong());
        QCOMPARE(buffer.takeLine(), std::optional<QByteArray>("12345"));
        buffer.append("123456\n");
        QVERIFY(buffer.isOverlong());
        QVERIFY(!buffer.takeLine()); // an overlong line is never handed out
    }

    void noTerminatorWithinTheLimitIsOverlong()
    {
        LineBuffer buffer(5);
        buffer.append("12345\r");
        QVERIFY(!buffer.isOverlong()); // the '\n' may still come
        QCOMPARE(buffer.room(), 2);
        buffer.append("6");
        QVERIFY(buffer.isOverlong());
        QCOMPARE(buffer.room(), 1); // the owner can never buffer much more than the limit
    }

    void rawBytesForLiterals()
    {
        LineBuffer buffer(4);
        buffer.append("abcdefgh\r\nOK\r\n");
        QCOMPARE(buffer.take(8), QByteArray("abcdefgh"));
        QCOMPARE(buffer.takeLine(), std::optional<QByteArray>(""));
        QCOMPARE(buffer.takeLine(), std::optional<QByteArray>("OK"));
        QCOMPARE(buffer.take(10), QByteArray());
    }

    // The same stream cut at every possible chunk size gives the same lines.
    void anyChunkingGivesTheSameLines()
    {
        const QByteArray stream = "* OK ready\r\n\r\n* 1 EXISTS\nA1 OK \xc3\xa9t\xc3\xa9\r\nlast\r\n";
        const QList<QByteArray> expected{"* OK ready", "", "* 1 EXISTS", "A1 OK \xc3\xa9t\xc3\xa9", "last"};
        for (int chunk = 1; chunk <= stream.size(); ++chunk) {
            LineBuffer buffer(64);
            QList<QByteArray> lines;
            for (int at = 0; at < stream.size(); at += chunk) {
                buffer.append(stream.mid(at, chunk));
                while (const auto line = buffer.takeLine())
                    lines.append(*line);
            }
            QCOMPARE(lines, expected);
            QVERIFY(buffer.isEmpty());
        }
    }

    void fingerprintFormatAndParse()
    {
        const QByteArray digest =
            QByteArray::fromHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
        const QString text = formatFingerprint(digest);
        QCOMPARE(text.left(12), QStringLiteral("00:11:22:33:"));
        QCOMPARE(text.size(), 32 * 3 - 1);
        QCOMPARE(parseFingerprint(text.toLatin1()), digest);
        QCOMPARE(parseFingerprint(digest.toHex()), digest);
        QCOMPARE(parseFingerprint(digest), digest);
        QVERIFY(parseFingerprint("00:11").isEmpty());
        QVERIFY(parseFingerprint(digest.toHex() + "00").isEmpty());
        QVERIFY(parseFingerprint(QByteArray(64, 'g')).isEmpty());
        QCOMPARE(formatFingerprint({}), QString());
    }

    void certificateErrorsMapToTheirKind_data()
    {
        QTest::addColumn<QList<int>>("errors");
        QTest::addColumn<int>("kind");
        QTest::newRow("expired") << QList<int>{QSslError::CertificateExpired}
                                 << int(Kind::CertificateExpired);
        QTest::newRow("future") << QList<int>{QSslError::CertificateNotYetValid}
                                << int(Kind::CertificateNotYetValid);
        QTest::newRow("name") << QList<int>{QSslError::HostNameMismatch} << int(Kind::HostnameMismatch);
        QTest::newRow("self-signed") << QList<int>{QSslError::SelfSignedCertificate,
                                                   QSslError::HostNameMismatch}
                                     << int(Kind::SelfSigned);
        QTest::newRow("unknown CA") << QList<int>{QSslError::HostNameMismatch,
                                                  QSslError::UnableToGetLocalIssuerCertificate,
                                                  QSslError::UnableToVerifyFirstCertificate}
                                    << int(Kind::UntrustedCertificate);
        QTest::newRow("other") << QList<int>{QSslError::InvalidNotAfterField}
                               << int(Kind::UntrustedCertificate);
    }

    void certificateErrorsMapToTheirKind()
    {
        QFETCH(QList<int>, errors);
        QFETCH(int, kind);
        QList<QSslError> list;
        for (int e : errors)
            list.append(QSslError(QSslError::SslError(e)));
        const auto verdict = judgeSslErrors(list, QSslCertificate(), {}, QStringLiteral("mail.example.org"));
        QVERIFY(verdict);
        QCOMPARE(int(verdict->kind), kind);
        QVERIFY(verdict->message.contains(QLatin1String("mail.example.org")));
        QVERIFY(!verdict->detail.isEmpty());
        QVERIFY(verdict->isCertificateError());
    }

    void pinNeverMatchesAMissingCertificate()
    {
        const QByteArray pin(32, 'x');
        const auto verdict = judgeSslErrors({QSslError(QSslError::SelfSignedCertificate)}, QSslCertificate(),
                                            pin, QStringLiteral("h"));
        QVERIFY(verdict);
        QCOMPARE(verdict->kind, Kind::PinMismatch);
        QVERIFY(!judgeSslErrors({}, QSslCertificate(), pin, QStringLiteral("h"))); // nothing to judge
    }

    void handshakeFailures()
    {
        QCOMPARE(classifyHandshakeFailure(
                     QStringLiteral("error:0A00042E:SSL routines::tlsv1 alert protocol version")),
                 Kind::TlsVersionTooOld);
        QCOMPARE(
            classifyHandshakeFailure(QStringLiteral("error:0A000102:SSL routines::unsupported protocol")),
            Kind::TlsVersionTooOld);
        QCOMPARE(
            classifyHandshakeFailure(QStringLiteral("error:0A00010B:SSL routines::wrong version number")),
            Kind::TlsHandshakeFailed);
    }

    void everyKindHasItsOwnMessage()
    {
        QSet<QString> messages;
        for (int k = int(Kind::HostNotFound); k <= int(Kind::Cancelled); ++k) {
            const ConnectionError e = ConnectionError::make(Kind(k), QStringLiteral("imap.example.org"));
            QVERIFY2(e.message.contains(QLatin1String("imap.example.org")), qPrintable(e.message));
            QVERIFY(e.message.endsWith(QLatin1Char('.')));
            QCOMPARE_NE(ConnectionError::kindName(Kind(k)), QStringLiteral("Unknown"));
            messages.insert(e.message);
        }
        QCOMPARE(messages.size(), int(Kind::Cancelled) + 1);
    }
};

QTEST_GUILESS_MAIN(TestNetUnits)
#include "tst_net_units.moc"
