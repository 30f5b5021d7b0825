// Certificate refusal as the protocols see it: an IMAP, POP3 and SMTP session, over implicit TLS
// and over STARTTLS/STLS, against a server presenting an expired, wrong-name, self-signed,
// unknown-CA or changed-since-pinned certificate. Each ends with its own error and message, and
// the server's record of every byte it received holds no credential. Also: TLS 1.2 is the floor,
// and a login without encryption happens only for an account with TLS off, with a logged warning.
#include "ReplaySupport.h"
#include "ScriptServer.h"
#include "TestCertificates.h"

#include "imap/ImapSession.h"
#include "net/ConnectionError.h"
#include "pop3/Pop3Session.h"
#include "smtp/SmtpSession.h"

#include <QScopeGuard>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

using namespace Petrel;
using Net::ConnectionError;
using Net::Security;
using CertKind = Net::ConnectionError::Kind;

namespace {

const QString User = QStringLiteral("fay");
const QString Password = QStringLiteral("Pw-that-must-never-leave-4711");

// Every form a credential could take on the wire: the password itself, AUTH PLAIN's
// base64("\0user\0pass"), AUTH LOGIN's base64(pass), and the commands that carry them.
bool containsCredential(const QByteArray &received)
{
    const QByteArray plain = QByteArray(1, '\0') + User.toUtf8() + QByteArray(1, '\0') + Password.toUtf8();
    for (const QByteArray &needle : {Password.toUtf8(), plain.toBase64(), Password.toUtf8().toBase64(),
                                     QByteArray("AUTH"), QByteArray("LOGIN "), QByteArray("PASS "),
                                     QByteArray("USER "), QByteArray("APOP ")}) {
        if (received.contains(needle))
            return true;
    }
    return false;
}

// The plaintext part of each protocol's STARTTLS dialogue, up to the server's go-ahead.
QByteArray startTlsScript(const QString &protocol)
{
    if (protocol == QLatin1String("imap"))
        return "S: * OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] ready\n"
               "C: <1> STARTTLS\nS: <1> OK Begin TLS negotiation now.\nTLS\n";
    if (protocol == QLatin1String("pop3"))
        return "S: +OK POP3 ready\nC: CAPA\nS: +OK\nS: STLS\nS: USER\nS: .\nC: STLS\nS: +OK Begin TLS\nTLS\n";
    return "S: 220 mx.example ESMTP\nC: EHLO [127.0.0.1]\nS: 250-mx.example\nS: 250-STARTTLS\n"
           "S: 250 AUTH PLAIN LOGIN\nC: STARTTLS\nS: 220 2.0.0 Ready to start TLS\nTLS\n";
}

QByteArray implicitGreeting(const QString &protocol)
{
    if (protocol == QLatin1String("imap"))
        return "S: * OK [CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR] ready\n";
    if (protocol == QLatin1String("pop3"))
        return "S: +OK POP3 ready\n";
    return "S: 220 mx.example ESMTP\n";
}

} // namespace

class NetTlsSessionsTest : public QObject
{
    Q_OBJECT

private:
    TestCertificates m_certs;

