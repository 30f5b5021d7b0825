// The steps of SmtpSession::open(): greeting, EHLO (or HELO), STARTTLS, EHLO again, AUTH.
#include "smtp/SmtpSession.h"

#include "smtp/SmtpCommandEncoder.h"
#include "smtp/SmtpLogging.h"

namespace Petrel::Smtp {

using Kind = SmtpResult::Kind;
using Stage = SmtpResult::Stage;
using Net::Security;

void SmtpSession::open(const Net::ConnectionSettings &settings, const SmtpCredentials &credentials)
{
    if (m_state != State::Disconnected && m_state != State::Closed) {
        SmtpResult result;
        result.kind = Kind::InvalidState;
        result.message = QStringLiteral("The SMTP session is already open.");
        QMetaObject::invokeMethod(
            this, [this, result] { Q_EMIT opened(result); }, Qt::QueuedConnection);
        return;
    }
    m_credentials = credentials;
    m_parser = SmtpReplyParser(m_limits);
    m_capabilities = {};
    m_greeting.clear();
    m_expected.clear();
    m_transaction.reset();
    m_opening = true;
    m_awaitingTls = false;
    m_needsReset = false;
    m_quitRequested = false;
    m_quitSent = false;

    Net::ConnectionSettings effective = settings;
    // The parser reports overlong lines itself (Protocol); the transport only bounds memory.
    effective.maxLineLength = m_limits.maxLineLength + 2;
    if (effective.idleTimeoutMs <= 0)
        effective.idleTimeoutMs = 10 * 60 * 1000;
    setState(State::Opening);
    setStage(Stage::Connect);
    m_expected.enqueue([this](const SmtpReply &reply) { onGreeting(reply); });
    qCInfo(lcPetrelSmtp).noquote() << "connecting to" << settings.host << settings.port;
    m_connection.connectToServer(effective);
}

void SmtpSession::onGreeting(const SmtpReply &reply)
{
    m_greeting = reply.text();
    if (reply.code == 220) {
        sendEhlo();
        return;
    }
    if (reply.isTransient()) { // 421: busy; the server closes
        failOpen(Kind::TemporaryFailure,
                 QStringLiteral("The server is not accepting mail now: %1").arg(reply.text()), &reply);
        return;
    }
    if (reply.isPermanent()) { // 554: no service here (RFC 5321 section 3.1)
        failOpen(Kind::Rejected, QStringLiteral("The server refused the connection: %1").arg(reply.text()),
                 &reply);
        return;
    }
    failOpen(Kind::Protocol, QStringLiteral("The server's greeting is not 220 (%1).").arg(reply.code),
             &reply);
}

void SmtpSession::sendEhlo()
{
    setStage(Stage::Ehlo);
    const SmtpCommand ehlo = SmtpCommandEncoder::ehlo(m_heloName);
    if (!ehlo.isValid()) {
        failOpen(Kind::InvalidState, ehlo.error);
        return;
    }
    send({{ehlo, [this](const SmtpReply &reply) {
               if (reply.isPositive() && reply.code != 250) {
                   // RFC 5321 4.3.2: EHLO succeeds only with 250; another 2xx is a server out of step.
                   failOpen(Kind::Protocol,
                            QStringLiteral("The server answered EHLO with the unexpected code %1: %2")
                                .arg(reply.code)
                                .arg(reply.text()),
                            &reply);
               } else if (reply.isPositive()) {
                   m_capabilities = SmtpCapabilities::fromEhlo(reply);
                   m_parser.setEnhancedStatusCodes(m_capabilities.has(SmtpCapabilities::EnhancedStatusCodes));
                   afterEhlo();
               } else if ((reply.code == 500 || reply.code == 502) && !m_connection.isEncrypted()) {
                   sendHelo(); // a server from before RFC 1869
               } else {
                   failOpen(kindOf(reply), QStringLiteral("The server refused EHLO: %1").arg(reply.text()),
                            &reply);
               }
           }}});
}

void SmtpSession::sendHelo()
{
    send({{SmtpCommandEncoder::helo(m_heloName), [this](const SmtpReply &reply) {
               if (!reply.isPositive()) {
                   failOpen(kindOf(reply), QStringLiteral("The server refused HELO: %1").arg(reply.text()),
                            &reply);
                   return;
               }
               m_capabilities = {}; // HELO: no extensions at all
               afterEhlo();
           }}});
}

void SmtpSession::afterEhlo()
{
    if (m_connection.settings().security != Security::StartTls || m_connection.isEncrypted()) {
        authenticate();
        return;
    }
    setStage(Stage::StartTls);
    if (!m_capabilities.has(SmtpCapabilities::StartTls)) {
        failOpen(Kind::TlsRequired,
                 QStringLiteral("The server does not offer STARTTLS; nothing was sent in the clear."));
        return;
    }
    send({{SmtpCommandEncoder::startTls(), [this](const SmtpReply &reply) {
               if (reply.code != 220) {
                   failOpen(Kind::TlsRequired,
                            QStringLiteral("The server refused STARTTLS (%1); nothing was sent in the clear.")
                                .arg(reply.text()),
                            &reply);
                   return;
               }
               // Right after the 220: Connection refuses bytes the server sent beyond it (injection).
               m_awaitingTls = true;
               m_connection.startTls();
           }}});
}

void SmtpSession::onEncrypted()
{
    if (!m_awaitingTls)
        return;
    m_awaitingTls = false;
    m_capabilities = {}; // RFC 3207 section 4.2: forget what was learned in plaintext
    m_parser.setEnhancedStatusCodes(false);
    sendEhlo();
}

void SmtpSession::authenticate()
{
    setStage(Stage::Auth);
    if (m_credentials.user.isEmpty()) {
        becomeReady();
        return;
    }
    // The rule that protects the password: never in the clear unless the user chose Security::None.
    if (m_connection.settings().security != Security::None && !m_connection.isEncrypted()) {
        failOpen(Kind::TlsRequired,
                 QStringLiteral("The connection is not encrypted; the password was not sent."));
        return;
    }
    if (!m_capabilities.has(SmtpCapabilities::Auth)) {
        failOpen(Kind::NotSupported, QStringLiteral("The server does not offer AUTH."));
        return;
    }
    if (!m_connection.isEncrypted())
        qCWarning(lcPetrelSmtp) << "logging in to" << m_connection.settings().host
                                << "without encryption: TLS is turned off for this account";
    using Method = SmtpCredentials::Method;
    const QString host = m_connection.settings().host;
    const quint16 port = m_connection.settings().port;
    const bool hasToken = !m_credentials.token.isEmpty();
    Method method = m_credentials.method;
    if (method == Method::Automatic) {
        if (hasToken)
            method = m_capabilities.hasAuthMechanism("OAUTHBEARER") ? Method::OAuthBearer : Method::XOAuth2;
        else
            method = m_capabilities.hasAuthMechanism("PLAIN") || !m_capabilities.hasAuthMechanism("LOGIN")
                         ? Method::Plain
                         : Method::Login;
    }
    const char *name = "PLAIN";
    switch (method) {
    case Method::Automatic:
    case Method::Plain:
        name = "PLAIN";
        break;
    case Method::Login:
        name = "LOGIN";
        break;
    case Method::XOAuth2:
        name = "XOAUTH2";
        break;
    case Method::OAuthBearer:
        name = "OAUTHBEARER";
        break;
    }
    if (!m_capabilities.hasAuthMechanism(name)) {
        failOpen(Kind::NotSupported,
                 QStringLiteral("The server does not offer AUTH %1.").arg(QLatin1String(name)));
        return;
    }
    switch (method) {
    case Method::Automatic:
    case Method::Plain:
        sendAuth(SmtpCommandEncoder::authPlain(m_credentials.user, m_credentials.password), false, false);
        return;
    case Method::Login:
        sendLoginStep(0);
        return;
    case Method::XOAuth2:
        sendAuth(SmtpCommandEncoder::authXOAuth2(m_credentials.user, m_credentials.token), true, false);
        return;
    case Method::OAuthBearer:
        sendAuth(SmtpCommandEncoder::authOAuthBearer(m_credentials.user, m_credentials.token, host, port),
                 true, true);
        return;
    }
}

void SmtpSession::sendAuth(const SmtpCommand &command, bool oauth, bool oauthBearer)
{
    if (!command.isValid()) {
        failOpen(Kind::InvalidState, command.error);
        return;
    }
    send({{command,
           [this, oauth, oauthBearer](const SmtpReply &reply) { onAuthReply(reply, oauth, oauthBearer); }}});
}

void SmtpSession::sendLoginStep(int step)
{
    // step 0: "AUTH LOGIN"; 1: the user name; 2: the password, each answering a 334 challenge.
    const SmtpCommand command = step == 0   ? SmtpCommandEncoder::authLogin()
                                : step == 1 ? SmtpCommandEncoder::loginResponse(m_credentials.user)
                                            : SmtpCommandEncoder::loginResponse(m_credentials.password);
    if (!command.isValid()) {
        failOpen(Kind::InvalidState, command.error);
        return;
    }
    send({{command, [this, step](const SmtpReply &reply) {
               if (reply.code == 334 && step < 2)
                   sendLoginStep(step + 1);
               else
                   onAuthReply(reply, false, false);
           }}});
}

void SmtpSession::onAuthReply(const SmtpReply &reply, bool oauth, bool oauthBearer)
{
    if (reply.code == 235) {
        qCInfo(lcPetrelSmtp) << "authenticated";
        m_credentials = {}; // not needed any more
        becomeReady();
        return;
    }
    if (reply.code == 334) {
        // OAuth: the challenge carries the error (JSON); acknowledge it and the refusal follows.
        // Otherwise a challenge after a complete response: cancel (RFC 4954 "*").
        const SmtpCommand answer = oauth ? SmtpCommandEncoder::oauthErrorAcknowledgement(oauthBearer)
                                         : SmtpCommandEncoder::cancelAuthentication();
        const QString challenge = QString::fromUtf8(QByteArray::fromBase64(reply.lines.value(0)));
        send({{answer, [this, challenge](const SmtpReply &outcome) {
                   if (outcome.code == 334 || outcome.code == 235) {
                       failOpen(Kind::Protocol,
                                QStringLiteral("The server kept challenging after the AUTH response."),
                                &outcome);
                       return;
                   }
                   QString message = QStringLiteral("The server refused the login: %1").arg(outcome.text());
                   if (!challenge.isEmpty())
                       message += QStringLiteral(" (%1)").arg(challenge.left(300));
                   failOpen(outcome.isTransient() ? Kind::TemporaryFailure : Kind::AuthenticationFailed,
                            message, &outcome);
               }}});
        return;
    }
    if (!reply.isTransient() && !reply.isPermanent()) {
        failOpen(Kind::Protocol, QStringLiteral("Unexpected reply %1 to AUTH.").arg(reply.code), &reply);
        return;
    }
    failOpen(reply.isTransient() ? Kind::TemporaryFailure : Kind::AuthenticationFailed,
             QStringLiteral("The server refused the login: %1").arg(reply.text()), &reply);
}

void SmtpSession::failOpen(Kind kind, const QString &message, const SmtpReply *reply)
{
    SmtpResult result;
    result.kind = kind;
    result.stage = m_stage;
    result.message = message;
    if (reply)
        takeReply(result, *reply);
    qCInfo(lcPetrelSmtp).noquote() << "open failed:" << SmtpResult::kindName(kind) << "at"
                                   << SmtpResult::stageName(m_stage) << message;
    m_credentials = {};
    if (kind == Kind::Protocol || (reply && reply->code == 421) || !m_connection.isOpen()) {
        failConnection(result);
        return;
    }
    finishOpen(result);
    failQueued(result);
    // Say goodbye politely; the session is over either way.
    setState(State::Closing);
    m_quitSent = true;
    send({{SmtpCommandEncoder::quit(), [this](const SmtpReply &) { m_connection.close(); }}});
}

void SmtpSession::finishOpen(const SmtpResult &result)
{
    if (!m_opening)
        return;
    m_opening = false;
    QMetaObject::invokeMethod(
        this, [this, result] { Q_EMIT opened(result); }, Qt::QueuedConnection);
}

void SmtpSession::becomeReady()
{
    qCInfo(lcPetrelSmtp) << "ready" << (m_connection.isEncrypted() ? "(encrypted)" : "(not encrypted)");
    setStage(Stage::None);
    setState(State::Ready);
    finishOpen(SmtpResult{});
    pump();
}

} // namespace Petrel::Smtp
