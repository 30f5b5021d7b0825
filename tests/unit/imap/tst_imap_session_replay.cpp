// ImapSession against scripted servers on 127.0.0.1: greeting, capabilities, STARTTLS and login
// flows, and how each failure ends. Every case runs with the server's bytes whole, one byte at a
// time and in random chunks (global data rows).
#include "ImapReplay.h"
#include "TestCertificates.h"
#include "imap/ImapNoopOperation.h"

#include <QLoggingCategory>

using namespace Petrel::Imap;
using namespace ImapReplay;
using Petrel::Net::Security;

class ImapSessionReplayTest : public QObject
{
    Q_OBJECT

private:
    TestCertificates m_certificates;

    struct Case
    {
        std::unique_ptr<ImapScriptServer> server;
        std::unique_ptr<ImapSession> session;
        ImapResult opened;
    };

    // Loads the script, starts the server with this row's chunking and opens a session.
    Case openCase(const QString &script, Security security)
    {
        QFETCH_GLOBAL(int, chunking);
        Case c;
        c.server = std::make_unique<ImapScriptServer>(FakeServer::Mode::Plain);
        c.server->setIdentity(m_certificates.good().certificate, m_certificates.good().key);
        c.server->setChunking(Chunking(chunking), 7);
        if (!c.server->loadScript(script) || !c.server->start())
            qFatal("cannot start script %s: %s", qPrintable(script), qPrintable(c.server->error()));
        c.session = std::make_unique<ImapSession>();
        c.opened = open(*c.session, settings(c.server->port(), security, m_certificates.caFile()));
        return c;
    }

private Q_SLOTS:
    void initTestCase_data() { addChunkingRows(); }