    // Opens one session of `protocol` and returns the connection error it ended with (kind
    // NetworkError with an empty message when it ended without one).
    ConnectionError openSession(const QString &protocol, const Net::ConnectionSettings &settings, bool *succeeded)
    {
        *succeeded = false;
        if (protocol == QLatin1String("imap")) {
            Imap::ImapSession session;
            QSignalSpy opened(&session, &Imap::ImapSession::opened);
            session.open(settings, {User, Password});
            if (!opened.wait(15000))
                return {};
            const auto result = opened.at(0).at(0).value<Imap::ImapResult>();
            *succeeded = result.isOk();
            ConnectionError error = result.transport.value_or(ConnectionError());
            error.message = result.message; // what the session itself reports
            return error;
        }
        if (protocol == QLatin1String("pop3")) {
            Pop3::Pop3Session session;
            auto open = ReplaySupport::watch<Pop3::Pop3Result>(
                session.open(settings, {User, Password, Pop3::Pop3Credentials::Method::Automatic}),
                &Pop3::Pop3Job::finished);
            if (!QTest::qWaitFor([&] { return open->result.has_value(); }, 15000))
                return {};
            *succeeded = open->result->isOk();
            ConnectionError error = open->result->connectionError.value_or(ConnectionError());
            error.message = open->result->message;
            return error;
        }
        Smtp::SmtpSession session;
        auto open = ReplaySupport::watch<Smtp::SmtpResult>(&session, &Smtp::SmtpSession::opened);
        Smtp::SmtpCredentials credentials;
        credentials.user = User;
        credentials.password = Password;
        session.open(settings, credentials);
        if (!QTest::qWaitFor([&] { return open->result.has_value(); }, 15000))
            return {};
        *succeeded = open->result->kind == Smtp::SmtpResult::Kind::Ok;
        ConnectionError error = open->result->hasTransportError ? open->result->transport : ConnectionError();
        error.message = open->result->message;
        return error;
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString error = m_certs.generate();
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void refusedWithoutSendingCredentials_data()
    {
        QTest::addColumn<QString>("protocol");
        QTest::addColumn<int>("security");
        QTest::addColumn<int>("certificate");
        QTest::addColumn<int>("kind");
        const char *certificates[] = {"expired", "wrong name", "self-signed", "unknown CA", "changed since pinned"};
        const CertKind kinds[] = {CertKind::CertificateExpired, CertKind::HostnameMismatch, CertKind::SelfSigned,
                                  CertKind::UntrustedCertificate, CertKind::PinMismatch};
        for (const char *protocol : {"imap", "pop3", "smtp"}) {
            for (const Security security : {Security::ImplicitTls, Security::StartTls}) {
                for (int c = 0; c < 5; ++c) {
                    QTest::addRow("%s %s %s", protocol, security == Security::ImplicitTls ? "tls" : "starttls",
                                  certificates[c])
                        << QString::fromLatin1(protocol) << int(security) << c << int(kinds[c]);
                }
            }
        }
    }

    void refusedWithoutSendingCredentials()
    {
        QFETCH(QString, protocol);
        QFETCH(int, security);
        QFETCH(int, certificate);
        QFETCH(int, kind);
        const TestCertificates::Identity identities[] = {m_certs.expired(), m_certs.wrongName(),
                                                         m_certs.selfSigned(), m_certs.untrustedCa(),
                                                         m_certs.untrustedCa()};
        const TestCertificates::Identity presented = identities[certificate];
        const bool implicit = Security(security) == Security::ImplicitTls;

        ScriptServer server(implicit ? FakeServer::Mode::ImplicitTls : FakeServer::Mode::Plain);
        server.setTagPlaceholders(protocol == QLatin1String("imap"));
        server.setIdentity(presented.certificate, presented.key);
        server.setScript(implicit ? implicitGreeting(protocol) : startTlsScript(protocol));
        QVERIFY(server.start());

        Net::ConnectionSettings settings =
            ReplaySupport::settings(server.port(), Security(security), m_certs.caFile());
        if (CertKind(kind) == CertKind::PinMismatch) // the user had accepted this self-signed one
            settings.tls.pinnedSha256 = TestCertificates::sha256(m_certs.selfSigned().certificate);

        bool succeeded = true;
        const ConnectionError error = openSession(protocol, settings, &succeeded);
        QVERIFY(!succeeded);
        QCOMPARE(ConnectionError::kindName(error.kind), ConnectionError::kindName(CertKind(kind)));
        // The session reports the specific user message of that kind, naming the host.
        QCOMPARE(error.message, ConnectionError::make(CertKind(kind), settings.host).message);
        QCOMPARE(error.certificateSha256, TestCertificates::sha256(presented.certificate));
        QVERIFY(error.isCertificateError());

        // Give any stray bytes time to arrive, then check everything the server ever got.
        QTest::qWait(50);
        QVERIFY2(!containsCredential(server.received()), server.received().constData());
        if (implicit)
            QVERIFY2(server.received().isEmpty(), server.received().constData());
        else // the refusal came from the handshake after the upgrade, not before it
            QVERIFY2(server.received().contains("STARTTLS") || server.received().contains("STLS"),
                     server.received().constData());
    }

    void plainLoginOnlyWhenTlsIsOffAndWarned_data()
    {
        QTest::addColumn<QString>("protocol");
        QTest::addColumn<QByteArray>("script");
        const QByteArray token =
            QByteArray(QByteArray(1, '\0') + User.toUtf8() + QByteArray(1, '\0') + Password.toUtf8()).toBase64();
        QTest::newRow("imap") << QStringLiteral("imap")
                              << QByteArray("S: * OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN] ready\n"
                                            "C: <1> AUTHENTICATE PLAIN " + token + "\nS: <1> OK [CAPABILITY IMAP4rev1] in\n");
        QTest::newRow("pop3") << QStringLiteral("pop3")
                              << QByteArray("S: +OK ready\nC: CAPA\nS: +OK\nS: SASL PLAIN\nS: USER\nS: .\n"
                                            "C: AUTH PLAIN " + token + "\nS: +OK in\nC: CAPA\nS: +OK\nS: USER\nS: .\n");
        QTest::newRow("smtp") << QStringLiteral("smtp")
                              << QByteArray("S: 220 mx ESMTP\nC: EHLO [127.0.0.1]\nS: 250-mx\nS: 250 AUTH PLAIN\n"
                                            "C: AUTH PLAIN " + token + "\nS: 235 2.7.0 ok\n");
    }

    void plainLoginOnlyWhenTlsIsOffAndWarned()
    {
        QFETCH(QString, protocol);
        QFETCH(QByteArray, script);
        static QStringList warnings;
        warnings.clear();
        const auto previous = qInstallMessageHandler([](QtMsgType type, const QMessageLogContext &, const QString &text) {
            if (type == QtWarningMsg)
                warnings << text;
        });
        const auto restore = qScopeGuard([previous] { qInstallMessageHandler(previous); });

        // TLS required (STARTTLS) but the server offers none: no login, no credential.
        {
            ScriptServer server(FakeServer::Mode::Plain);
            server.setTagPlaceholders(protocol == QLatin1String("imap"));
            server.setScript(script.left(script.indexOf("\nC: ") + 1));
            QVERIFY(server.start());
            bool succeeded = true;
            openSession(protocol, ReplaySupport::settings(server.port(), Security::StartTls), &succeeded);
            QVERIFY(!succeeded);
            QVERIFY2(!containsCredential(server.received()), server.received().constData());
        }
        QVERIFY(!warnings.join(QLatin1Char('\n')).contains(QLatin1String("without encryption")));

        // TLS turned off by the user: the login goes, with a warning in the log.
        ScriptServer server(FakeServer::Mode::Plain);
        server.setTagPlaceholders(protocol == QLatin1String("imap"));
        server.setScript(script);
        QVERIFY(server.start());
        bool succeeded = false;
        const ConnectionError error = openSession(protocol, ReplaySupport::settings(server.port(), Security::None), &succeeded);
        QVERIFY2(succeeded, qPrintable(error.message + server.describe()));
        const QString logged = warnings.join(QLatin1Char('\n'));
        QVERIFY2(logged.contains(QLatin1String("without encryption")), qPrintable(logged));
        QVERIFY(!logged.contains(Password));
    }

    // What a server said before TLS is forgotten after it (RFC 2595, RFC 3207): the login follows
    // the capabilities read over TLS. (IMAP: imap_session_replay's capabilitiesReReadAfterStartTls.)
    void capabilitiesFromBeforeTlsAreForgotten_data()
    {
        QTest::addColumn<QString>("protocol");
        QTest::addColumn<QByteArray>("script");
        QTest::addColumn<bool>("opens");
        const QByteArray pw = Password.toUtf8();
        // Before TLS: SASL PLAIN; over TLS: USER only. The login must be USER/PASS.
        QTest::newRow("pop3") << QStringLiteral("pop3")
                              << QByteArray("S: +OK ready\nC: CAPA\nS: +OK\nS: STLS\nS: SASL PLAIN\nS: .\n"
                                            "C: STLS\nS: +OK go\nTLS\nC: CAPA\nS: +OK\nS: USER\nS: .\n"
                                            "C: USER fay\nS: +OK\nC: PASS " + pw + "\nS: +OK in\n"
                                            "C: CAPA\nS: +OK\nS: USER\nS: .\n")
                              << true;
        // Before TLS: AUTH PLAIN; over TLS: no AUTH at all. No credential may be sent.
        QTest::newRow("smtp") << QStringLiteral("smtp")
                              << QByteArray("S: 220 mx ESMTP\nC: EHLO [127.0.0.1]\nS: 250-mx\nS: 250-STARTTLS\n"
                                            "S: 250 AUTH PLAIN LOGIN\nC: STARTTLS\nS: 220 go\nTLS\n"
                                            "C: EHLO [127.0.0.1]\nS: 250-mx\nS: 250 SIZE 1000\n")
                              << false;
    }

    void capabilitiesFromBeforeTlsAreForgotten()
    {
        QFETCH(QString, protocol);
        QFETCH(QByteArray, script);
        QFETCH(bool, opens);
        ScriptServer server(FakeServer::Mode::Plain);
        server.setIdentity(m_certs.good().certificate, m_certs.good().key);
        server.setScript(script);
        QVERIFY(server.start());
        bool succeeded = !opens;
        const ConnectionError error = openSession(
            protocol, ReplaySupport::settings(server.port(), Security::StartTls, m_certs.caFile()), &succeeded);
        QVERIFY2(succeeded == opens, qPrintable(error.message + QLatin1Char(' ') + server.describe()));
        if (!opens)
            QVERIFY2(!containsCredential(server.received()), server.received().constData());
        QTRY_VERIFY2(server.isDone(), qPrintable(server.describe()));
    }

    // The user messages of the certificate failures are five different texts, so the user learns
    // which problem it is (and none is the generic handshake failure).
    void eachCertificateProblemHasItsOwnMessage()
    {
        const QString host = QStringLiteral("mail.example.org");
        QSet<QString> messages;
        for (const CertKind kind : {CertKind::CertificateExpired, CertKind::HostnameMismatch, CertKind::SelfSigned,
                                    CertKind::UntrustedCertificate, CertKind::PinMismatch,
                                    CertKind::TlsHandshakeFailed, CertKind::TlsVersionTooOld}) {
            const QString message = ConnectionError::make(kind, host).message;
            QVERIFY(message.contains(host));
            messages.insert(message);
        }
        QCOMPARE(messages.size(), 7);
    }

    // TLS 1.2 is the floor for every connection the accounts make (the refusal of a real TLS
    // 1.1-only server is net_tls's realTls11OnlyServerRefused).
    void tls12IsTheMinimum()
    {
        QCOMPARE(Net::TlsPolicy().minimum, QSsl::TlsV1_2OrLater);
        QCOMPARE(Net::ConnectionSettings().tls.minimum, QSsl::TlsV1_2OrLater);
        QCOMPARE(Net::ConnectionSettings().security, Security::ImplicitTls); // RFC 8314: implicit TLS first
    }
};

QTEST_GUILESS_MAIN(NetTlsSessionsTest)
#include "tst_net_tls_sessions.moc"
