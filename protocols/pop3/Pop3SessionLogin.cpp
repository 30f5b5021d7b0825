// The steps of Pop3Session::open(): greeting, CAPA, STLS, CAPA again, authentication, CAPA again.
#include "pop3/Pop3Session.h"

#include "pop3/Pop3Apop.h"
#include "pop3/Pop3CommandEncoder.h"
#include "pop3/Pop3Logging.h"

#include <utility>

namespace Petrel::Pop3 {

using Error = Pop3Result::Error;
using Net::Security;

Pop3Job *Pop3Session::open(const Net::ConnectionSettings &settings, const Pop3Credentials &credentials)
{
    if (m_state != State::Disconnected && m_state != State::Closed)
        return refused(Error::InvalidState, QStringLiteral("The POP3 session is already open."));
    auto *job = new Pop3Job(this);
    connect(job, &Pop3Job::cancelRequested, this, [this] { abort(); });
    m_openJob = job;
    m_credentials = credentials;
    m_parser = Pop3ReplyParser(m_limits);
    m_capabilities = {};
    m_capabilitiesKnown = false;
    m_awaitingTls = false;
    m_quitRequested = false;
    m_quitAcknowledged = false;
    m_greeting.clear();
    m_queued.clear();
    m_inFlight.clear();

    Net::ConnectionSettings effective = settings;
    // Data lines are bounded by the parser's own limits; the transport must let them through.
    effective.maxLineLength = int(qMax(m_limits.maxDataLineLength, m_limits.maxStatusLineLength) + 2);
    setState(State::Connecting);
    Pending greeting;
    greeting.onReply = [this](const Pop3Reply &reply) { onGreeting(reply); };
    m_parser.expect(Pop3ReplyShape::Status);
    m_inFlight.enqueue(std::move(greeting));
    qCInfo(lcPetrelPop3).noquote() << "connecting to" << settings.host << settings.port;
    m_connection.connectToServer(effective);
    return job;
}

void Pop3Session::onGreeting(const Pop3Reply &reply)
{
    m_greeting = reply.text;
    if (!reply.isOk()) {
        failLogin(reply.code.kind == Pop3ResponseCode::Kind::InUse ? Error::InUse : Error::Rejected,
                  QStringLiteral("The server refused the connection: %1").arg(QString::fromUtf8(reply.text)), &reply);
        return;
    }
    requestCapabilities([this] { afterFirstCapabilities(); });
}

void Pop3Session::requestCapabilities(std::function<void()> next)
{
    Pending pending;
    pending.command = Pop3CommandEncoder::capa();
    pending.onReply = [this, next = std::move(next)](const Pop3Reply &reply) {
        if (reply.isOk()) {
            m_capabilities = Pop3Capabilities::parse(reply.data);
            m_capabilitiesKnown = true;
        } // -ERR: a pre-RFC 2449 server; what we know stays
        next();
    };
    sendNow(std::move(pending));
}

void Pop3Session::afterFirstCapabilities()
{
    if (m_connection.settings().security != Security::StartTls) {
        authenticate();
        return;
    }
    if (!m_capabilities.has(Pop3Capabilities::Stls)) {
        failLogin(Error::TlsRequired, QStringLiteral("The server does not offer STLS; the password was not sent."));
        return;
    }
    Pending pending;
    pending.command = Pop3CommandEncoder::stls();
    pending.onReply = [this](const Pop3Reply &reply) {
        if (!reply.isOk()) {
            failLogin(Error::TlsRequired,
                      QStringLiteral("The server refused STLS (%1); the password was not sent.").arg(QString::fromUtf8(reply.text)),
                      &reply);
            return;
        }
        // Right after the +OK: Connection refuses bytes the server sent beyond it (injection).
        m_awaitingTls = true;
        m_connection.startTls();
    };
    sendNow(std::move(pending));
}

void Pop3Session::onEncrypted()
{
    if (!m_awaitingTls)
        return;
    m_awaitingTls = false;
    m_capabilitiesKnown = false; // RFC 2595: forget what was learned in plaintext
    m_capabilities = {};
    requestCapabilities([this] { authenticate(); });
}

void Pop3Session::authenticate()
{
    // The rule that protects the password: never in the clear unless the user chose Security::None.
    if (m_connection.settings().security != Security::None && !m_connection.isEncrypted()) {
        failLogin(Error::TlsRequired, QStringLiteral("The connection is not encrypted; the password was not sent."));
        return;
    }
    if (!m_connection.isEncrypted())
        qCWarning(lcPetrelPop3) << "logging in to" << m_connection.settings().host
                                << "without encryption: TLS is turned off for this account";
    const bool offersPlain = m_capabilities.hasSaslMechanism("PLAIN");
    const bool offersUser = !m_capabilitiesKnown || m_capabilities.has(Pop3Capabilities::User);
    switch (m_credentials.method) {
    case Pop3Credentials::Method::Apop:
        authenticateApop();
        return;
    case Pop3Credentials::Method::Plain:
        if (m_capabilitiesKnown && !offersPlain)
            failLogin(Error::NotSupported, QStringLiteral("The server does not offer AUTH PLAIN."));
        else
            authenticatePlain();
        return;
    case Pop3Credentials::Method::User:
        authenticateUser();
        return;
    case Pop3Credentials::Method::Automatic:
        if (offersPlain)
            authenticatePlain();
        else if (offersUser)
            authenticateUser();
        else
            failLogin(Error::NotSupported, QStringLiteral("The server offers neither AUTH PLAIN nor USER/PASS."));
        return;
    }
}

void Pop3Session::authenticatePlain()
{
    Pending pending;
    pending.command = Pop3CommandEncoder::authPlain(m_credentials.user, m_credentials.password);
    if (!pending.command.isValid()) {
        failLogin(Error::InvalidState, pending.command.error);
        return;
    }
    if (pending.command.wire.size() - 2 <= Pop3CommandEncoder::maxAuthLineLength) {
        pending.onReply = [this](const Pop3Reply &reply) { onAuthenticationReply(reply); };
        sendNow(std::move(pending));
        return;
    }
    // Too long for the command line (RFC 5034 section 4): the response follows the empty challenge.
    pending.command = Pop3CommandEncoder::authPlainWithoutInitialResponse();
    pending.onReply = [this](const Pop3Reply &reply) {
        if (reply.status != Pop3Reply::Status::Continuation) {
            onAuthenticationReply(reply);
            return;
        }
        Pending response;
        response.command = Pop3CommandEncoder::plainResponse(m_credentials.user, m_credentials.password);
        response.onReply = [this](const Pop3Reply &reply) { onAuthenticationReply(reply); };
        sendNow(std::move(response));
    };
    sendNow(std::move(pending));
}

void Pop3Session::authenticateUser()
{
    Pending user;
    user.command = Pop3CommandEncoder::user(m_credentials.user);
    const Pop3Command pass = Pop3CommandEncoder::pass(m_credentials.password);
    if (!user.command.isValid() || !pass.isValid()) {
        failLogin(Error::InvalidState, user.command.isValid() ? pass.error : user.command.error);
        return;
    }
    user.onReply = [this, pass](const Pop3Reply &reply) {
        if (!reply.isOk()) {
            onAuthenticationReply(reply);
            return;
        }
        Pending next;
        next.command = pass;
        next.onReply = [this](const Pop3Reply &reply) { onAuthenticationReply(reply); };
        sendNow(std::move(next));
    };
    sendNow(std::move(user));
}

void Pop3Session::authenticateApop()
{
    const QByteArray stamp = Pop3Apop::timestamp(m_greeting);
    if (stamp.isEmpty()) {
        failLogin(Error::NotSupported, QStringLiteral("The server's greeting has no APOP timestamp."));
        return;
    }
    Pending pending;
    pending.command = Pop3CommandEncoder::apop(m_credentials.user, Pop3Apop::digest(stamp, m_credentials.password));
    if (!pending.command.isValid()) {
        failLogin(Error::InvalidState, pending.command.error);
        return;
    }
    pending.onReply = [this](const Pop3Reply &reply) { onAuthenticationReply(reply); };
    sendNow(std::move(pending));
}

void Pop3Session::onAuthenticationReply(const Pop3Reply &reply)
{
    if (reply.isOk()) {
        loggedIn();
        return;
    }
    if (reply.status == Pop3Reply::Status::Continuation) {
        // A challenge after a complete PLAIN response: cancel (RFC 5034 "*"); the -ERR that
        // follows reports the failure.
        Pending cancel;
        cancel.command = Pop3CommandEncoder::cancelAuthentication();
        cancel.onReply = [this](const Pop3Reply &reply) {
            if (reply.status == Pop3Reply::Status::Continuation) {
                Pop3Result result;
                result.error = Error::Protocol;
                result.message = QStringLiteral("The server keeps challenging after AUTH PLAIN.");
                failConnection(result);
            } else {
                onAuthenticationReply(reply);
            }
        };
        sendNow(std::move(cancel));
        return;
    }
    Error error = Error::AuthenticationFailed;
    if (reply.code.kind == Pop3ResponseCode::Kind::InUse)
        error = Error::InUse;
    else if (reply.code.kind == Pop3ResponseCode::Kind::LoginDelay)
        error = Error::LoginDelay;
    else if (reply.code.kind == Pop3ResponseCode::Kind::SysTemp || reply.code.kind == Pop3ResponseCode::Kind::SysPerm)
        error = Error::Rejected;
    failLogin(error, QStringLiteral("The server refused the login: %1").arg(QString::fromUtf8(reply.text)), &reply);
}

void Pop3Session::failLogin(Error error, const QString &message, const Pop3Reply *reply)
{
    Pop3Result result;
    result.error = error;
    result.message = message;
    if (reply) {
        result.serverText = reply->text;
        result.code = reply->code;
    }
    qCInfo(lcPetrelPop3).noquote() << "login failed:" << Pop3Result::errorName(error) << message;
    // Say goodbye politely; the session is over either way.
    if (m_inFlight.isEmpty() && m_connection.isOpen()) {
        m_parser.expect(Pop3ReplyShape::Status);
        Pending quit;
        quit.command = Pop3CommandEncoder::quit();
        quit.onReply = [](const Pop3Reply &) {};
        qCDebug(lcPetrelPop3) << "C: QUIT";
        m_inFlight.enqueue(std::move(quit));
        m_connection.write("QUIT\r\n");
    }
    setState(State::Closing);
    if (m_openJob)
        m_openJob->finish(result);
    m_openJob.clear();
    failAll(result);
    m_quitAcknowledged = true; // nothing to commit: how the socket ends no longer matters
    m_connection.close();
}

void Pop3Session::loggedIn()
{
    qCInfo(lcPetrelPop3) << "logged in";
    m_credentials.password.clear(); // not needed any more
    requestCapabilities([this] {
        setState(State::Transaction);
        if (m_openJob) {
            Pop3Result result;
            m_openJob->finish(result);
        }
        m_openJob.clear();
        pump();
    });
}

} // namespace Petrel::Pop3
