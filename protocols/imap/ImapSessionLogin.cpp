// The steps of ImapSession::open(): greeting, capabilities, STARTTLS, login, ENABLE/ID/NAMESPACE.
#include "imap/ImapLogging.h"
#include "imap/ImapSession.h"

#include <QTimer>

#include <memory>

namespace Petrel::Imap {

namespace {

QString serverWords(const ImapResponse &response)
{
    return QString::fromUtf8(response.text);
}

ImapResult refusal(ImapResult::Kind kind, const QString &message, const ImapResponse &response)
{
    ImapResult result = ImapResult::make(kind, message);
    result.serverText = serverWords(response);
    result.code = response.code;
    return result;
}

} // namespace

void ImapSession::open(const Net::ConnectionSettings &settings, const ImapCredentials &credentials)
{
    if (m_state != State::Disconnected && m_state != State::Closed) {
        QTimer::singleShot(0, this, [this] {
            Q_EMIT opened(ImapResult::make(ImapResult::Kind::InvalidState,
                                           QStringLiteral("The IMAP session is already open.")));
        });
        return;
    }
    m_parser = ImapResponseParser(m_parser.limits());
    m_builder = ImapCommandBuilder();
    m_redactor = ImapLogRedactor();
    m_security = settings.security;
    m_credentials = credentials;
    m_opening = true;
    m_awaitingGreeting = false;
    m_awaitingTls = false;
    m_logoutSent = false;
    m_literalRemaining = 0;
    m_capabilities = {};
    m_enabled.clear();
    m_namespaces = {};
    m_serverId.clear();
    m_greeting.clear();
    m_selected.clear();
    m_selectedUidValidity = 0;
    setState(State::Connecting);
    qCInfo(lcPetrelImap) << "connecting to" << settings.host << settings.port;
    m_connection.connectToServer(settings);
}

void ImapSession::finishOpen(const ImapResult &result)
{
    if (!m_opening)
        return;
    m_opening = false;
    m_credentials = {};
    if (!result.isOk())
        qCInfo(lcPetrelImap) << "open failed:" << ImapResult::kindName(result.kind) << result.message;
    Q_EMIT opened(result);
    if (!result.isOk())
        failConnection(result);
}

void ImapSession::setCapabilities(const ImapCapabilities &capabilities)
{
    m_capabilities = capabilities;
    m_builder.setCapabilities(capabilities);
}

QByteArray ImapSession::submitStep(const ImapCommand &command, std::function<void(const ImapResponse &)> onTagged,
                                   bool exclusive)
{
    ImapExchange exchange;
    exchange.command = command;
    exchange.exclusive = exclusive;
    exchange.onTagged = std::move(onTagged);
    return submit(std::move(exchange));
}

void ImapSession::onConnected()
{
    if (m_state != State::Connecting)
        return;
    m_awaitingGreeting = true;
    onReadyRead(); // the greeting may already be buffered
}

void ImapSession::onGreeting(const ImapResponse &response)
{
    m_awaitingGreeting = false;
    if (response.type != ImapResponse::Type::Untagged || response.kind != ImapResponse::Kind::Status
        || (response.status != ImapResponse::Status::Ok && response.status != ImapResponse::Status::Preauth
            && response.status != ImapResponse::Status::Bye)) {
        finishOpen(ImapResult::make(ImapResult::Kind::Protocol,
                                    QStringLiteral("The server did not greet like an IMAP server (got \"%1\").")
                                        .arg(QString::fromUtf8(QByteArray(response.name + ' ' + response.text).left(100)))));
        return;
    }
    m_greeting = response.text;
    if (response.status == ImapResponse::Status::Bye) {
        finishOpen(refusal(ImapResult::Kind::Rejected,
                           QStringLiteral("The IMAP server refused the connection: %1").arg(serverWords(response)),
                           response));
        return;
    }
    if (response.code.kind == ImapResponseCode::Kind::Capability)
        setCapabilities(response.code.capabilities);
    if (response.status == ImapResponse::Status::Preauth) {
        // Already authenticated: STARTTLS is no longer possible, so a TLS-requiring account stops here.
        if (m_security != Net::Security::None && !m_connection.isEncrypted()) {
            finishOpen(ImapResult::make(ImapResult::Kind::TlsRequired,
                                        QStringLiteral("The server logged in without TLS (PREAUTH) although this "
                                                       "account requires TLS; the session was refused.")));
            return;
        }
        setState(State::Authenticated);
        afterLogin(response.code);
        return;
    }
    setState(State::NotAuthenticated);
    if (response.code.kind == ImapResponseCode::Kind::Capability)
        afterGreetingCapabilities();
    else
        requestCapabilities([this] { afterGreetingCapabilities(); });
}

void ImapSession::requestCapabilities(std::function<void()> next)
{
    submitStep(m_builder.capability(), [this, next](const ImapResponse &r) {
        if (r.status != ImapResponse::Status::Ok) {
            finishOpen(refusal(ImapResult::Kind::Rejected,
                               QStringLiteral("The IMAP server refused CAPABILITY: %1").arg(serverWords(r)), r));
            return;
        }
        next();
    });
}

void ImapSession::afterGreetingCapabilities()
{
    if (m_security == Net::Security::StartTls && !m_connection.isEncrypted()) {
        if (!m_capabilities.has(ImapCapability::StartTls)) {
            finishOpen(ImapResult::make(ImapResult::Kind::TlsRequired,
                                        QStringLiteral("The IMAP server does not offer STARTTLS, which this account "
                                                       "requires; no password was sent.")));
            return;
        }
        submitStep(m_builder.startTls(), [this](const ImapResponse &r) {
            if (r.status != ImapResponse::Status::Ok) {
                finishOpen(refusal(ImapResult::Kind::TlsRequired,
                                   QStringLiteral("The IMAP server refused STARTTLS (%1); no password was sent.")
                                       .arg(serverWords(r)),
                                   r));
                return;
            }
            // Capabilities from before TLS may have been tampered with: forget them.
            setCapabilities({});
            m_awaitingTls = true;
            m_connection.startTls();
        });
        return;
    }
    authenticate();
}

void ImapSession::onEncrypted()
{
    if (!m_awaitingTls)
        return;
    m_awaitingTls = false;
    requestCapabilities([this] { authenticate(); });
}

void ImapSession::authenticate()
{
    if (m_security != Net::Security::None && !m_connection.isEncrypted()) {
        finishOpen(ImapResult::make(ImapResult::Kind::TlsRequired,
                                    QStringLiteral("The connection is not encrypted; no password was sent.")));
        return;
    }
    if (!m_connection.isEncrypted())
        qCWarning(lcPetrelImap) << "logging in to" << m_connection.settings().host
                                << "without encryption: TLS is turned off for this account";
    ImapCommand command;
    if (m_capabilities.has(ImapCapability::AuthPlain)) {
        command = m_builder.authenticatePlain(m_credentials.user, m_credentials.password);
    } else if (!m_capabilities.has(ImapCapability::LoginDisabled)) {
        command = m_builder.login(m_credentials.user, m_credentials.password);
    } else {
        finishOpen(ImapResult::make(ImapResult::Kind::NotSupported,
                                    QStringLiteral("The IMAP server disables LOGIN and offers no login method "
                                                   "Petrel supports (AUTH=PLAIN); no password was sent.")));
        return;
    }
    m_credentials.password.clear();
    submitStep(command, [this](const ImapResponse &r) {
        if (r.status != ImapResponse::Status::Ok) {
            const auto kind = r.status == ImapResponse::Status::No ? ImapResult::Kind::AuthenticationFailed
                                                                   : ImapResult::Kind::Rejected;
            finishOpen(refusal(kind, QStringLiteral("The IMAP server refused the login: %1").arg(serverWords(r)), r));
            return;
        }
        setState(State::Authenticated);
        afterLogin(r.code);
    });
}

void ImapSession::afterLogin(const ImapResponseCode &code)
{
    if (code.kind == ImapResponseCode::Kind::Capability) {
        setCapabilities(code.capabilities);
        configure();
    } else {
        requestCapabilities([this] { configure(); });
    }
}

void ImapSession::configure()
{
    // ENABLE, ID and NAMESPACE go out together; refusals are not fatal, they only leave defaults.
    auto remaining = std::make_shared<int>(0);
    auto done = [this, remaining](const ImapResponse &) {
        if (--*remaining == 0)
            finishOpen(ImapResult::ok());
    };
    QList<ImapCommand> commands;
    if (m_capabilities.has(ImapCapability::Enable)) {
        QList<QByteArray> wanted;
        if (m_capabilities.has(ImapCapability::CondStore))
            wanted.append("CONDSTORE");
        if (m_capabilities.has(ImapCapability::QResync))
            wanted.append("QRESYNC");
        if (m_capabilities.has(ImapCapability::Utf8Accept))
            wanted.append("UTF8=ACCEPT");
        if (!wanted.isEmpty())
            commands.append(m_builder.enable(wanted));
    }
    if (m_capabilities.has(ImapCapability::Id) && !m_clientId.isEmpty())
        commands.append(m_builder.id(m_clientId));
    if (m_capabilities.has(ImapCapability::Namespace))
        commands.append(m_builder.namespaceCommand());
    if (commands.isEmpty()) {
        finishOpen(ImapResult::ok());
        return;
    }
    *remaining = int(commands.size());
    for (const ImapCommand &command : commands) {
        ImapExchange exchange;
        exchange.command = command;
        exchange.onUntagged = [this](const ImapResponse &r) {
            if (r.kind == ImapResponse::Kind::Namespace && r.namespaces()) {
                m_namespaces = *r.namespaces();
                return true;
            }
            if (r.kind == ImapResponse::Kind::Id && r.idParams()) {
                m_serverId = *r.idParams();
                return true;
            }
            return false;
        };
        exchange.onTagged = done;
        submit(std::move(exchange));
    }
}

} // namespace Petrel::Imap