    void initTestCase()
    {
        const QString error = m_certificates.generate();
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void saslIrLoginEnableNamespaceLogout()
    {
        Case c = openCase(QStringLiteral("login-sasl-ir.txt"), Security::None);
        VERIFY_OK(c.opened);
        QCOMPARE(c.session->state(), ImapSession::State::Authenticated);
        QVERIFY(c.session->hasCapability(ImapCapability::Move));      // from the login's OK code
        QVERIFY(!c.session->hasCapability(ImapCapability::SaslIr));   // the greeting's list is gone
        QCOMPARE(c.session->enabled(), (QList<QByteArray>{"CONDSTORE", "QRESYNC"}));
        QCOMPARE(c.session->namespaces().personal.size(), 1);
        QCOMPARE(c.session->namespaces().personal.at(0).delimiter, std::optional<char>('/'));
        QSignalSpy closed(c.session.get(), &ImapSession::closed);
        c.session->logout();
        QTRY_COMPARE(closed.size(), 1);
        QVERIFY(closed.at(0).at(0).value<ImapResult>().isOk());
        QCOMPARE(c.session->state(), ImapSession::State::Closed);
        VERIFY_SCRIPT(*c.server);
    }

    void plainWithoutSaslIrWaitsForContinuation()
    {
        Case c = openCase(QStringLiteral("login-plain-continuation.txt"), Security::None);
        VERIFY_OK(c.opened);
        QVERIFY(c.session->hasCapability(ImapCapability::UidPlus));
        VERIFY_SCRIPT(*c.server);
    }

    void loginWhenNoAuthPlain()
    {
        Case c = openCase(QStringLiteral("login-login.txt"), Security::None);
        VERIFY_OK(c.opened);
        QVERIFY(c.session->hasCapability(ImapCapability::Idle));
        VERIFY_SCRIPT(*c.server);
    }

    void loginDisabledSendsNothing()
    {
        Case c = openCase(QStringLiteral("login-logindisabled.txt"), Security::None);
        QCOMPARE(c.opened.kind, Kind::NotSupported);
        QVERIFY(c.opened.message.contains(QLatin1String("LOGIN")));
        QCOMPARE(c.session->state(), ImapSession::State::Closed);
        VERIFY_SCRIPT(*c.server);
        QVERIFY(c.server->received().isEmpty());
    }

    void wrongPasswordIsAuthenticationFailed()
    {
        Case c = openCase(QStringLiteral("login-refused.txt"), Security::None);
        QCOMPARE(c.opened.kind, Kind::AuthenticationFailed);
        QCOMPARE(c.opened.serverText, QStringLiteral("Authentication failed."));
        QCOMPARE(c.opened.code.kind, ImapResponseCode::Kind::AuthenticationFailed);
        VERIFY_SCRIPT(*c.server);
    }

    void loginBadIsRejected()
    {
        Case c = openCase(QStringLiteral("login-bad.txt"), Security::None);
        QCOMPARE(c.opened.kind, Kind::Rejected);
        QVERIFY(c.opened.serverText.contains(QLatin1String("bad syntax")));
        VERIFY_SCRIPT(*c.server);
    }

    void startTlsMissingSendsNoCredentials()
    {
        Case c = openCase(QStringLiteral("starttls-missing.txt"), Security::StartTls);
        QCOMPARE(c.opened.kind, Kind::TlsRequired);
        VERIFY_SCRIPT(*c.server);
        QVERIFY(c.server->received().isEmpty());
    }

    void startTlsRefusedSendsNoCredentials()
    {
        Case c = openCase(QStringLiteral("starttls-refused.txt"), Security::StartTls);
        QCOMPARE(c.opened.kind, Kind::TlsRequired);
        QVERIFY(c.opened.serverText.contains(QLatin1String("not available")));
        VERIFY_SCRIPT(*c.server);
        QVERIFY(!c.server->received().contains("AUTHENTICATE"));
    }

    void capabilitiesReReadAfterStartTls()
    {
        Case c = openCase(QStringLiteral("starttls-recapability.txt"), Security::StartTls);
        VERIFY_OK(c.opened);
        QVERIFY(c.session->isEncrypted());
        QVERIFY(c.session->hasCapability(ImapCapability::Move));
        QVERIFY(!c.session->hasCapability(ImapCapability::LoginDisabled));
        VERIFY_SCRIPT(*c.server);
    }

    void preauthOnTlsRequiredAccountIsRefused()
    {
        Case c = openCase(QStringLiteral("preauth-tls-required.txt"), Security::StartTls);
        QCOMPARE(c.opened.kind, Kind::TlsRequired);
        VERIFY_SCRIPT(*c.server);
        QVERIFY(c.server->received().isEmpty());
    }

    void preauthAllowedWhenSecurityNone()
    {
        Case c = openCase(QStringLiteral("preauth-plain-allowed.txt"), Security::None);
        VERIFY_OK(c.opened);
        QCOMPARE(c.session->state(), ImapSession::State::Authenticated);
        QVERIFY(c.session->hasCapability(ImapCapability::Idle));
        // The server never saw a login command.
        ImapNoopOperation noop(c.session.get());
        VERIFY_OK(run(noop));
        VERIFY_SCRIPT(*c.server);
    }

    void greetingByeIsRejectedWithServerWords()
    {
        Case c = openCase(QStringLiteral("greeting-bye.txt"), Security::None);
        QCOMPARE(c.opened.kind, Kind::Rejected);
        QCOMPARE(c.opened.serverText, QStringLiteral("Too many connections from your address"));
        VERIFY_SCRIPT(*c.server);
    }

    void untaggedBeforeGreetingIsProtocolError()
    {
        Case c = openCase(QStringLiteral("greeting-untagged-first.txt"), Security::None);
        QCOMPARE(c.opened.kind, Kind::Protocol);
        QCOMPARE(c.session->state(), ImapSession::State::Closed);
    }

    void garbageGreetingIsProtocolError()
    {
        Case c = openCase(QStringLiteral("greeting-garbage.txt"), Security::None);
        QCOMPARE(c.opened.kind, Kind::Protocol);
        QVERIFY(!c.opened.message.isEmpty());
        QVERIFY(c.server->received().isEmpty());
    }

    void capabilityRefusedFailsOpen()
    {
        Case c = openCase(QStringLiteral("capability-no.txt"), Security::None);
        QCOMPARE(c.opened.kind, Kind::Rejected);
        QCOMPARE(c.opened.serverText, QStringLiteral("Command unknown"));
        VERIFY_SCRIPT(*c.server);
    }

    void byeDuringLoginIsProtocolError()
    {
        Case c = openCase(QStringLiteral("login-bye.txt"), Security::None);
        QCOMPARE(c.opened.kind, Kind::Protocol);
        QVERIFY(c.opened.serverText.startsWith(QLatin1String("Internal error occurred")));
        QCOMPARE(c.session->state(), ImapSession::State::Closed);
        VERIFY_SCRIPT(*c.server);
    }

    void bytesInjectedAfterStartTlsReplyAreRefused()
    {
        Case c = openCase(QStringLiteral("starttls-injection.txt"), Security::StartTls);
        QVERIFY2(c.opened.kind == Kind::Transport, qPrintable(describe(c.opened)));
        QVERIFY(c.opened.transport.has_value());
        QVERIFY(!c.session->isEncrypted());
        QVERIFY(!c.server->received().contains("AUTHENTICATE"));
        QVERIFY(!c.server->received().contains("LOGIN "));
    }

    void passwordNeverLogged()
    {
        // Debug logging on: what the session logs must not contain the password or its base64.
        static QStringList logged;
        logged.clear();
        QLoggingCategory::setFilterRules(QStringLiteral("petrel.imap.debug=true"));
        const QtMessageHandler previous = qInstallMessageHandler(
            [](QtMsgType, const QMessageLogContext &, const QString &message) { logged.append(message); });
        Case c = openCase(QStringLiteral("login-plain-continuation.txt"), Security::None);
        qInstallMessageHandler(previous);
        QLoggingCategory::setFilterRules(QStringLiteral("petrel.imap.debug=false"));
        VERIFY_OK(c.opened);
        const QString all = logged.join(QLatin1Char('\n'));
        QVERIFY2(all.contains(QLatin1String("AUTHENTICATE")), qPrintable(all));
        QVERIFY(!all.contains(QLatin1String("secret")));
        QVERIFY(!all.contains(QLatin1String("AGZyYW5rAHNlY3JldA==")));
    }
};

QTEST_GUILESS_MAIN(ImapSessionReplayTest)
#include "tst_imap_session_replay.moc"
