#include "ServerProbe.h"

namespace Petrel::Core {

ServerProbe::ServerProbe(const ServerCandidate &candidate, QObject *parent)
    : QObject(parent)
    , m_candidate(candidate)
{
    connect(&m_connection, &Net::Connection::readyRead, this, &ServerProbe::onReadyRead);
    connect(&m_connection, &Net::Connection::failed, this, [this](const Net::ConnectionError &error) {
        done(error.isCertificateError(), error.message);
    });
    connect(&m_connection, &Net::Connection::disconnected, this,
            [this] { done(false, tr("The server closed the connection before greeting.")); });
}

void ServerProbe::start()
{
    Net::ConnectionSettings s;
    s.host = m_candidate.host;
    s.port = m_candidate.port;
    // STARTTLS servers greet in plain text; the probe reads only that greeting.
    s.security = m_candidate.security == Net::Security::ImplicitTls ? Net::Security::ImplicitTls : Net::Security::None;
    s.connectTimeoutMs = m_timeoutMs;
    s.idleTimeoutMs = m_timeoutMs;
    s.maxLineLength = 4096;
    m_connection.connectToServer(s);
}

void ServerProbe::onReadyRead()
{
    if (m_done || !m_connection.canReadLine())
        return;
    const QByteArray greeting = m_connection.readLine().value_or(QByteArray());
    bool found = false;
    switch (m_candidate.role) {
    case ServerRole::Imap:
        found = greeting.startsWith("* OK") || greeting.startsWith("* PREAUTH");
        break;
    case ServerRole::Pop3:
        found = greeting.startsWith("+OK");
        break;
    case ServerRole::Smtp:
        found = greeting.startsWith("220");
        break;
    }
    done(found, QString::fromUtf8(greeting.left(200)));
}

void ServerProbe::done(bool found, const QString &detail)
{
    if (m_done)
        return;
    m_done = true;
    m_connection.abort();
    Q_EMIT finished(found, detail);
}

} // namespace Petrel::Core
