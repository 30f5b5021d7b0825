#include "AccountConnectionTest.h"

#include "imap/ImapSession.h"
#include "net/Fingerprint.h"
#include "pop3/Pop3Session.h"
#include "smtp/SmtpSession.h"

namespace Petrel::Core {

using Stage = ConnectionTestResult::Stage;

AccountConnectionTest::AccountConnectionTest(QObject *parent)
    : QObject(parent)
{
}

AccountConnectionTest::~AccountConnectionTest()
{
    abort();
}

Net::ConnectionSettings AccountConnectionTest::bounded(Net::ConnectionSettings settings) const
{
    settings.connectTimeoutMs = m_timeoutMs;
    settings.idleTimeoutMs = m_timeoutMs;
    return settings;
}

void AccountConnectionTest::start(const AccountSettings &settings, const QString &password)
{
    abort();
    m_settings = settings;
    m_password = password;
    m_running = true;
    const Net::ConnectionSettings where = bounded(settings.incomingConnection());
    Q_EMIT progress(tr("Logging in to %1:%2…").arg(where.host).arg(where.port));
    if (settings.protocol == IncomingProtocol::Pop3) {
        m_pop3 = new Pop3::Pop3Session(this);
        Pop3::Pop3Job *job = m_pop3->open(where, {settings.incomingUserName(), password, {}});
        connect(job, &Pop3::Pop3Job::finished, this, &AccountConnectionTest::onPop3Opened);
    } else {
        m_imap = new Imap::ImapSession(this);
        connect(m_imap, &Imap::ImapSession::opened, this, &AccountConnectionTest::onImapOpened);
        m_imap->open(where, {settings.incomingUserName(), password});
    }
}

void AccountConnectionTest::abort()
{
    m_running = false;
    for (QObject *session : std::initializer_list<QObject *>{m_imap, m_pop3, m_smtp}) {
        if (session) {
            session->disconnect(this);
            session->deleteLater();
        }
    }
    if (m_imap)
        m_imap->abort();
    if (m_pop3)
        m_pop3->abort();
    if (m_smtp)
        m_smtp->abort();
    m_imap = nullptr;
    m_pop3 = nullptr;
    m_smtp = nullptr;
}

void AccountConnectionTest::onImapOpened(const Imap::ImapResult &result)
{
    if (!m_running)
        return;
    if (!result.isOk()) {
        fail(Stage::Incoming, bounded(m_settings.incomingConnection()), result.message, result.transport);
        return;
    }
    Imap::ImapSession *session = m_imap;
    m_imap = nullptr;
    session->disconnect(this);
    connect(session, &Imap::ImapSession::closed, session, &QObject::deleteLater);
    session->logout();
    testOutgoing();
}

void AccountConnectionTest::onPop3Opened(const Pop3::Pop3Result &result)
{
    if (!m_running)
        return;
    if (!result.isOk()) {
        fail(Stage::Incoming, bounded(m_settings.incomingConnection()), result.message, result.connectionError);
        return;
    }
    Pop3::Pop3Session *session = m_pop3;
    m_pop3 = nullptr;
    connect(session, &Pop3::Pop3Session::closed, session, &QObject::deleteLater);
    session->quit();
    testOutgoing();
}

void AccountConnectionTest::testOutgoing()
{
    const Net::ConnectionSettings where = bounded(m_settings.outgoingConnection());
    Q_EMIT progress(tr("Logging in to the outgoing server %1:%2…").arg(where.host).arg(where.port));
    m_smtp = new Smtp::SmtpSession(this);
    connect(m_smtp, &Smtp::SmtpSession::opened, this, &AccountConnectionTest::onSmtpOpened);
    m_smtp->open(where, {m_settings.outgoingUserName(), m_password, {}, {}});
}

void AccountConnectionTest::onSmtpOpened(const Smtp::SmtpResult &result)
{
    if (!m_running)
        return;
    const Net::ConnectionSettings where = bounded(m_settings.outgoingConnection());
    if (!result.isOk()) {
        std::optional<Net::ConnectionError> transport;
        if (result.hasTransportError)
            transport = result.transport;
        fail(Stage::Outgoing, where, result.message, transport);
        return;
    }
    Smtp::SmtpSession *session = m_smtp;
    m_smtp = nullptr;
    session->disconnect(this);
    connect(session, &Smtp::SmtpSession::closed, session, &QObject::deleteLater);
    session->quit();
    ConnectionTestResult ok;
    ok.ok = true;
    ok.stage = Stage::Outgoing;
    ok.message = tr("Logged in to %1:%2 and to the outgoing server %3:%4.")
                     .arg(m_settings.incomingConnection().host)
                     .arg(m_settings.incomingPort())
                     .arg(where.host)
                     .arg(where.port);
    finish(ok);
}

void AccountConnectionTest::fail(Stage stage, const Net::ConnectionSettings &where, const QString &sessionMessage,
                                 const std::optional<Net::ConnectionError> &transport)
{
    ConnectionTestResult r;
    r.stage = stage;
    r.host = where.host;
    r.port = where.port;
    const QString server = stage == Stage::Incoming ? tr("Incoming server %1:%2").arg(where.host).arg(where.port)
                                                    : tr("Outgoing server %1:%2").arg(where.host).arg(where.port);
    if (transport && transport->isCertificateError()) {
        r.certificateError = transport;
        r.certificateSha256Hex = QString::fromLatin1(transport->certificateSha256.toHex());
        r.certificateFingerprint = Net::formatFingerprint(transport->certificateSha256);
        r.message = tr("%1: certificate not trusted. %2 SHA-256 fingerprint: %3")
                        .arg(server, transport->message, r.certificateFingerprint);
    } else if (transport) {
        r.message = tr("%1: %2").arg(server, transport->message);
    } else {
        r.message = tr("%1: %2").arg(server, sessionMessage);
    }
    finish(r);
}

void AccountConnectionTest::finish(const ConnectionTestResult &result)
{
    abort(); // closes whatever is still open; no credential stays in memory
    m_password.clear();
    Q_EMIT finished(result);
}

} // namespace Petrel::Core
