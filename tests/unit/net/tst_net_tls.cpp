// Connection's TLS: implicit TLS and STARTTLS against a local server, certificate verification
// with freshly generated certificates, pinning, and the STARTTLS injection defence.
#include "FakeServer.h"
#include "NetClient.h"
#include "TestCertificates.h"

#include "net/Fingerprint.h"

#include <QProcess>
#include <QTcpServer>
#include <QTest>

using namespace Petrel::Net;
using Kind = ConnectionError::Kind;

class TestNetTls : public QObject
{
    Q_OBJECT

private:
    TestCertificates m_certs;

    ConnectionSettings tlsSettings(quint16 port, Security security = Security::ImplicitTls)
    {
        ConnectionSettings s = loopback(port, security);
        s.tls.trustedCaFile = m_certs.caFile();
        return s;
    }

    // Client side of "a STARTTLS" up to the server's positive reply; the server's reply is `reply`.
    void negotiateStartTls(FakeServer &server, NetClient &client, const QByteArray &reply)
    {
        server.setGreeting("* OK ready\r\n");
        QVERIFY(server.start());
        QObject::connect(&server, &FakeServer::dataReceived, &server, [&server, reply] {
            if (server.received() == "a STARTTLS\r\n") {
                server.send(reply);
                server.startTls();
            }
        });
        client.autoRead = false;
        QObject::connect(&client.connection, &Connection::readyRead, &client.connection, [&client] {
            while (const auto line = client.connection.readLine()) {
                client.lines.append(*line);
                if (*line == "* OK ready") {
                    client.connection.write("a STARTTLS\r\n");
                } else if (line->startsWith("a OK")) {
                    client.connection.startTls(); // as a protocol does: at once, not after more reading
                    return;
                }
            }
        });
        client.connection.connectToServer(tlsSettings(server.port(), Security::StartTls));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QSslSocket::supportsSsl(), "Qt has no TLS backend");
        const QString error = m_certs.generate();
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void implicitTlsVerified_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<bool>("systemCas");
        QTest::newRow("IP address") << QStringLiteral("127.0.0.1") << true;
        QTest::newRow("host name") << QStringLiteral("localhost") << true;
        QTest::newRow("only the CA file") << QStringLiteral("127.0.0.1") << false;
    }

    void implicitTlsVerified()
    {
        QFETCH(QString, host);
        QFETCH(bool, systemCas);
        FakeServer server(FakeServer::Mode::ImplicitTls);
        server.setIdentity(m_certs.good().certificate, m_certs.good().key);
        server.setGreeting("* OK secure\r\n");
        QVERIFY(server.start());
        NetClient client;
        QList<QByteArray> order;
        QObject::connect(&client.connection, &Connection::encrypted, &client.connection,
                         [&] { order << "encrypted"; });
        QObject::connect(&client.connection, &Connection::connected, &client.connection,
                         [&] { order << (client.connection.isEncrypted() ? "connected+tls" : "connected"); });
        ConnectionSettings settings = tlsSettings(server.port());
        settings.host = host;
        settings.tls.useSystemCas = systemCas;
        client.connection.connectToServer(settings);
        QVERIFY2(client.connectedSpy.wait(10000), qPrintable(client.error().detail));
        QCOMPARE(order, (QList<QByteArray>{"encrypted", "connected+tls"}));
        QVERIFY(client.connection.isEncrypted());
        const QSsl::SslProtocol protocol = client.connection.sessionProtocol();
        QVERIFY(protocol == QSsl::TlsV1_3 || protocol == QSsl::TlsV1_2);
        QCOMPARE(client.connection.peerCertificateSha256(),
                 TestCertificates::sha256(m_certs.good().certificate));
        QTRY_COMPARE_WITH_TIMEOUT(client.lines, QList<QByteArray>{"* OK secure"}, 5000);
        QVERIFY(client.connection.write("a1 CAPABILITY\r\n"));
        QTRY_COMPARE_WITH_TIMEOUT(server.received(), QByteArray("a1 CAPABILITY\r\n"), 5000);
        QVERIFY(server.client()->isEncrypted());
    }

    // Bulk data over TLS through the bounded read buffers: nothing lost, nothing stalls.
    void largeTransferOverTls()
    {
        FakeServer server(FakeServer::Mode::ImplicitTls);
        server.setIdentity(m_certs.good().certificate, m_certs.good().key);
        QVERIFY(server.start());
        NetClient client;
        client.autoRead = false;
        QByteArray received;
        QObject::connect(&client.connection, &Connection::readyRead, &client.connection,
                         [&] { received += client.connection.read(256 * 1024); });
        client.connection.connectToServer(tlsSettings(server.port()));
        QVERIFY2(client.connectedSpy.wait(10000), qPrintable(client.error().detail));
        QTRY_VERIFY_WITH_TIMEOUT(server.client() && server.client()->isEncrypted(), 5000);
        QByteArray payload(4 * 1024 * 1024, '\0');
        for (int i = 0; i < payload.size(); ++i)
            payload[i] = char(i * 7 % 251);
        server.send(payload);
        QTRY_COMPARE_WITH_TIMEOUT(received.size(), payload.size(), 30000);
        QVERIFY(received == payload);
        QVERIFY(client.failedSpy.isEmpty());
    }

    void startTlsUpgrade()
    {
        FakeServer server(FakeServer::Mode::Plain);
        server.setIdentity(m_certs.good().certificate, m_certs.good().key);
        NetClient client;
        negotiateStartTls(server, client, "a OK begin TLS\r\n");
        QVERIFY2(client.encryptedSpy.wait(10000), qPrintable(client.error().detail));
        QCOMPARE(client.connectedSpy.size(), 1);
        QVERIFY(client.connection.isEncrypted());
        QCOMPARE(client.connection.peerCertificateSha256(),
                 TestCertificates::sha256(m_certs.good().certificate));
        QTRY_VERIFY_WITH_TIMEOUT(server.client()->isEncrypted(), 5000);
        server.send("* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n");
        QTRY_COMPARE_WITH_TIMEOUT(client.lines.size(), 3, 5000);
        QCOMPARE(client.lines.last(), QByteArray("* CAPABILITY IMAP4rev1 AUTH=PLAIN"));
        QVERIFY(client.failedSpy.isEmpty());
    }

    // The classic STARTTLS bug: bytes sent in plaintext right after the "go ahead" must never be
    // read as if they had come over TLS.
    void startTlsInjection()
    {
        FakeServer server(FakeServer::Mode::Plain);
        server.setIdentity(m_certs.good().certificate, m_certs.good().key);
        NetClient client;
        negotiateStartTls(server, client, "a OK begin TLS\r\n* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n");
        QVERIFY(client.failedSpy.wait(10000));
        QCOMPARE(client.error().kind, Kind::StartTlsInjection);
        QCOMPARE(client.lines, (QList<QByteArray>{"* OK ready", "a OK begin TLS"}));
        QVERIFY(!client.connection.readLine());
        QCOMPARE(client.connection.bytesAvailable(), 0);
        QVERIFY(client.encryptedSpy.isEmpty());
        QVERIFY(!client.connection.isEncrypted());
    }

    // STARTTLS verifies exactly like implicit TLS, host name included.
    void startTlsChecksTheHostName()
    {
        FakeServer server(FakeServer::Mode::Plain);
        server.setIdentity(m_certs.wrongName().certificate, m_certs.wrongName().key);
        NetClient client;
        negotiateStartTls(server, client, "a OK begin TLS\r\n");
        QVERIFY(client.failedSpy.wait(10000));
        QCOMPARE(ConnectionError::kindName(client.error().kind),
                 ConnectionError::kindName(Kind::HostnameMismatch));
        QCOMPARE(client.error().certificateSha256, TestCertificates::sha256(m_certs.wrongName().certificate));
        QVERIFY(client.encryptedSpy.isEmpty());
    }

    void certificateRefused_data()
    {
        QTest::addColumn<int>("which");
        QTest::addColumn<int>("kind");
        QTest::newRow("expired") << 0 << int(Kind::CertificateExpired);
        QTest::newRow("not yet valid") << 1 << int(Kind::CertificateNotYetValid);
        QTest::newRow("wrong name") << 2 << int(Kind::HostnameMismatch);
        QTest::newRow("self-signed") << 3 << int(Kind::SelfSigned);
        QTest::newRow("unknown CA") << 4 << int(Kind::UntrustedCertificate);
    }

    void certificateRefused()
    {
        QFETCH(int, which);
        QFETCH(int, kind);
        const TestCertificates::Identity identities[] = {m_certs.expired(), m_certs.notYetValid(),
                                                         m_certs.wrongName(), m_certs.selfSigned(),
                                                         m_certs.untrustedCa()};
        const TestCertificates::Identity id = identities[which];
        FakeServer server(FakeServer::Mode::ImplicitTls);
        server.setIdentity(id.certificate, id.key);
        QVERIFY(server.start());
        NetClient client;
        client.connection.connectToServer(tlsSettings(server.port()));
        QVERIFY(client.failedSpy.wait(10000));
        const ConnectionError error = client.error();
        QCOMPARE(ConnectionError::kindName(error.kind), ConnectionError::kindName(Kind(kind)));
        QCOMPARE(error.certificateSha256, TestCertificates::sha256(id.certificate));
        QVERIFY(!error.certificateSubject.isEmpty());
        QVERIFY(error.isCertificateError());
        QVERIFY(!error.detail.isEmpty());
        QVERIFY(client.connectedSpy.isEmpty());
        QVERIFY(client.encryptedSpy.isEmpty());
        QVERIFY(!client.connection.isEncrypted());
    }

    void pinnedCertificateAccepted_data()
    {
        QTest::addColumn<bool>("asText");
        QTest::newRow("raw digest") << false;
        QTest::newRow("AB:CD text") << true;
    }

    void pinnedCertificateAccepted()
    {
        QFETCH(bool, asText);
        FakeServer server(FakeServer::Mode::ImplicitTls);
        server.setIdentity(m_certs.selfSigned().certificate, m_certs.selfSigned().key);
        server.setGreeting("+OK pinned\r\n");
        QVERIFY(server.start());
        NetClient client;
        ConnectionSettings settings = tlsSettings(server.port());
        const QByteArray digest = TestCertificates::sha256(m_certs.selfSigned().certificate);
        settings.tls.pinnedSha256 = asText ? formatFingerprint(digest).toLatin1() : digest;
        client.connection.connectToServer(settings);
        QVERIFY2(client.connectedSpy.wait(10000), qPrintable(client.error().detail));
        QVERIFY(client.connection.isEncrypted());
        QCOMPARE(client.connection.peerCertificateSha256(), digest);
        QTRY_COMPARE_WITH_TIMEOUT(client.lines, QList<QByteArray>{"+OK pinned"}, 5000);
    }

    // A pin is an exception for a certificate that fails verification, not a second lock: a server
    // that moved to a properly trusted certificate keeps working.
    void verifiedCertificateNeedsNoPin()
    {
        FakeServer server(FakeServer::Mode::ImplicitTls);
        server.setIdentity(m_certs.good().certificate, m_certs.good().key);
        QVERIFY(server.start());
        NetClient client;
        ConnectionSettings settings = tlsSettings(server.port());
        settings.tls.pinnedSha256 = TestCertificates::sha256(m_certs.selfSigned().certificate);
        client.connection.connectToServer(settings);
        QVERIFY2(client.connectedSpy.wait(10000), qPrintable(client.error().detail));
        QCOMPARE(client.connection.peerCertificateSha256(),
                 TestCertificates::sha256(m_certs.good().certificate));
    }

    void otherPinRefused()
    {
        FakeServer server(FakeServer::Mode::ImplicitTls);
        server.setIdentity(m_certs.selfSigned().certificate, m_certs.selfSigned().key);
        QVERIFY(server.start());
        NetClient client;
        ConnectionSettings settings = tlsSettings(server.port());
        settings.tls.pinnedSha256 = TestCertificates::sha256(m_certs.good().certificate);
        client.connection.connectToServer(settings);
        QVERIFY(client.failedSpy.wait(10000));
        QCOMPARE(client.error().kind, Kind::PinMismatch);
        QCOMPARE(client.error().certificateSha256,
                 TestCertificates::sha256(m_certs.selfSigned().certificate));
        QVERIFY(client.connectedSpy.isEmpty());
    }

    // QSsl::TlsV1_0/1_1 are gone at our deprecation level and the system OpenSSL refuses them at its
    // default security level, so the server plays what a TLS 1.0/1.1-only server answers a TLS 1.2+
    // ClientHello with: a fatal protocol_version alert.
    void outdatedTlsVersionRefused()
    {
        FakeServer server(FakeServer::Mode::VersionAlert);
        QVERIFY(server.start());
        NetClient client;
        client.connection.connectToServer(tlsSettings(server.port()));
        QVERIFY(client.failedSpy.wait(10000));
        QCOMPARE(ConnectionError::kindName(client.error().kind),
                 ConnectionError::kindName(Kind::TlsVersionTooOld));
        QVERIFY(client.connectedSpy.isEmpty());
    }

    // The same against a real TLS 1.1-only server: openssl s_server, allowed TLS 1.1 by lowering its
    // security level. Here our side refuses the version the server picks.
    void realTls11OnlyServerRefused()
    {
        quint16 port = 0;
        {
            QTcpServer probe; // a free loopback port for s_server
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            port = probe.serverPort();
        }
        QProcess server;
        server.setProcessChannelMode(QProcess::MergedChannels);
        server.start(QStringLiteral("openssl"),
                     {QStringLiteral("s_server"), QStringLiteral("-accept"),
                      QStringLiteral("127.0.0.1:") + QString::number(port), QStringLiteral("-naccept"),
                      QStringLiteral("1"), QStringLiteral("-tls1_1"), QStringLiteral("-cipher"),
                      QStringLiteral("DEFAULT:@SECLEVEL=0"), QStringLiteral("-cert"),
                      m_certs.good().certificate, QStringLiteral("-key"), m_certs.good().key});
        QVERIFY(server.waitForStarted(10000));
        QByteArray output;
        QSignalSpy outputSpy(&server, &QProcess::readyReadStandardOutput);
        while (!output.contains("ACCEPT") && server.state() == QProcess::Running && outputSpy.wait(10000))
            output += server.readAll();
        QVERIFY2(output.contains("ACCEPT"), output.constData());

        NetClient client;
        client.connection.connectToServer(tlsSettings(port));
        QVERIFY(client.failedSpy.wait(10000));
        server.kill();
        server.waitForFinished(5000);
        QCOMPARE(ConnectionError::kindName(client.error().kind),
                 ConnectionError::kindName(Kind::TlsVersionTooOld));
        QVERIFY(client.connectedSpy.isEmpty());
    }

    void plaintextServerOnTheTlsPort()
    {
        FakeServer server(FakeServer::Mode::Plain);
        server.setGreeting("* OK plain IMAP here, no TLS\r\n");
        QVERIFY(server.start());
        NetClient client;
        client.connection.connectToServer(tlsSettings(server.port()));
        QVERIFY(client.failedSpy.wait(10000));
        QCOMPARE(ConnectionError::kindName(client.error().kind),
                 ConnectionError::kindName(Kind::TlsHandshakeFailed));
    }

    void unreadableCaFile()
    {
        NetClient client;
        ConnectionSettings settings = loopback(993, Security::ImplicitTls);
        settings.tls.trustedCaFile = QStringLiteral("/nonexistent/petrel-ca.pem");
        client.connection.connectToServer(settings);
        QVERIFY(client.failedSpy.wait(5000));
        QCOMPARE(client.error().kind, Kind::UntrustedCertificate);
        QVERIFY(client.error().detail.contains(settings.tls.trustedCaFile));
    }
};

QTEST_GUILESS_MAIN(TestNetTls)
#include "tst_net_tls.moc"
