#include "imap/ImapSession.h"

#include "imap/ImapLogging.h"

#include <QTimer>

namespace Petrel::Imap {

namespace {

// Size announced by a line that ends in "{n}" or "{n+}", else -1.
qint64 announcedLiteral(const QByteArray &line)
{
    if (!line.endsWith('}'))
        return -1;
    const qsizetype open = line.lastIndexOf('{');
    if (open < 0)
        return -1;
    QByteArray digits = line.mid(open + 1, line.size() - open - 2);
    if (digits.endsWith('+'))
        digits.chop(1);
    bool ok = false;
    const qint64 size = digits.toLongLong(&ok);
    return ok && size >= 0 ? size : -1;
}

// Server bytes fit for a user-facing message: control and other unprintable characters become
// '?', and long text is cut.
QString printable(const QByteArray &bytes, qsizetype maxLength = 80)
{
    const QString all = QString::fromUtf8(bytes.left(maxLength * 4));
    QString text = all.left(maxLength);
    for (QChar &c : text) {
        if (!c.isPrint())
            c = QLatin1Char('?');
    }
    return all.size() > maxLength || bytes.size() > maxLength * 4 ? text + QStringLiteral("...") : text;
}

} // namespace

ImapSession::ImapSession(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<ImapResult>();
    connect(&m_connection, &Net::Connection::connected, this, &ImapSession::onConnected);
    connect(&m_connection, &Net::Connection::encrypted, this, &ImapSession::onEncrypted);
    connect(&m_connection, &Net::Connection::readyRead, this, &ImapSession::onReadyRead);
    connect(&m_connection, &Net::Connection::failed, this, &ImapSession::onConnectionFailed);
    connect(&m_connection, &Net::Connection::disconnected, this, &ImapSession::onDisconnected);
}

ImapSession::~ImapSession()
{
    // Operations still waiting finish Cancelled (their handlers guard against operations that are
    // already gone); no signal of ours is emitted from the destructor.
    QList<Pending> all = m_inFlight;
    all.append(m_queued);
    m_inFlight.clear();
    m_queued.clear();
    const ImapResult gone = ImapResult::make(ImapResult::Kind::Cancelled, QStringLiteral("The IMAP session was destroyed."));
    for (const Pending &p : all) {
        if (p.exchange.onFailed)
            p.exchange.onFailed(gone);
    }
}

void ImapSession::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void ImapSession::setSelectedMailbox(const QString &mailbox, bool readOnly, quint64 uidValidity)
{
    m_selected = mailbox;
    m_selectedReadOnly = readOnly;
    m_selectedUidValidity = uidValidity;
    if (m_state == State::Authenticated)
        setState(State::Selected);
}

void ImapSession::clearSelectedMailbox()
{
    m_selected.clear();
    m_selectedReadOnly = false;
    m_selectedUidValidity = 0;
    if (m_state == State::Selected)
        setState(State::Authenticated);
}

QByteArray ImapSession::submit(ImapExchange exchange)
{
    if (!isOpen() || m_logoutSent) {
        auto onFailed = exchange.onFailed;
        QTimer::singleShot(0, this, [onFailed] {
            if (onFailed)
                onFailed(ImapResult::make(ImapResult::Kind::InvalidState, QStringLiteral("The IMAP session is not open.")));
        });
        return {};
    }
    const QByteArray tag = exchange.command.tag;
    m_queued.enqueue({std::move(exchange), 0, false});
    pump();
    return tag;
}

ImapSession::Pending *ImapSession::findInFlight(const QByteArray &tag)
{
    for (auto &p : m_inFlight) {
        if (p.exchange.command.tag == tag)
            return &p;
    }
    return nullptr;
}

void ImapSession::drop(const QByteArray &tag)
{
    for (qsizetype i = 0; i < m_queued.size(); ++i) {
        if (m_queued.at(i).exchange.command.tag == tag) {
            m_queued.removeAt(i);
            return;
        }
    }
    if (Pending *p = findInFlight(tag)) {
        // The command is (partly) on the wire: its remaining chunks still go out, its answers are
        // read and ignored.
        p->exchange.onUntagged = nullptr;
        p->exchange.onContinuation = nullptr;
        p->exchange.onTagged = nullptr;
        p->exchange.onFailed = nullptr;
        if (tag == m_idleTag)
            sendIdleDone();
    }
}

void ImapSession::sendIdleDone()
{
    if (m_idleTag.isEmpty() || m_idleDoneSent || !m_connection.isOpen())
        return;
    m_idleDoneSent = true;
    const QByteArray done = ImapCommandBuilder::done().bytes;
    qCDebug(lcPetrelImap) << "C:" << m_redactor.outgoing(done).trimmed();
    m_connection.write(done);
}

void ImapSession::pump()
{
    while (!m_queued.isEmpty() && m_blockedTag.isEmpty() && !m_awaitingTls && m_connection.isOpen()) {
        if (!m_idleTag.isEmpty()) {
            // New work ends IDLE; it goes out once IDLE is answered.
            sendIdleDone();
            return;
        }
        const bool exclusiveInFlight = !m_inFlight.isEmpty() && m_inFlight.constLast().exchange.exclusive;
        if (exclusiveInFlight || (m_queued.head().exchange.exclusive && !m_inFlight.isEmpty()))
            return;
        m_inFlight.append(m_queued.dequeue());
        Pending &pending = m_inFlight.last();
        if (pending.exchange.command.name == "IDLE") {
            m_idleTag = pending.exchange.command.tag;
            m_idleDoneSent = false;
        }
        if (pending.exchange.command.name == "LOGOUT")
            m_logoutSent = true;
        writeChunks(pending);
    }
}

void ImapSession::writeChunks(Pending &pending)
{
    pending.sent = true;
    const auto &chunks = pending.exchange.command.chunks;
    while (pending.nextChunk < chunks.size()) {
        const ImapCommandChunk &chunk = chunks.at(pending.nextChunk++);
        const QByteArray logged = m_redactor.outgoing(chunk.bytes);
        qCDebug(lcPetrelImap) << "C:" << logged.left(200).trimmed();
        m_connection.write(chunk.bytes);
        if (chunk.waitForContinuation && pending.nextChunk < chunks.size()) {
            m_blockedTag = pending.exchange.command.tag;
            return;
        }
    }
}

void ImapSession::onReadyRead()
{
    // Line by line, literals raw: so nothing beyond a STARTTLS reply is ever taken from the
    // connection (it detects injected bytes itself), and nothing is read after a failure.
    if (m_state == State::Connecting && !m_awaitingGreeting)
        return; // onConnected() reads the greeting
    QByteArray lastLine; // quoted when the parser gives up: the server's own words
    while (isOpen() && !m_awaitingTls) {
        if (m_literalRemaining > 0) {
            if (m_connection.bytesAvailable() <= 0)
                return;
            const QByteArray bytes = m_connection.read(m_literalRemaining);
            if (bytes.isEmpty())
                return;
            m_literalRemaining -= bytes.size();
            m_parser.feed(bytes);
        } else {
            if (!m_connection.canReadLine())
                return;
            const std::optional<QByteArray> line = m_connection.readLine();
            if (!line)
                return;
            lastLine = *line;
            m_parser.feed(*line + "\r\n");
            m_literalRemaining = std::max<qint64>(0, announcedLiteral(*line));
        }
        while (isOpen() && !m_awaitingTls) {
            const std::optional<ImapResponse> response = m_parser.next();
            if (!response)
                break;
            handle(*response);
        }
        if (m_parser.hasError() && isOpen()) {
            const ImapParseError error = *m_parser.error();
            qCWarning(lcPetrelImap) << "parse error:" << error.toString();
            ImapResult result = ImapResult::make(
                ImapResult::Kind::Protocol,
                QStringLiteral("The IMAP server sent data Petrel cannot read (%1); the connection was closed.")
                    .arg(printable(error.toString().toUtf8(), 200)));
            if (!lastLine.isEmpty())
                result.message += QStringLiteral(" The last line it sent: \"%1\"").arg(printable(lastLine));
            failConnection(result);
            return;
        }
    }
}

void ImapSession::handle(const ImapResponse &response)
{
    m_redactor.responseReceived(response);
    if (response.isContinuation())
        qCDebug(lcPetrelImap) << "S: +" << (m_redactor.isHidingWrites() ? QByteArray("***") : response.text.left(200));
    else
        qCDebug(lcPetrelImap) << "S:" << (response.isTagged() ? response.tag : QByteArray("*")) << response.name
                              << response.text.left(200);
    if (m_awaitingGreeting) {
        onGreeting(response);
        return;
    }
    if (response.isContinuation())
        handleContinuation(response);
    else if (response.isTagged())
        handleTagged(response);
    else
        handleUntagged(response);
}

void ImapSession::handleContinuation(const ImapResponse &response)
{
    if (!m_blockedTag.isEmpty()) {
        Pending *pending = findInFlight(m_blockedTag);
        m_blockedTag.clear();
        if (pending)
            writeChunks(*pending);
        pump();
        return;
    }
    if (!m_idleTag.isEmpty()) {
        Pending *pending = findInFlight(m_idleTag);
        if (pending && pending->exchange.onContinuation)
            pending->exchange.onContinuation(response);
        if (m_queued.isEmpty() && !m_idleDoneSent)
            m_connection.setAwaitingReply(false); // idling: silence is expected
        pump();
        return;
    }
    failConnection(ImapResult::make(ImapResult::Kind::Protocol,
                                    QStringLiteral("The IMAP server sent an unexpected continuation request; "
                                                   "the connection was closed.")));
}

void ImapSession::handleTagged(const ImapResponse &response)
{
    qsizetype index = -1;
    for (qsizetype i = 0; i < m_inFlight.size(); ++i) {
        if (m_inFlight.at(i).exchange.command.tag == response.tag) {
            index = i;
            break;
        }
    }
    if (index < 0) {
        failConnection(ImapResult::make(ImapResult::Kind::Protocol,
                                        QStringLiteral("The IMAP server answered a command that was never sent (%1); "
                                                       "the connection was closed.")
                                            .arg(QString::fromUtf8(response.tag.left(40)))));
        return;
    }
    Pending pending = m_inFlight.takeAt(index);
    if (m_blockedTag == response.tag)
        m_blockedTag.clear(); // refused instead of "+": the rest of the command is never sent
    if (m_idleTag == response.tag) {
        m_idleTag.clear();
        m_idleDoneSent = false;
    }
    if (m_inFlight.isEmpty())
        m_connection.setAwaitingReply(false);
    if (response.code.kind == ImapResponseCode::Kind::Alert)
        Q_EMIT alertReceived(QString::fromUtf8(response.text));
    if (pending.exchange.onTagged)
        pending.exchange.onTagged(response);
    pump();
}

void ImapSession::handleUntagged(const ImapResponse &response)
{
    if (response.kind == ImapResponse::Kind::Status) {
        if (response.status == ImapResponse::Status::Bye) {
            if (m_logoutSent)
                return; // the expected goodbye; LOGOUT's OK follows
            ImapResult result = ImapResult::make(
                ImapResult::Kind::Protocol,
                QStringLiteral("The IMAP server closed the session: %1").arg(QString::fromUtf8(response.text)));
            result.serverText = QString::fromUtf8(response.text);
            result.code = response.code;
            failConnection(result);
            return;
        }
        // A new UIDVALIDITY for the mailbox still selected voids every UID the client holds; going
        // on would apply flags and expunges to the wrong messages. (During a SELECT none is kept.)
        if (response.code.kind == ImapResponseCode::Kind::UidValidity && m_state == State::Selected
            && m_selectedUidValidity != 0 && response.code.number != m_selectedUidValidity) {
            ImapResult result = ImapResult::make(
                ImapResult::Kind::Protocol,
                QStringLiteral("The IMAP server changed the UIDVALIDITY of %1 from %2 to %3 during the session; "
                               "the connection was closed and the folder will be read again.")
                    .arg(m_selected)
                    .arg(m_selectedUidValidity)
                    .arg(response.code.number));
            result.serverText = QString::fromUtf8(response.text);
            result.code = response.code;
            failConnection(result);
            return;
        }
        if (response.code.kind == ImapResponseCode::Kind::Alert)
            Q_EMIT alertReceived(QString::fromUtf8(response.text));
        if (response.code.kind == ImapResponseCode::Kind::Capability)
            setCapabilities(response.code.capabilities);
    } else if (response.kind == ImapResponse::Kind::Capability && response.capabilities()) {
        setCapabilities(*response.capabilities());
    } else if (response.kind == ImapResponse::Kind::Enabled && response.flags()) {
        for (const QByteArray &name : *response.flags()) {
            if (!m_enabled.contains(name))
                m_enabled.append(name);
        }
        const bool utf8 = m_enabled.contains("UTF8=ACCEPT");
        m_parser.setUtf8Enabled(utf8);
        m_builder.setUtf8Enabled(utf8);
    }
    for (qsizetype i = 0; i < m_inFlight.size(); ++i) {
        auto handler = m_inFlight.at(i).exchange.onUntagged;
        if (handler && handler(response))
            return;
    }
    switch (response.kind) {
    case ImapResponse::Kind::Exists:
        Q_EMIT existsReceived(response.number);
        break;
    case ImapResponse::Kind::Expunge:
        Q_EMIT expungeReceived(response.number);
        break;
    case ImapResponse::Kind::Vanished:
        if (response.vanished())
            Q_EMIT vanishedReceived(response.vanished()->uids, response.vanished()->earlier);
        break;
    case ImapResponse::Kind::Fetch:
        if (response.fetch())
            Q_EMIT fetchReceived(*response.fetch());
        break;
    default:
        break;
    }
}

void ImapSession::onConnectionFailed(const Net::ConnectionError &error)
{
    if (m_state == State::Closed || m_state == State::Disconnected)
        return;
    if (m_logoutSent && error.kind == Net::ConnectionError::Kind::RemoteClosed && m_inFlight.isEmpty()) {
        failConnection(ImapResult::ok());
        return;
    }
    using CK = Net::ConnectionError::Kind;
    ImapResult::Kind kind = ImapResult::Kind::Transport;
    if (error.kind == CK::ConnectTimeout || error.kind == CK::IdleTimeout)
        kind = ImapResult::Kind::Timeout;
    else if (error.kind == CK::Cancelled)
        kind = ImapResult::Kind::Cancelled;
    ImapResult result = ImapResult::make(kind, error.message);
    result.transport = error;
    qCInfo(lcPetrelImap) << "connection failed:" << Net::ConnectionError::kindName(error.kind) << error.detail;
    failConnection(result);
}

void ImapSession::onDisconnected()
{
    if (m_state == State::Closed || m_state == State::Disconnected)
        return;
    failConnection(ImapResult::ok());
}

void ImapSession::failConnection(const ImapResult &result)
{
    if (m_state == State::Closed || m_state == State::Disconnected)
        return;
    setState(State::Closed);
    m_connection.abort();
    m_awaitingTls = false;
    m_awaitingGreeting = false;
    m_blockedTag.clear();
    m_idleTag.clear();
    m_literalRemaining = 0;
    m_selected.clear();
    m_selectedUidValidity = 0;
    m_credentials = {};
    ImapResult failure = result;
    if (failure.isOk())
        failure = ImapResult::make(ImapResult::Kind::Cancelled, QStringLiteral("The IMAP session was closed."));
    QList<Pending> all = m_inFlight;
    all.append(m_queued);
    m_inFlight.clear();
    m_queued.clear();
    for (const Pending &p : all) {
        if (p.exchange.onFailed)
            p.exchange.onFailed(failure);
    }
    if (m_opening)
        finishOpen(failure);
    Q_EMIT closed(result);
}

void ImapSession::logout()
{
    if (!isOpen() || m_logoutSent)
        return;
    ImapExchange exchange;
    exchange.command = m_builder.logout();
    exchange.exclusive = true;
    exchange.onTagged = [this](const ImapResponse &) {
        setState(State::Logout);
        m_connection.close();
    };
    submit(std::move(exchange));
}

void ImapSession::abort()
{
    failConnection(ImapResult::make(ImapResult::Kind::Cancelled, QStringLiteral("The IMAP session was aborted.")));
}

} // namespace Petrel::Imap
