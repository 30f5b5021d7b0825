#pragma once

#include "smtp/SmtpMessage.h"
#include "smtp/SmtpResult.h"

#include <QObject>

namespace Petrel::Smtp {

// One message's submission on an SmtpSession (SmtpSession::submit() makes and queues it). It
// emits finished() exactly once, always from the event loop, then deletes itself.
class SmtpSubmission : public QObject
{
    Q_OBJECT

public:
    explicit SmtpSubmission(const SmtpMessage &message, QObject *parent = nullptr)
        : QObject(parent), m_message(message)
    {
    }

    const SmtpMessage &message() const { return m_message; }

    // Queued: finishes Cancelled, nothing sent. Under way before the final "." of DATA: the
    // session drops the connection (SMTP cannot interrupt a transaction politely mid-body) and
    // the message is not delivered. After the final ".": too late to take back; cancel() is
    // ignored and the server's answer (or deliveryUnknown) still arrives.
    void cancel();
    bool isFinished() const { return m_finished; }

    // Used by the session: records the result and schedules finished().
    void finish(const SmtpResult &result);

Q_SIGNALS:
    void finished(const Petrel::Smtp::SmtpResult &result);
    // Emitted (synchronously, from the session) right before the body and the final "." are
    // written: from then on a lost connection means deliveryUnknown. A caller that must never
    // deliver twice records that durably in its slot (direct connection), or calls cancel() there
    // to drop the connection with nothing of the body sent.
    void bodyStarting();
    // Emitted (synchronously, from the session) once the body and the final "." have been
    // handed to the system: the server is busy with the message, a good moment for the caller's
    // slow bookkeeping (the final reply is read only after the slot returns).
    void bodySent();
    void cancelRequested(); // to the session

private:
    SmtpMessage m_message;
    bool m_finished = false;
};

} // namespace Petrel::Smtp
