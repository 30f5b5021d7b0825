#include "send/OutboxSender.h"

#include "send/OutboxRetryPolicy.h"
#include "smtp/SmtpSession.h"
#include "store/Database.h"
#include "store/OutboxStore.h"
#include "store/StoreError.h"
#include "store/StoreWriter.h"

#include <QLockFile>
#include <QTimer>

#include <algorithm>

namespace Petrel::Core {

namespace {

constexpr int QuitGraceMs = 5000; // a server that never answers QUIT does not hold the result back

using Kind = Smtp::SmtpResult::Kind;

// The server's own words first, then what Petrel made of them.
QString describe(const Smtp::SmtpResult &r)
{
    QString text = r.message;
    if (!r.serverText.isEmpty() && !text.contains(r.serverText)) {
        const QString code = r.code ? QString::number(r.code) + QLatin1Char(' ') : QString();
        const QString enhanced = r.enhancedCode.isEmpty() ? QString() : r.enhancedCode + QLatin1Char(' ');
        text += QStringLiteral(" (server: %1%2%3)").arg(code, enhanced, r.serverText);
    }
    return text;
}

// A refusal that trying again will not change: the user has to edit or drop the message.
bool isPermanent(Kind kind)
{
    return kind == Kind::Rejected || kind == Kind::SizeExceeded || kind == Kind::NotSupported
        || kind == Kind::InvalidState;
}

} // namespace

OutboxSender::OutboxSender(Store::StoreWriter &writer, qint64 accountId, QObject *parent)
    : QObject(parent), m_writer(writer), m_outbox(std::make_unique<Store::OutboxStore>(writer.database())),
      m_accountId(accountId)
{
}

OutboxSender::~OutboxSender() = default;

void OutboxSender::start()
{
    if (m_started)
        return;
    m_started = true;
    // Two passes over one outbox (two processes: the app and petrel-cli) would each take the
    // other's "sending" rows for crash leftovers and send them again.
    m_lock = std::make_unique<QLockFile>(lockFilePath(m_writer.database().path(), m_accountId));
    m_lock->setStaleLockTime(0); // only a dead owner makes a lock stale, never its age
    if (!m_lock->tryLock(0)) {
        failPass(OutboxRunResult::Error::Busy,
                 QStringLiteral("Another Petrel process is sending this account's outbox right now"));
        return;
    }
    recover();
    if (!m_finished)
        sendNext();
}

QString OutboxSender::lockFilePath(const QString &databasePath, qint64 accountId)
{
    return QStringLiteral("%1.outbox-%2.lock").arg(databasePath).arg(accountId);
}

void OutboxSender::abort()
{
    if (!m_started || m_finished)
        return;
    if (m_session)
        m_session->abort();
    failPass(OutboxRunResult::Error::Cancelled, QStringLiteral("Sending was cancelled"));
}

bool OutboxSender::record(const std::function<void()> &storeWork)
{
    try {
        storeWork();
        return true;
    } catch (const Store::StoreError &e) {
        if (m_session)
            m_session->abort();
        failPass(OutboxRunResult::Error::Store, QStringLiteral("The outbox could not be updated: ") + e.text());
        return false;
    }
}

void OutboxSender::recover()
{
    record([this] {
        m_outbox->recoverInterrupted(m_accountId);
        for (const Store::OutboxRow &row : m_outbox->list(m_accountId)) {
            if (row.state == Store::OutboxState::Sent) {
                fileLeftover(row); // sent, but the pass ended before its copy was filed
                continue;
            }
            if (row.state != Store::OutboxState::Unknown || !m_outbox->inSentFolder(m_accountId, row.messageIdHeader))
                continue;
            // Its copy is in Sent (the server or another client filed it): it was delivered.
            m_outbox->markSent(row.id, now());
            m_outbox->removeSent(row.id);
            ++m_result.resolvedFromSent;
            Q_EMIT messageDone(row.id, Store::OutboxState::Sent, QStringLiteral("found in the Sent folder"));
        }
    });
}

void OutboxSender::fileLeftover(const Store::OutboxRow &row)
{
    if (!m_filer || m_outbox->inSentFolder(m_accountId, row.messageIdHeader)) {
        m_outbox->removeSent(row.id);
        return;
    }
    const QString why = m_filer(row, m_outbox->raw(row.id));
    if (why.isEmpty())
        m_outbox->removeSent(row.id);
    else
        m_result.warnings << QStringLiteral("Message <%1> was sent, but its copy is not in Sent: %2")
                                 .arg(row.messageIdHeader, why);
}

void OutboxSender::sendNext()
{
    if (m_finished || !m_inFlight.isEmpty())
        return; // the message prepared during the last body is under way: its result comes first
    m_claimed.reset();
    if (!record([this] {
            m_claimed = m_outbox->settleAndClaim(m_accountId, m_delivered, now());
            m_delivered.clear();
        }))
        return;
    if (!m_claimed) {
        if (!m_session || m_session->state() == Smtp::SmtpSession::State::Closed) {
            finish();
            return;
        }
        connect(m_session, &Smtp::SmtpSession::closed, this, [this] { finish(); });
        QTimer::singleShot(QuitGraceMs, this, [this] { finish(); });
        m_session->quit();
        return;
    }
    if (!m_session)
        openSession();
    else
        submit(*m_claimed, true);
}

void OutboxSender::openSession()
{
    m_session = new Smtp::SmtpSession(this);
    connect(m_session, &Smtp::SmtpSession::opened, this, [this](const Smtp::SmtpResult &r) {
        if (m_finished)
            return;
        if (r.isOk()) {
            submit(*m_claimed, true);
            return;
        }
        // Nothing was sent: the claimed message waits for the next pass.
        const Store::OutboxRow row = *m_claimed;
        const QString why = describe(r);
        if (!record([&] { m_outbox->markRetry(row.id, why, OutboxRetryPolicy::nextAttempt(row.attempts, now())); }))
            return;
        ++m_result.retryLater;
        Q_EMIT messageDone(row.id, Store::OutboxState::Queued, why);
        failPass(OutboxRunResult::Error::Server,
                 QStringLiteral("Connecting to the SMTP server %1 failed: %2").arg(m_settings.host, why));
    });
    m_session->open(m_settings, m_credentials);
    m_credentials.password.clear(); // the session holds it until AUTH is answered
    m_credentials.token.clear();
}

void OutboxSender::submit(const Store::OutboxRow &row, bool claimed)
{
    QByteArray raw;
    if (!record([&] { raw = m_outbox->raw(row.id); }))
        return;
    if (raw.isEmpty()) {
        // Gone meanwhile (the user removed it): nothing to send.
        m_result.warnings << QStringLiteral("Not sending message %1: it was removed meanwhile").arg(row.id);
        if (claimed)
            sendNext();
        return;
    }
    Smtp::SmtpMessage message;
    message.sender = row.sender;
    message.recipients = row.recipients;
    message.data = raw;
    m_inFlight.append({row, claimed, false, false});
    Smtp::SmtpSubmission *submission = m_session->submit(message);
    // Direct: "unknown" must be on disk before the first byte of the body leaves.
    connect(
        submission, &Smtp::SmtpSubmission::bodyStarting, this,
        [this, submission, id = row.id] { onBodyStarting(submission, id); }, Qt::DirectConnection);
    connect(submission, &Smtp::SmtpSubmission::bodySent, this, &OutboxSender::onBodySent, Qt::DirectConnection);
    connect(submission, &Smtp::SmtpSubmission::finished, this, &OutboxSender::onSubmitted);
}

void OutboxSender::onBodyStarting(Smtp::SmtpSubmission *submission, qint64 id)
{
    const auto entry = std::find_if(m_inFlight.begin(), m_inFlight.end(), [id](const InFlight &f) { return f.row.id == id; });
    try {
        if (entry != m_inFlight.end() && entry->claimed) {
            m_outbox->markBodyStarting(id); // claimed "sending": the serial path
            entry->bodyStarted = true;
        } else if (entry != m_inFlight.end() && entry->prepared && m_outbox->bodyMayStart(id)) {
            entry->bodyStarted = true;
        } else if (entry != m_inFlight.end() && !entry->prepared && m_outbox->settleAndPrepare({}, id)) {
            ++entry->row.attempts; // not prepared during the previous body: claimed now, serially
            entry->bodyStarted = true;
        } else {
            m_result.warnings
                << QStringLiteral("Not sending message %1: it was removed or queued again meanwhile").arg(id);
        }
    } catch (const Store::StoreError &e) {
        m_result.warnings
            << QStringLiteral("Not sending message %1: the outbox could not record it (%2)").arg(id).arg(e.text());
    }
    if (entry == m_inFlight.end() || !entry->bodyStarted) {
        submission->cancel();
        return;
    }
    // The next message goes to the session now, so its MAIL/RCPT/DATA leave with this body's final
    // "." (RFC 2920 when offered); it is claimed in onBodySent, before its own body can start.
    if (m_finished || std::any_of(m_inFlight.cbegin(), m_inFlight.cend(), [](const InFlight &f) { return !f.bodyStarted; }))
        return;
    std::optional<Store::OutboxRow> next;
    if (!record([&] { next = m_outbox->nextDue(m_accountId, now()); }))
        return;
    if (next)
        submit(*next, false);
}

void OutboxSender::onBodySent()
{
    // The server is busy with this body (and its own commit to disk): the one commit the next
    // message needs before its body is made now, with the removal of the delivered ones.
    if (m_finished)
        return;
    const auto waiting = std::find_if(m_inFlight.begin(), m_inFlight.end(),
                                      [](const InFlight &f) { return !f.bodyStarted && !f.claimed && !f.prepared; });
    if (waiting == m_inFlight.end())
        return;
    const qint64 id = waiting->row.id;
    bool prepared = false;
    if (!record([&] {
            prepared = m_outbox->settleAndPrepare(m_delivered, id);
            m_delivered.clear();
        }))
        return;
    // The pass may have ended inside record(): look the entry up again.
    for (InFlight &f : m_inFlight) {
        if (f.row.id == id && prepared) {
            f.prepared = true;
            ++f.row.attempts;
        }
    }
}

void OutboxSender::onSubmitted(const Smtp::SmtpResult &result)
{
    if (m_finished || m_inFlight.isEmpty())
        return;
    // The session finishes its submissions in order.
    const InFlight done = m_inFlight.takeFirst();
    const Store::OutboxRow &row = done.row;
    if (result.isOk()) {
        onSent(row, result);
    } else if (!done.bodyStarted && !result.deliveryUnknown && result.stage == Smtp::SmtpResult::Stage::None) {
        // Never reached the server (the connection went before its turn): back in the queue as it was.
        if (!record([&] { m_outbox->release(row.id); }))
            return;
    } else {
        const QString why = describe(result);
        Store::OutboxState state;
        bool ok;
        if (result.deliveryUnknown) {
            state = Store::OutboxState::Unknown;
            ok = record([&] { m_outbox->markUnknown(row.id, why); });
            ++m_result.unknown;
        } else if (isPermanent(result.kind)) {
            state = Store::OutboxState::Failed;
            ok = record([&] { m_outbox->markFailed(row.id, why); });
            ++m_result.failed;
        } else {
            state = Store::OutboxState::Queued;
            ok = record([&] { m_outbox->markRetry(row.id, why, OutboxRetryPolicy::nextAttempt(row.attempts, now())); });
            ++m_result.retryLater;
        }
        if (!ok)
            return;
        Q_EMIT messageDone(row.id, state, why);
    }
    if (m_session->state() == Smtp::SmtpSession::State::Closed) {
        // The connection is gone (421, network): the rest waits for the next pass, once the
        // results of the messages still with the session are in (it finishes every one).
        if (!result.isOk() && m_closedBecause.isEmpty())
            m_closedBecause = describe(result);
        if (!m_inFlight.isEmpty())
            return;
        if (!m_closedBecause.isEmpty())
            failPass(OutboxRunResult::Error::Server, QStringLiteral("The SMTP server %1 closed the connection: %2")
                                                         .arg(m_settings.host, m_closedBecause));
        else
            finish();
        return;
    }
    sendNext();
}

void OutboxSender::onSent(const Store::OutboxRow &row, const Smtp::SmtpResult &result)
{
    ++m_result.sent;
    QStringList refused;
    for (const Smtp::SmtpRecipientResult &r : result.recipients) {
        if (!r.accepted)
            refused << QStringLiteral("%1 (%2 %3)").arg(r.address).arg(r.code).arg(r.serverText);
    }
    if (!refused.isEmpty())
        m_result.warnings << QStringLiteral("Message <%1> was sent, but the server refused: %2")
                                 .arg(row.messageIdHeader, refused.join(QStringLiteral(", ")));
    if (!m_filer) {
        // No copy to file: the row goes with the next commit (the next claim or the pass's end);
        // until then a crash leaves it "unknown", as a crash right before the 250 would.
        m_delivered << row.id;
        Q_EMIT messageDone(row.id, Store::OutboxState::Sent,
                           refused.isEmpty() ? QString() : refused.join(QStringLiteral(", ")));
        return;
    }
    if (!record([&] { m_outbox->markSent(row.id, now()); }))
        return;
    QString filed;
    {
        QByteArray raw;
        if (!record([&] { raw = m_outbox->raw(row.id); }))
            return;
        filed = m_filer(row, raw);
    }
    if (filed.isEmpty()) {
        if (!record([&] { m_outbox->removeSent(row.id); }))
            return;
    } else {
        m_result.warnings << QStringLiteral("Message <%1> was sent, but its copy is not in Sent: %2")
                                 .arg(row.messageIdHeader, filed);
    }
    Q_EMIT messageDone(row.id, Store::OutboxState::Sent, refused.isEmpty() ? QString() : refused.join(QStringLiteral(", ")));
}

void OutboxSender::failPass(OutboxRunResult::Error error, const QString &message)
{
    if (m_result.isOk()) {
        m_result.error = error;
        m_result.message = message;
    }
    finish();
}

void OutboxSender::settleBeforeFinish()
{
    try {
        m_outbox->removeDelivered(m_delivered);
        m_delivered.clear();
        for (const InFlight &f : std::as_const(m_inFlight)) {
            if (!f.bodyStarted)
                m_outbox->release(f.row.id); // nothing of it left: back in the queue as it was
        }
        m_inFlight.clear();
    } catch (const Store::StoreError &e) {
        // What is left stays "unknown": never sent again without the user.
        m_result.warnings << QStringLiteral("The outbox could not be updated at the end of the pass: ") + e.text();
    }
}

void OutboxSender::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    settleBeforeFinish();
    if (m_lock)
        m_lock->unlock();
    QTimer::singleShot(0, this, [this] { Q_EMIT finished(m_result); });
}

} // namespace Petrel::Core
