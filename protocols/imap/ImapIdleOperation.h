#pragma once

#include "imap/ImapOperation.h"

#include <QTimer>

namespace Petrel::Imap {

// IDLE (RFC 2177) in the selected mailbox. Updates arrive as the session's signals
// (existsReceived, expungeReceived, vanishedReceived, fetchReceived). The command is ended with
// DONE and re-issued every restartInterval (servers may drop an idle client after 30 minutes).
// stop() ends it: finished(Ok) after the server's OK. Work submitted to the session while idling
// also ends it (the session writes DONE); the operation then finishes Ok and the caller starts a
// new one when it wants to idle again.
class ImapIdleOperation : public ImapOperation
{
    Q_OBJECT

public:
    explicit ImapIdleOperation(ImapSession *session, QObject *parent = nullptr);

    static constexpr int DefaultRestartIntervalMs = 28 * 60 * 1000;
    void setRestartInterval(int ms) { m_restart.setInterval(ms); }
    int restartInterval() const { return m_restart.interval(); }
    void stop();
    bool isIdling() const { return m_idling; }

Q_SIGNALS:
    void idling(); // the server accepted IDLE ("+"), also after each re-issue

protected:
    void run() override;

private:
    void issue();
    void onRestartTimer();

    QTimer m_restart{this};
    QByteArray m_tag;
    bool m_idling = false;
    bool m_stopping = false;
    bool m_restarting = false;
};

} // namespace Petrel::Imap
