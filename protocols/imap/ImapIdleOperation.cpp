#include "imap/ImapIdleOperation.h"

#include "imap/ImapSession.h"

namespace Petrel::Imap {

ImapIdleOperation::ImapIdleOperation(ImapSession *session, QObject *parent) : ImapOperation(session, parent)
{
    m_restart.setSingleShot(true);
    m_restart.setInterval(DefaultRestartIntervalMs);
    connect(&m_restart, &QTimer::timeout, this, &ImapIdleOperation::onRestartTimer);
}

void ImapIdleOperation::run()
{
    if (!requireSelected() || !requireCapability(ImapCapability::Idle))
        return;
    issue();
}

void ImapIdleOperation::issue()
{
    QPointer<ImapIdleOperation> self(this);
    ImapExchange exchange;
    exchange.command = session()->builder().idle();
    exchange.exclusive = true;
    exchange.onContinuation = [self](const ImapResponse &) {
        if (!self || self->isFinished())
            return;
        self->m_idling = true;
        if (self->m_stopping || self->m_restarting) {
            self->session()->sendIdleDone();
            return;
        }
        self->m_restart.start();
        Q_EMIT self->idling();
    };
    exchange.onTagged = [self](const ImapResponse &r) {
        if (!self || self->isFinished())
            return;
        self->untrack(self->m_tag);
        self->m_idling = false;
        self->m_restart.stop();
        if (r.status != ImapResponse::Status::Ok) {
            self->finish(rejected(r, QStringLiteral("IDLE")));
        } else if (self->m_restarting && !self->m_stopping) {
            self->m_restarting = false;
            self->issue();
        } else {
            self->finish(ImapResult::ok());
        }
    };
    exchange.onFailed = [self](const ImapResult &result) {
        if (self && !self->isFinished())
            self->finish(result);
    };
    m_tag = exchange.command.tag;
    track(m_tag);
    session()->submit(std::move(exchange));
}

void ImapIdleOperation::onRestartTimer()
{
    if (!m_idling || isFinished())
        return;
    m_restarting = true;
    session()->sendIdleDone();
}

void ImapIdleOperation::stop()
{
    if (isFinished() || !isStarted())
        return;
    m_stopping = true;
    m_restart.stop();
    if (m_idling)
        session()->sendIdleDone();
    // Not yet accepted: DONE goes out when "+" arrives.
}

} // namespace Petrel::Imap
