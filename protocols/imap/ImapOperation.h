#pragma once

#include "imap/ImapCapabilities.h"
#include "imap/ImapCommand.h"
#include "imap/ImapResponse.h"
#include "imap/ImapResult.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>

namespace Petrel::Imap {

class ImapSession;

// One IMAP operation over a session: start() once, then exactly one finished(), delivered from the
// event loop (never inside start()). cancel() finishes it Cancelled at once; a command already on
// the wire is still answered by the server, and the answer is ignored.
class ImapOperation : public QObject
{
    Q_OBJECT

public:
    explicit ImapOperation(ImapSession *session, QObject *parent = nullptr);
    ~ImapOperation() override;

    void start();
    void cancel();
    bool isStarted() const { return m_started; }
    bool isFinished() const { return m_finished; }
    const ImapResult &result() const { return m_result; }
    ImapSession *session() const { return m_session; }

Q_SIGNALS:
    void finished(const Petrel::Imap::ImapResult &result);

protected:
    virtual void run() = 0;

    // Each finishes the operation (InvalidState / NotSupported) and returns false when unmet.
    bool requireLoggedIn();
    bool requireSelected();
    bool requireCapability(ImapCapability capability);

    using UntaggedHandler = std::function<bool(const ImapResponse &)>;
    using TaggedHandler = std::function<void(const ImapResponse &)>;
    // Runs a command. A tagged OK calls onOk; NO/BAD call onRefused if given, else finish Rejected;
    // a lost connection finishes with the session's result. Handlers are never called after the
    // operation finished.
    void send(const ImapCommand &command, UntaggedHandler onUntagged, TaggedHandler onOk,
              TaggedHandler onRefused = {});
    void finish(const ImapResult &result);
    // For operations that build their own exchange: remember its tag until it is answered, so
    // finishing or destroying the operation drops it.
    void track(const QByteArray &tag) { m_tags.append(tag); }
    void untrack(const QByteArray &tag) { m_tags.removeAll(tag); }
    // A Rejected result carrying the server's words and code.
    static ImapResult rejected(const ImapResponse &tagged, const QString &what);

private:
    QPointer<ImapSession> m_session;
    QList<QByteArray> m_tags; // exchanges submitted and not yet answered
    bool m_started = false;
    bool m_finished = false;
    ImapResult m_result;
};

} // namespace Petrel::Imap
