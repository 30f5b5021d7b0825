#pragma once

#include "net/Connection.h"
#include "smtp/SmtpCapabilities.h"
#include "smtp/SmtpCommand.h"
#include "smtp/SmtpCommandEncoder.h"
#include "smtp/SmtpCredentials.h"
#include "smtp/SmtpLimits.h"
#include "smtp/SmtpReplyParser.h"
#include "smtp/SmtpResult.h"
#include "smtp/SmtpSubmission.h"

#include <QObject>
#include <QPointer>
#include <QQueue>

#include <functional>
#include <optional>

namespace Petrel::Smtp {

// An SMTP submission client session (RFC 5321, 6409) over its own Net::Connection: greeting,
// EHLO (HELO when EHLO is unknown), STARTTLS, EHLO again, AUTH; then one SmtpSubmission per
// message, in order, with RSET between them; QUIT. Contract in protocols/smtp/README.md.
//
// Security: with Security::StartTls the server must offer and complete STARTTLS before AUTH or
// any message (else TlsRequired, nothing sent); with ImplicitTls TLS comes first. Before a
// credential leaves, the session checks Connection::isEncrypted() itself.
//
// Errors: a refusal (4xx/5xx) ends that submission and keeps the connection; a protocol or
// transport error, a timeout or 421 closes it and fails everything queued.
class SmtpSession : public QObject
{
    Q_OBJECT

public:
    enum class State { Disconnected, Opening, Ready, Busy, Closing, Closed };
    Q_ENUM(State)

    explicit SmtpSession(QObject *parent = nullptr);
    ~SmtpSession() override;

    void setLimits(const SmtpLimits &limits) { m_limits = limits; }
    SmtpLimits limits() const { return m_limits; }
    // The name given in EHLO/HELO; the default "[127.0.0.1]" reveals nothing about this machine.
    void setHeloName(const QString &name) { m_heloName = name; }
    QString heloName() const { return m_heloName; }

    // Connects and logs in; opened() follows exactly once. Allowed when Disconnected or Closed.
    // An idleTimeoutMs of 0 in settings becomes 10 minutes (RFC 5321 section 4.5.3.2.6).
    void open(const Net::ConnectionSettings &settings, const SmtpCredentials &credentials);
    // Queues a message; it is sent once the session is open and earlier ones are done.
    SmtpSubmission *submit(const SmtpMessage &message);
    // Politely ends the session after what is queued; closed() follows.
    void quit();
    // Hard stop: drops the connection; everything queued finishes Cancelled.
    void abort();

    State state() const { return m_state; }
    SmtpCapabilities capabilities() const { return m_capabilities; }
    bool isEncrypted() const { return m_connection.isEncrypted(); }
    QString greeting() const { return m_greeting; }
    const Net::Connection &connection() const { return m_connection; }

Q_SIGNALS:
    void opened(const Petrel::Smtp::SmtpResult &result);
    void stateChanged(Petrel::Smtp::SmtpSession::State state);
    void closed(); // the connection is gone, politely or not

private:
    using ReplyHandler = std::function<void(const SmtpReply &)>;
    struct Outgoing
    {
        SmtpCommand command;
        ReplyHandler onReply;
    };
    // The submission under way.
    struct Transaction
    {
        QPointer<SmtpSubmission> submission;
        SmtpMessage message;
        SmtpResult result;
        bool failed = false;
        bool dataPipelined = false;
        bool finalDotSent = false;
        int accepted = 0;
    };

    // SmtpSession.cpp: wire, dispatch and failure handling.
    void send(const QList<Outgoing> &batch);
    void onReadyRead();
    void onConnectionFailed(const Net::ConnectionError &error);
    void onDisconnected();
    void failConnection(SmtpResult result); // closes hard, fails everything
    void failQueued(const SmtpResult &result);
    void setState(State state);
    void setStage(SmtpResult::Stage stage) { m_stage = stage; }
    static void takeReply(SmtpResult &result, const SmtpReply &reply);
    static SmtpResult::Kind kindOf(const SmtpReply &reply);

    // SmtpSessionLogin.cpp: the steps of open().
    void onGreeting(const SmtpReply &reply);
    void sendEhlo();
    void sendHelo();
    void afterEhlo();
    void onEncrypted();
    void authenticate();
    void sendAuth(const SmtpCommand &command, bool oauth, bool oauthBearer);
    void sendLoginStep(int step);
    void onAuthReply(const SmtpReply &reply, bool oauth, bool oauthBearer);
    void failOpen(SmtpResult::Kind kind, const QString &message, const SmtpReply *reply = nullptr);
    void finishOpen(const SmtpResult &result);
    void becomeReady();

    // SmtpSessionSubmit.cpp: one transaction.
    void pump();
    void startTransaction();
    bool planTransaction(Transaction &transaction, QList<Outgoing> &batch);
    void pipelineAfterBody();
    void onMailReply(const SmtpReply &reply);
    void onRcptReply(qsizetype index, const SmtpReply &reply);
    void afterRecipients();
    void sendData();
    void onDataReply(const SmtpReply &reply);
    void sendBody();
    void onFinalReply(const SmtpReply &reply);
    void failTransaction(SmtpResult::Kind kind, SmtpResult::Stage stage, const QString &message,
                         const SmtpReply *reply = nullptr);
    void finishTransaction();
    void onCancelRequested(SmtpSubmission *submission);

    Net::Connection m_connection{this};
    SmtpLimits m_limits;
    SmtpReplyParser m_parser;
    State m_state = State::Disconnected;
    SmtpResult::Stage m_stage = SmtpResult::Stage::None;
    QString m_heloName = QStringLiteral("[127.0.0.1]");
    SmtpCredentials m_credentials;
    SmtpCapabilities m_capabilities;
    QString m_greeting;
    QQueue<ReplyHandler> m_expected; // replies awaited, in order
    QQueue<QPointer<SmtpSubmission>> m_queued;
    std::optional<Transaction> m_transaction;
    // With PIPELINING, the next submission's MAIL/RCPT/DATA go right after the final "." of the
    // one under way (RFC 2920); it becomes m_transaction once that one's final reply is read.
    std::optional<Transaction> m_pipelined;
    QList<Outgoing> m_pendingRecipients; // without PIPELINING: RCPTs not yet sent
    bool m_opening = false;              // opened() not yet emitted
    bool m_awaitingTls = false;
    bool m_needsReset = false; // a MAIL FROM was sent on this connection: RSET before the next
    bool m_quitRequested = false;
    bool m_quitSent = false;
};

} // namespace Petrel::Smtp
