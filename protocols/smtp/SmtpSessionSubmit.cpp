// SmtpSession's transactions: MAIL FROM, RCPT TO, DATA, the body and the final reply; RSET; QUIT.
#include "smtp/SmtpSession.h"

#include "smtp/SmtpCommandEncoder.h"
#include "smtp/SmtpDotStuffer.h"
#include "smtp/SmtpLogging.h"

#include <algorithm>

namespace Petrel::Smtp {

using Kind = SmtpResult::Kind;
using Stage = SmtpResult::Stage;

namespace {

bool hasEightBit(const QByteArray &data)
{
    for (const char c : data) {
        if (static_cast<unsigned char>(c) >= 0x80)
            return true;
    }
    return false;
}

constexpr qsizetype bodyChunk = 64 * 1024;

} // namespace

SmtpSubmission *SmtpSession::submit(const SmtpMessage &message)
{
    auto *submission = new SmtpSubmission(message, this);
    if (m_state != State::Opening && m_state != State::Ready && m_state != State::Busy) {
        SmtpResult result;
        result.kind = Kind::InvalidState;
        result.message = QStringLiteral("The SMTP session is not open.");
        submission->finish(result);
        return submission;
    }
    if (m_quitRequested) {
        SmtpResult result;
        result.kind = Kind::InvalidState;
        result.message = QStringLiteral("The SMTP session is ending (QUIT).");
        submission->finish(result);
        return submission;
    }
    connect(submission, &SmtpSubmission::cancelRequested, this,
            [this, submission] { onCancelRequested(submission); });
    m_queued.enqueue(submission);
    pump();
    return submission;
}

void SmtpSession::onCancelRequested(SmtpSubmission *submission)
{
    for (qsizetype i = 0; i < m_queued.size(); ++i) {
        if (m_queued.at(i) == submission) {
            m_queued.removeAt(i);
            SmtpResult result;
            result.kind = Kind::Cancelled;
            result.message = QStringLiteral("Cancelled before it was sent.");
            submission->finish(result);
            return;
        }
    }
    if (m_pipelined && m_pipelined->submission == submission && !m_pipelined->failed) {
        // Its MAIL/RCPT/DATA are on the way: its turn ends it (a 354 then drops the connection).
        m_pipelined->failed = true;
        m_pipelined->result.kind = Kind::Cancelled;
        m_pipelined->result.stage = Stage::MailFrom;
        m_pipelined->result.message = QStringLiteral("Cancelled before it was sent.");
        return;
    }
    if (!m_transaction || m_transaction->submission != submission || m_transaction->finalDotSent)
        return; // after the final ".", the answer is awaited: it says whether the message went
    SmtpResult result;
    result.kind = Kind::Cancelled;
    result.stage = m_stage;
    result.message = QStringLiteral("Cancelled before the message was complete; it was not delivered.");
    failConnection(result);
}

void SmtpSession::pump()
{
    if (m_state != State::Ready)
        return;
    while (!m_queued.isEmpty() && !m_queued.head())
        m_queued.dequeue();
    if (!m_queued.isEmpty()) {
        startTransaction();
        return;
    }
    if (m_quitRequested && !m_quitSent) {
        setState(State::Closing);
        m_quitSent = true;
        send({{SmtpCommandEncoder::quit(), [this](const SmtpReply &) { m_connection.close(); }}});
    }
}

// Everything that can be known before a byte is sent: the MAIL and RCPT commands, or false with
// the refusal in the transaction's result (nothing goes out).
bool SmtpSession::planTransaction(Transaction &transaction, QList<Outgoing> &batch)
{
    const SmtpMessage &message = transaction.message;
    for (const QString &address : std::as_const(message.recipients))
        transaction.result.recipients.append({address, false, 0, {}, {}});
    bool needsUtf8 = message.requireSmtpUtf8 || !SmtpCommandEncoder::isAscii(message.sender);
    for (qsizetype i = 0; i < message.recipients.size(); ++i) {
        needsUtf8 = needsUtf8 || !SmtpCommandEncoder::isAscii(message.recipients.at(i));
        batch.append({SmtpCommandEncoder::rcptTo(message.recipients.at(i)),
                      [this, i](const SmtpReply &reply) { onRcptReply(i, reply); }});
    }
    const bool needsEightBit = hasEightBit(message.data);
    const qint64 size = SmtpDotStuffer::transmittedSize(message.data);
    SmtpCommandEncoder::MailParameters parameters;
    parameters.size = m_capabilities.has(SmtpCapabilities::Size) ? size : -1;
    parameters.eightBitMime = needsEightBit && m_capabilities.has(SmtpCapabilities::EightBitMime);
    parameters.smtpUtf8 = needsUtf8;
    const SmtpCommand mail = SmtpCommandEncoder::mailFrom(message.sender, parameters);

    const auto refuse = [&](Kind kind, Stage stage, const QString &why) {
        transaction.failed = true;
        transaction.result.kind = kind;
        transaction.result.stage = stage;
        transaction.result.message = why;
        return false;
    };
    if (message.recipients.isEmpty())
        return refuse(Kind::InvalidState, Stage::RcptTo, QStringLiteral("The message has no recipient."));
    if (!mail.isValid())
        return refuse(Kind::InvalidState, Stage::MailFrom, mail.error);
    if (const auto bad = std::find_if(batch.cbegin(), batch.cend(), [](const Outgoing &o) { return !o.command.isValid(); });
        bad != batch.cend())
        return refuse(Kind::InvalidState, Stage::RcptTo, bad->command.error);
    if (needsUtf8 && !m_capabilities.has(SmtpCapabilities::SmtpUtf8))
        return refuse(Kind::NotSupported, Stage::MailFrom,
                      QStringLiteral("The message needs SMTPUTF8 (non-ASCII addresses), which the server does not offer."));
    if (needsEightBit && !m_capabilities.has(SmtpCapabilities::EightBitMime))
        return refuse(Kind::NotSupported, Stage::MailFrom,
                      QStringLiteral("The message has 8-bit content and the server does not offer 8BITMIME."));
    if (m_capabilities.maximumSize() > 0 && size > m_capabilities.maximumSize())
        return refuse(Kind::SizeExceeded, Stage::MailFrom,
                      QStringLiteral("The message (%1 bytes) is larger than the server accepts (%2 bytes).")
                          .arg(size)
                          .arg(m_capabilities.maximumSize()));
    batch.prepend({mail, [this](const SmtpReply &reply) { onMailReply(reply); }});
    return true;
}

void SmtpSession::startTransaction()
{
    Transaction transaction;
    transaction.submission = m_queued.dequeue();
    transaction.message = transaction.submission->message();
    m_transaction = std::move(transaction);
    setState(State::Busy);
    setStage(Stage::MailFrom);
    QList<Outgoing> batch;
    if (!planTransaction(*m_transaction, batch)) {
        qCInfo(lcPetrelSmtp).noquote() << "submission refused before sending:" << m_transaction->result.message;
        finishTransaction();
        return;
    }
    if (m_needsReset) {
        batch.prepend({SmtpCommandEncoder::rset(), [this](const SmtpReply &reply) {
                           if (!reply.isPositive())
                               failTransaction(
                                   kindOf(reply), Stage::MailFrom,
                                   QStringLiteral("The server refused RSET: %1").arg(reply.text()), &reply);
                       }});
    }
    m_needsReset = true;
    if (!m_capabilities.has(SmtpCapabilities::Pipelining)) {
        // One command at a time: each handler sends the next.
        QList<Outgoing> first{batch.takeFirst()};
        if (first.first().command.wire.startsWith("RSET")) {
            const ReplyHandler rset = first.first().onReply;
            const Outgoing mailStep = batch.takeFirst();
            first.first().onReply = [this, rset, mailStep](const SmtpReply &reply) {
                rset(reply);
                if (m_transaction && !m_transaction->failed)
                    send({mailStep});
                else
                    finishTransaction();
            };
        }
        m_transaction->dataPipelined = false;
        // The RCPTs wait in the transaction until MAIL is accepted.
        m_pendingRecipients = batch;
        send(first);
        return;
    }
    // RFC 2920: the group ends with DATA. With all-or-nothing DATA waits for the RCPT replies, so
    // a 354 can never arrive for a transaction that should not be delivered.
    m_transaction->dataPipelined = !m_transaction->message.allOrNothing;
    if (m_transaction->dataPipelined)
        batch.append({SmtpCommandEncoder::data(), [this](const SmtpReply &reply) { onDataReply(reply); }});
    m_pendingRecipients.clear();
    send(batch);
}

void SmtpSession::onMailReply(const SmtpReply &reply)
{
    if (!m_transaction)
        return;
    if (!reply.isPositive())
        failTransaction(kindOf(reply), Stage::MailFrom,
                        QStringLiteral("The server refused the sender: %1").arg(reply.text()), &reply);
    else
        setStage(Stage::RcptTo);
    if (m_pendingRecipients.isEmpty())
        return; // pipelined: the RCPT replies follow anyway
    if (m_transaction->failed) {
        m_pendingRecipients.clear();
        finishTransaction();
        return;
    }
    setStage(Stage::RcptTo);
    send({m_pendingRecipients.takeFirst()});
}

void SmtpSession::onRcptReply(qsizetype index, const SmtpReply &reply)
{
    if (!m_transaction)
        return;
    setStage(Stage::RcptTo);
    SmtpRecipientResult &recipient = m_transaction->result.recipients[index];
    recipient.accepted = reply.isPositive();
    recipient.code = reply.code;
    recipient.enhancedCode = reply.enhancedCode;
    recipient.serverText = reply.text();
    if (recipient.accepted)
        ++m_transaction->accepted;
    if (!m_pendingRecipients.isEmpty()) { // one at a time
        send({m_pendingRecipients.takeFirst()});
        return;
    }
    if (index == m_transaction->result.recipients.size() - 1)
        afterRecipients();
}

void SmtpSession::afterRecipients()
{
    Transaction &t = *m_transaction;
    const qsizetype count = t.result.recipients.size();
    if (!t.failed && (t.accepted == 0 || (t.message.allOrNothing && t.accepted < count))) {
        // The first refusal speaks for all; a temporary one among them makes it worth retrying.
        const SmtpRecipientResult *first = nullptr;
        bool temporary = false;
        for (const SmtpRecipientResult &r : std::as_const(t.result.recipients)) {
            if (r.accepted)
                continue;
            if (!first)
                first = &r;
            temporary = temporary || r.code / 100 == 4;
        }
        SmtpReply reply;
        reply.code = first ? first->code : 0;
        reply.enhancedCode = first ? first->enhancedCode : QString();
        reply.lines = {first ? first->serverText.toUtf8() : QByteArray()};
        failTransaction(temporary ? Kind::TemporaryFailure : Kind::Rejected, Stage::RcptTo,
                        t.accepted == 0
                            ? QStringLiteral("The server refused every recipient.")
                            : QStringLiteral("The server refused %1 of %2 recipients; nothing was sent.")
                                  .arg(count - t.accepted)
                                  .arg(count),
                        &reply);
    }
    if (t.dataPipelined)
        return; // DATA's reply decides
    if (t.failed)
        finishTransaction();
    else
        sendData();
}

void SmtpSession::sendData()
{
    setStage(Stage::Data);
    send({{SmtpCommandEncoder::data(), [this](const SmtpReply &reply) { onDataReply(reply); }}});
}

void SmtpSession::onDataReply(const SmtpReply &reply)
{
    if (!m_transaction)
        return;
    setStage(Stage::Data);
    if (m_transaction->failed) {
        if (reply.code == 354) {
            // The server wants the body of a transaction we gave up: nothing may be sent, so the
            // connection goes (the transaction's own result stands: not delivered).
            SmtpResult result;
            result.kind = Kind::Protocol;
            result.stage = Stage::Data;
            result.message = QStringLiteral("The server accepted DATA without a valid transaction.");
            failConnection(result);
            return;
        }
        finishTransaction();
        return;
    }
    if (reply.code != 354) {
        failTransaction(reply.code / 100 == 2 ? Kind::Protocol : kindOf(reply), Stage::Data,
                        QStringLiteral("The server refused DATA: %1").arg(reply.text()), &reply);
        finishTransaction();
        return;
    }
    sendBody();
}

void SmtpSession::sendBody()
{
    setStage(Stage::Body);
    // The last moment before "maybe delivered": an outbox records it now (or cancels).
    const QPointer<SmtpSubmission> submission = m_transaction->submission;
    if (submission)
        Q_EMIT submission->bodyStarting();
    if (!m_transaction || m_transaction->failed || m_transaction->submission != submission)
        return; // cancelled from the slot: the connection is gone and nothing of the body left
    qCDebug(lcPetrelSmtp) << "C: <message body," << m_transaction->message.data.size() << "bytes>";
    SmtpDotStuffer stuffer;
    const QByteArray &data = m_transaction->message.data;
    for (qsizetype offset = 0; offset < data.size(); offset += bodyChunk)
        m_connection.write(
            stuffer.feed(QByteArrayView(data).sliced(offset, qMin(bodyChunk, data.size() - offset))));
    m_expected.enqueue([this](const SmtpReply &reply) { onFinalReply(reply); });
    m_connection.write(stuffer.finish() + SmtpCommandEncoder::endOfData());
    // From here on a lost connection means: maybe delivered.
    m_transaction->finalDotSent = true;
    setStage(Stage::FinalReply);
    pipelineAfterBody(); // in the same packet as the final "."
    m_connection.flush(); // on the wire before the caller's slot runs
    if (submission)
        Q_EMIT submission->bodySent();
}

void SmtpSession::pipelineAfterBody()
{
    // RFC 2920: the end of data may be followed by the next group; the final "." ends the
    // transaction whatever its reply, so no RSET. A message refused before a byte is sent (size,
    // addresses) is left for its normal turn, which reports it.
    if (!m_capabilities.has(SmtpCapabilities::Pipelining) || m_pipelined)
        return;
    while (!m_queued.isEmpty() && !m_queued.head())
        m_queued.dequeue();
    if (m_queued.isEmpty())
        return;
    Transaction next;
    next.submission = m_queued.head();
    next.message = next.submission->message();
    QList<Outgoing> batch;
    if (!planTransaction(next, batch))
        return;
    m_queued.dequeue();
    next.dataPipelined = !next.message.allOrNothing;
    if (next.dataPipelined)
        batch.append({SmtpCommandEncoder::data(), [this](const SmtpReply &reply) { onDataReply(reply); }});
    m_pipelined = std::move(next);
    send(batch);
}

void SmtpSession::onFinalReply(const SmtpReply &reply)
{
    if (!m_transaction)
        return;
    if (reply.isPositive()) {
        takeReply(m_transaction->result, reply);
        m_transaction->result.kind = Kind::Ok;
        m_transaction->result.stage = Stage::FinalReply;
        qCInfo(lcPetrelSmtp) << "message accepted for" << m_transaction->accepted << "recipient(s)";
    } else if (reply.isTransient() || reply.isPermanent()) {
        failTransaction(kindOf(reply), Stage::FinalReply,
                        QStringLiteral("The server refused the message: %1").arg(reply.text()), &reply);
    } else {
        // A 3xx after the body: we cannot tell what the server did with the message.
        m_transaction->finalDotSent = true;
        SmtpResult result;
        result.kind = Kind::Protocol;
        result.stage = Stage::FinalReply;
        result.message = QStringLiteral("Unexpected reply %1 after the message.").arg(reply.code);
        takeReply(result, reply);
        failConnection(result);
        return;
    }
    finishTransaction();
}

void SmtpSession::failTransaction(Kind kind, Stage stage, const QString &message, const SmtpReply *reply)
{
    if (!m_transaction || m_transaction->failed)
        return;
    SmtpResult &result = m_transaction->result;
    result.kind = kind;
    result.stage = stage;
    result.message = message;
    if (reply)
        takeReply(result, *reply);
    m_transaction->failed = true;
    qCInfo(lcPetrelSmtp).noquote() << "submission failed:" << SmtpResult::kindName(kind) << "at"
                                   << SmtpResult::stageName(stage) << message;
}

void SmtpSession::finishTransaction()
{
    if (!m_transaction)
        return;
    Transaction transaction = std::move(*m_transaction);
    m_transaction.reset();
    m_pendingRecipients.clear();
    if (transaction.submission)
        transaction.submission->finish(transaction.result);
    if (m_pipelined) {
        // Its commands are out already: its replies come next.
        m_transaction = std::move(m_pipelined);
        m_pipelined.reset();
        setStage(Stage::MailFrom);
        return;
    }
    setStage(Stage::None);
    setState(State::Ready);
    pump();
}

} // namespace Petrel::Smtp
