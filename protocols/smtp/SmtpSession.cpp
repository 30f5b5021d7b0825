#include "smtp/SmtpSession.h"

#include "smtp/SmtpCommandEncoder.h"
#include "smtp/SmtpLogging.h"

#include <utility>

namespace Petrel::Smtp {

using Kind = SmtpResult::Kind;
using Stage = SmtpResult::Stage;

SmtpSession::SmtpSession(QObject *parent) : QObject(parent)
{
    connect(&m_connection, &Net::Connection::readyRead, this, &SmtpSession::onReadyRead);
    connect(&m_connection, &Net::Connection::failed, this, &SmtpSession::onConnectionFailed);
    connect(&m_connection, &Net::Connection::disconnected, this, &SmtpSession::onDisconnected);
    connect(&m_connection, &Net::Connection::encrypted, this, &SmtpSession::onEncrypted);
    connect(&m_connection, &Net::Connection::connected, this, [this] {
        if (m_stage == Stage::Connect)
            setStage(Stage::Greeting);
    });
}

SmtpSession::~SmtpSession()
{
    m_connection.disconnect(this);
    m_connection.abort();
}

void SmtpSession::send(const QList<Outgoing> &batch)
{
    QByteArray wire;
    for (const Outgoing &out : batch) {
        qCDebug(lcPetrelSmtp).noquote() << "C:" << QString::fromUtf8(out.command.redacted);
        wire += out.command.wire;
        m_expected.enqueue(out.onReply);
    }
    m_connection.write(wire); // one write: a pipelined group leaves in one packet where possible
}

void SmtpSession::takeReply(SmtpResult &result, const SmtpReply &reply)
{
    result.code = reply.code;
    result.enhancedCode = reply.enhancedCode;
    result.serverText = reply.text();
}

SmtpResult::Kind SmtpSession::kindOf(const SmtpReply &reply)
{
    if (reply.isTransient())
        return Kind::TemporaryFailure;
    if (reply.isPermanent())
        return Kind::Rejected;
    return Kind::Protocol; // a positive reply where a refusal was being reported: should not happen
}

void SmtpSession::onReadyRead()
{
    // Line by line, and never past a STARTTLS 220: Connection must still hold any byte after it.
    while (!m_awaitingTls && m_state != State::Closed && m_state != State::Disconnected) {
        const auto line = m_connection.readLine();
        if (!line)
            break;
        m_parser.feed(QByteArray(*line + "\r\n"));
        if (m_parser.hasError()) {
            SmtpResult result;
            result.kind = Kind::Protocol;
            result.stage = m_stage;
            result.message = m_parser.errorString();
            failConnection(result);
            return;
        }
        while (m_parser.hasReply()) {
            const SmtpReply reply = m_parser.takeReply();
            qCDebug(lcPetrelSmtp).noquote()
                << "S:" << reply.code << reply.enhancedCode << reply.text().left(300);
            if (m_expected.isEmpty()) {
                SmtpResult result;
                result.kind = Kind::Protocol;
                result.stage = m_stage;
                result.message = QStringLiteral("The server sent a reply nobody asked for (%1 %2).")
                                     .arg(reply.code)
                                     .arg(reply.text().left(100));
                takeReply(result, reply);
                failConnection(result);
                return;
            }
            const ReplyHandler handler = m_expected.dequeue();
            handler(reply);
            if (m_state == State::Closed)
                return;
            if (reply.code == 421 && !m_quitSent) { // the server is closing the channel (RFC 5321 3.8)
                SmtpResult result;
                result.kind = Kind::TemporaryFailure;
                result.stage = m_stage;
                result.message =
                    QStringLiteral("The server is shutting the connection down: %1").arg(reply.text());
                takeReply(result, reply);
                failConnection(result);
                return;
            }
        }
    }
    if (m_expected.isEmpty() && m_state != State::Closed)
        m_connection.setAwaitingReply(false);
}

void SmtpSession::onConnectionFailed(const Net::ConnectionError &error)
{
    if (m_state == State::Closed || m_state == State::Disconnected)
        return;
    if (m_quitSent && m_expected.isEmpty()) { // QUIT was answered; how the socket ended does not matter
        setState(State::Closed);
        Q_EMIT closed();
        return;
    }
    SmtpResult result;
    result.transport = error;
    result.hasTransportError = true;
    result.message = error.message;
    result.stage = m_stage;
    switch (error.kind) {
    case Net::ConnectionError::Kind::ConnectTimeout:
    case Net::ConnectionError::Kind::IdleTimeout:
        result.kind = Kind::Timeout;
        break;
    case Net::ConnectionError::Kind::Cancelled:
        result.kind = Kind::Cancelled;
        break;
    case Net::ConnectionError::Kind::LineTooLong:
        result.kind = Kind::Protocol;
        break;
    default:
        result.kind = Kind::Transport;
        break;
    }
    qCInfo(lcPetrelSmtp) << "connection failed:" << Net::ConnectionError::kindName(error.kind) << "at"
                         << SmtpResult::stageName(m_stage);
    failConnection(result);
}

void SmtpSession::onDisconnected()
{
    if (m_state == State::Closed || m_state == State::Disconnected)
        return;
    if (m_quitSent && m_expected.isEmpty() && !m_transaction && !m_pipelined && m_queued.isEmpty()) {
        setState(State::Closed);
        Q_EMIT closed();
        return;
    }
    SmtpResult result;
    result.kind = Kind::Cancelled;
    result.stage = m_stage;
    result.message = QStringLiteral("The SMTP session was closed.");
    failConnection(result);
}

void SmtpSession::failQueued(const SmtpResult &result)
{
    // Never started: not delivered, whatever happened to the connection.
    SmtpResult notSent = result;
    notSent.deliveryUnknown = false;
    notSent.recipients.clear();
    if (notSent.stage >= Stage::MailFrom) // that stage belonged to the message before them
        notSent.stage = Stage::None;
    const auto queued = std::exchange(m_queued, {});
    for (const QPointer<SmtpSubmission> &submission : queued) {
        if (submission)
            submission->finish(notSent);
    }
}

void SmtpSession::failConnection(SmtpResult result)
{
    if (m_state == State::Closed)
        return;
    if (result.kind != Kind::Ok)
        qCInfo(lcPetrelSmtp).noquote()
            << "closing the connection:" << SmtpResult::kindName(result.kind) << result.message;
    m_connection.abort();
    m_expected.clear();
    m_awaitingTls = false;
    m_credentials = {};
    setState(State::Closed);
    if (m_opening)
        finishOpen(result);
    if (m_transaction) {
        Transaction transaction = std::move(*m_transaction);
        m_transaction.reset();
        SmtpResult outcome = transaction.failed ? transaction.result : result;
        if (!transaction.failed) {
            outcome.recipients = transaction.result.recipients;
            outcome.deliveryUnknown = transaction.finalDotSent;
            if (outcome.deliveryUnknown)
                outcome.message = QStringLiteral("The message was sent but the server's answer was not "
                                                 "received (%1); it may have been delivered.")
                                      .arg(result.message);
        }
        if (transaction.submission)
            transaction.submission->finish(outcome);
    }
    if (m_pipelined) { // its body never started: not delivered, like the queued ones
        if (!m_pipelined->failed)
            m_queued.prepend(m_pipelined->submission);
        else if (m_pipelined->submission)
            m_pipelined->submission->finish(m_pipelined->result);
        m_pipelined.reset();
    }
    failQueued(result);
    Q_EMIT closed();
}

void SmtpSession::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void SmtpSession::quit()
{
    if (m_state == State::Disconnected || m_state == State::Closed || m_quitRequested)
        return;
    m_quitRequested = true;
    pump();
}

void SmtpSession::abort()
{
    if (m_state == State::Closed || m_state == State::Disconnected)
        return;
    if (m_transaction && m_transaction->finalDotSent)
        qCWarning(lcPetrelSmtp) << "aborted while waiting for the final reply: delivery unknown";
    SmtpResult result;
    result.kind = Kind::Cancelled;
    result.stage = m_stage;
    result.message = QStringLiteral("The SMTP session was aborted.");
    failConnection(result);
}

} // namespace Petrel::Smtp
