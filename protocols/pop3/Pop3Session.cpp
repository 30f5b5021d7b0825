#include "pop3/Pop3Session.h"

#include "pop3/Pop3CommandEncoder.h"
#include "pop3/Pop3ListingParser.h"
#include "pop3/Pop3Logging.h"

#include <utility>

namespace Petrel::Pop3 {

using Error = Pop3Result::Error;

Pop3Session::Pop3Session(QObject *parent) : QObject(parent)
{
    connect(&m_connection, &Net::Connection::readyRead, this, &Pop3Session::onReadyRead);
    connect(&m_connection, &Net::Connection::failed, this, &Pop3Session::onConnectionFailed);
    connect(&m_connection, &Net::Connection::disconnected, this, &Pop3Session::onDisconnected);
    connect(&m_connection, &Net::Connection::encrypted, this, &Pop3Session::onEncrypted);
    connect(&m_connection, &Net::Connection::connected, this, [this] {
        if (m_state == State::Connecting)
            setState(State::Authorization); // the greeting is awaited (already queued in m_inFlight)
    });
}

Pop3Session::~Pop3Session()
{
    m_connection.disconnect(this);
    m_connection.abort();
}

bool Pop3Session::isPipelining() const
{
    return m_capabilities.has(Pop3Capabilities::Pipelining) && m_limits.maxPipelined > 1;
}

Pop3Job *Pop3Session::refused(Error error, const QString &message)
{
    auto *job = new Pop3Job(this);
    Pop3Result result;
    result.error = error;
    result.message = message;
    job->finish(result);
    return job;
}

Pop3Job *Pop3Session::enqueue(const Pop3Command &command, qint64 maxData,
                              std::function<void(const Pop3Reply &, Pop3Result &)> interpret)
{
    if (!command.isValid())
        return refused(Error::InvalidState, command.error);
    if (m_state != State::Connecting && m_state != State::Authorization && m_state != State::Transaction)
        return refused(Error::InvalidState, QStringLiteral("The POP3 session is not open."));
    if (m_quitRequested)
        return refused(Error::InvalidState, QStringLiteral("The POP3 session is ending (QUIT)."));
    auto *job = new Pop3Job(this);
    connect(job, &Pop3Job::cancelRequested, this, [this, job] { onCancelRequested(job); });
    Pending pending;
    pending.command = command;
    pending.maxData = maxData;
    pending.job = job;
    QPointer<Pop3Job> guard(job);
    pending.onReply = [this, guard, interpret](const Pop3Reply &reply) {
        Pop3Result result;
        result.serverText = reply.text;
        result.code = reply.code;
        if (reply.status == Pop3Reply::Status::Err) {
            result.error = Error::Rejected;
            result.message = QStringLiteral("The server refused: %1").arg(QString::fromUtf8(reply.text));
        } else if (reply.status == Pop3Reply::Status::Continuation) {
            result.error = Error::Protocol;
        } else if (interpret) {
            interpret(reply, result);
        }
        if (result.error == Error::Protocol) {
            if (result.message.isEmpty())
                result.message = QStringLiteral("The server sent a reply that does not fit the command.");
            if (guard)
                guard->finish(result);
            failConnection(result);
            return;
        }
        if (guard)
            guard->finish(result);
    };
    m_queued.enqueue(std::move(pending));
    pump();
    return job;
}

void Pop3Session::sendNow(Pending pending)
{
    qCDebug(lcPetrelPop3).noquote() << "C:" << QString::fromUtf8(pending.command.redacted);
    m_parser.expect(pending.command.shape, pending.maxData);
    const QByteArray wire = pending.command.wire;
    m_inFlight.enqueue(std::move(pending));
    m_connection.write(wire);
}

void Pop3Session::pump()
{
    if (m_state != State::Transaction && m_state != State::Closing)
        return;
    const qsizetype window = isPipelining() ? m_limits.maxPipelined : 1;
    QByteArray batch;
    while (!m_queued.isEmpty() && m_inFlight.size() < window && m_state == State::Transaction) {
        Pending pending = m_queued.dequeue();
        qCDebug(lcPetrelPop3).noquote() << "C:" << QString::fromUtf8(pending.command.redacted);
        m_parser.expect(pending.command.shape, pending.maxData);
        batch += pending.command.wire;
        if (pending.command.wire == "QUIT\r\n")
            setState(State::Closing);
        m_inFlight.enqueue(std::move(pending));
    }
    if (!batch.isEmpty())
        m_connection.write(batch); // one write: pipelined commands leave in one packet where possible
}

void Pop3Session::onReadyRead()
{
    while (!m_awaitingTls && m_state != State::Closed && m_state != State::Disconnected) {
        if (m_state == State::Transaction && m_parser.isInData()) {
            // Inside a message (RETR, TOP, listings): take all that arrived in one piece. In this
            // state no reply changes how the bytes after it are read (no STLS), and the parser
            // checks every line's length itself.
            const QByteArray chunk = m_connection.read(m_connection.bytesAvailable());
            if (chunk.isEmpty())
                break;
            m_parser.feed(chunk);
        } else {
            const auto line = m_connection.readLine();
            if (!line)
                break;
            m_parser.feed(*line + "\r\n");
        }
        while (m_parser.hasReply() && !m_inFlight.isEmpty()) {
            Pending pending = m_inFlight.dequeue();
            const Pop3Reply reply = m_parser.takeReply();
            qCDebug(lcPetrelPop3).noquote() << "S:" << (reply.isOk() ? "+OK" : reply.status == Pop3Reply::Status::Err ? "-ERR" : "+")
                                            << QString::fromUtf8(reply.code.raw) << QString::fromUtf8(reply.text.left(200));
            pending.onReply(reply);
            if (m_state == State::Closed)
                return;
        }
        if (m_parser.hasError()) {
            Pop3Result result;
            result.error = Error::Protocol;
            result.message = m_parser.errorString();
            failConnection(result);
            return;
        }
    }
    if (m_inFlight.isEmpty())
        m_connection.setAwaitingReply(false);
    pump();
}

void Pop3Session::onConnectionFailed(const Net::ConnectionError &error)
{
    if (m_state == State::Closed || m_state == State::Disconnected)
        return;
    if (m_quitAcknowledged) { // the server already committed; how the socket ended does not matter
        setState(State::Closed);
        Q_EMIT closed();
        return;
    }
    Pop3Result result;
    result.connectionError = error;
    result.message = error.message;
    switch (error.kind) {
    case Net::ConnectionError::Kind::ConnectTimeout:
    case Net::ConnectionError::Kind::IdleTimeout:
        result.error = Error::Timeout;
        break;
    case Net::ConnectionError::Kind::Cancelled:
        result.error = Error::Cancelled;
        break;
    case Net::ConnectionError::Kind::RemoteClosed:
        result.error = Error::Transport;
        m_parser.finish();
        if (m_parser.hasError())
            result.message = m_parser.errorString();
        break;
    default:
        result.error = Error::Transport;
        break;
    }
    qCInfo(lcPetrelPop3) << "connection failed:" << Net::ConnectionError::kindName(error.kind);
    setState(State::Closed);
    failAll(result);
    Q_EMIT closed();
}

void Pop3Session::onDisconnected()
{
    if (m_state == State::Closed || m_state == State::Disconnected)
        return;
    setState(State::Closed);
    Pop3Result result;
    result.error = Error::Cancelled;
    result.message = QStringLiteral("The POP3 session was closed.");
    failAll(result);
    Q_EMIT closed();
}

void Pop3Session::onCancelRequested(Pop3Job *job)
{
    for (qsizetype i = 0; i < m_queued.size(); ++i) {
        if (m_queued.at(i).job == job) {
            m_queued.removeAt(i);
            Pop3Result result;
            result.error = Error::Cancelled;
            result.message = QStringLiteral("Cancelled before it was sent.");
            job->finish(result);
            return;
        }
    }
    abort(); // in flight (or the login): the reply cannot be skipped, so the connection goes
}

void Pop3Session::abort()
{
    if (m_state == State::Closed || m_state == State::Disconnected)
        return;
    qCInfo(lcPetrelPop3) << "session aborted";
    m_connection.abort();
    setState(State::Closed);
    Pop3Result result;
    result.error = Error::Cancelled;
    result.message = QStringLiteral("The POP3 session was aborted.");
    failAll(result);
    Q_EMIT closed();
}

void Pop3Session::failAll(const Pop3Result &result)
{
    QQueue<Pending> all = std::exchange(m_inFlight, {});
    all.append(std::exchange(m_queued, {}));
    for (const Pending &pending : std::as_const(all)) {
        if (pending.job)
            pending.job->finish(result);
    }
    if (m_openJob)
        m_openJob->finish(result);
    m_openJob.clear();
    m_awaitingTls = false;
}

void Pop3Session::failConnection(Pop3Result result)
{
    if (m_state == State::Closed)
        return;
    qCWarning(lcPetrelPop3).noquote() << "closing the connection:" << Pop3Result::errorName(result.error) << result.message;
    m_connection.abort();
    setState(State::Closed);
    failAll(result);
    Q_EMIT closed();
}

void Pop3Session::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

Pop3Job *Pop3Session::stat()
{
    return enqueue(Pop3CommandEncoder::stat(), 0, [](const Pop3Reply &reply, Pop3Result &result) {
        const auto stat = Pop3ListingParser::parseStat(reply.text, &result.message);
        if (!stat)
            result.error = Error::Protocol;
        else
            result.stat = *stat;
    });
}

Pop3Job *Pop3Session::list(quint32 number)
{
    return enqueue(Pop3CommandEncoder::list(number), 0, [number](const Pop3Reply &reply, Pop3Result &result) {
        if (number == 0) {
            const auto listings = Pop3ListingParser::parseScanListings(reply.data, &result.message);
            if (listings)
                result.listings = *listings;
            else
                result.error = Error::Protocol;
            return;
        }
        const auto listing = Pop3ListingParser::parseScanListing(reply.text, &result.message);
        if (listing && listing->number == number)
            result.listings = {*listing};
        else
            result.error = Error::Protocol;
    });
}

Pop3Job *Pop3Session::uidl(quint32 number)
{
    if (m_capabilitiesKnown && !m_capabilities.has(Pop3Capabilities::Uidl))
        return refused(Error::NotSupported, QStringLiteral("The server does not offer UIDL."));
    return enqueue(Pop3CommandEncoder::uidl(number), 0, [number](const Pop3Reply &reply, Pop3Result &result) {
        if (number == 0) {
            const auto ids = Pop3ListingParser::parseUniqueIds(reply.data, &result.message);
            if (ids)
                result.uniqueIds = *ids;
            else
                result.error = Error::Protocol;
            return;
        }
        const auto id = Pop3ListingParser::parseUniqueId(reply.text, &result.message);
        if (id && id->number == number)
            result.uniqueIds = {*id};
        else
            result.error = Error::Protocol;
    });
}

Pop3Job *Pop3Session::top(quint32 number, quint32 lines)
{
    if (m_capabilitiesKnown && !m_capabilities.has(Pop3Capabilities::Top))
        return refused(Error::NotSupported, QStringLiteral("The server does not offer TOP."));
    return enqueue(Pop3CommandEncoder::top(number, lines), m_limits.maxMessageSize,
                   [](const Pop3Reply &reply, Pop3Result &result) { result.data = reply.data; });
}

Pop3Job *Pop3Session::retrieve(quint32 number, qint64 maxSize)
{
    return enqueue(Pop3CommandEncoder::retr(number), maxSize > 0 ? maxSize : m_limits.maxMessageSize,
                   [](const Pop3Reply &reply, Pop3Result &result) { result.data = reply.data; });
}

Pop3Job *Pop3Session::deleteMessage(quint32 number)
{
    return enqueue(Pop3CommandEncoder::dele(number), 0, {});
}

Pop3Job *Pop3Session::reset()
{
    return enqueue(Pop3CommandEncoder::rset(), 0, {});
}

Pop3Job *Pop3Session::noop()
{
    return enqueue(Pop3CommandEncoder::noop(), 0, {});
}

Pop3Job *Pop3Session::quit()
{
    Pop3Job *job = enqueue(Pop3CommandEncoder::quit(), 0, [this](const Pop3Reply &, Pop3Result &) {
        m_quitAcknowledged = true; // the server has committed the DELEs
        m_connection.close();
    });
    if (!job->isFinished())
        m_quitRequested = true;
    return job;
}

} // namespace Petrel::Pop3
