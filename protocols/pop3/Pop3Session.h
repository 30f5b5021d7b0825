#pragma once

#include "net/Connection.h"
#include "pop3/Pop3Capabilities.h"
#include "pop3/Pop3Command.h"
#include "pop3/Pop3Credentials.h"
#include "pop3/Pop3Job.h"
#include "pop3/Pop3Limits.h"
#include "pop3/Pop3ReplyParser.h"

#include <QObject>
#include <QPointer>
#include <QQueue>

#include <functional>

namespace Petrel::Pop3 {

// A POP3 client session (RFC 1939, 2449, 2595, 5034) over a Net::Connection. Each call returns a
// Pop3Job that finishes exactly once. Commands queue and are sent in order once logged in; when
// the server offers PIPELINING several go out in one write and replies are matched in order.
//
// Security: with Security::StartTls the session requires STLS and the upgrade before any
// credential (else TlsRequired); with ImplicitTls TLS comes first. Before sending a credential it
// checks Connection::isEncrypted() itself; plaintext login happens only with Security::None.
//
// Deleting: DELE only marks a message; the server removes it when QUIT is answered +OK. An
// archive must DELE only what it has durably stored. If the connection breaks before QUIT's +OK,
// the server keeps every message (RFC 1939 section 6), so a crash never loses mail.
//
// Errors: -ERR finishes that job Rejected and keeps the connection; a protocol or transport error
// closes the connection and finishes every queued job with the same error.
class Pop3Session : public QObject
{
    Q_OBJECT

public:
    enum class State { Disconnected, Connecting, Authorization, Transaction, Closing, Closed };
    Q_ENUM(State)

    explicit Pop3Session(QObject *parent = nullptr);
    ~Pop3Session() override;

    void setLimits(const Pop3Limits &limits) { m_limits = limits; }
    Pop3Limits limits() const { return m_limits; }

    // Connects, reads the greeting and CAPA, upgrades with STLS if required, logs in and re-reads
    // CAPA. Allowed when Disconnected or Closed.
    Pop3Job *open(const Net::ConnectionSettings &settings, const Pop3Credentials &credentials);

    Pop3Job *stat();
    Pop3Job *list(quint32 number = 0); // 0: every message
    Pop3Job *uidl(quint32 number = 0); // 0: every message; NotSupported if CAPA lacks UIDL
    Pop3Job *top(quint32 number, quint32 lines); // NotSupported if CAPA lacks TOP
    // The message bytes, whatever LIST announced, bounded by maxSize (<= 0: limits().maxMessageSize).
    Pop3Job *retrieve(quint32 number, qint64 maxSize = 0);
    Pop3Job *deleteMessage(quint32 number); // DELE: takes effect only at QUIT
    Pop3Job *reset();                       // RSET: un-marks every DELE of this session
    Pop3Job *noop();
    // Commits the DELEs and closes politely; closed() follows.
    Pop3Job *quit();
    // Hard stop: drops the connection; everything queued finishes Cancelled; nothing is committed.
    void abort();

    State state() const { return m_state; }
    Pop3Capabilities capabilities() const { return m_capabilities; }
    bool hasCapabilities() const { return m_capabilitiesKnown; }
    QByteArray greeting() const { return m_greeting; }
    bool isEncrypted() const { return m_connection.isEncrypted(); }
    bool isPipelining() const;
    const Net::Connection &connection() const { return m_connection; }

Q_SIGNALS:
    void stateChanged(Petrel::Pop3::Pop3Session::State state);
    void closed(); // the connection is gone, politely or not

private:
    using ReplyHandler = std::function<void(const Pop3Reply &)>;
    struct Pending
    {
        Pop3Command command;
        qint64 maxData = 0;
        QPointer<Pop3Job> job; // null for the steps of open()
        ReplyHandler onReply;
    };

    // Pop3Session.cpp: queue, wire and failure handling.
    Pop3Job *enqueue(const Pop3Command &command, qint64 maxData, std::function<void(const Pop3Reply &, Pop3Result &)> interpret);
    Pop3Job *refused(Pop3Result::Error error, const QString &message);
    void sendNow(Pending pending);
    void pump();
    void onReadyRead();
    void onConnectionFailed(const Net::ConnectionError &error);
    void onDisconnected();
    void onCancelRequested(Pop3Job *job);
    void failAll(const Pop3Result &result);
    void failConnection(Pop3Result result); // closes hard, fails everything
    void setState(State state);

    // Pop3SessionLogin.cpp: the steps of open().
    void onGreeting(const Pop3Reply &reply);
    void requestCapabilities(std::function<void()> next);
    void afterFirstCapabilities();
    void onEncrypted();
    void authenticate();
    void authenticatePlain();
    void authenticateUser();
    void authenticateApop();
    void onAuthenticationReply(const Pop3Reply &reply);
    void failLogin(Pop3Result::Error error, const QString &message, const Pop3Reply *reply = nullptr);
    void loggedIn();

    Net::Connection m_connection{this};
    Pop3Limits m_limits;
    Pop3ReplyParser m_parser;
    State m_state = State::Disconnected;
    Pop3Credentials m_credentials;
    QPointer<Pop3Job> m_openJob;
    QQueue<Pending> m_queued;   // not yet sent
    QQueue<Pending> m_inFlight; // sent, reply awaited, in order
    Pop3Capabilities m_capabilities;
    bool m_capabilitiesKnown = false;
    bool m_awaitingTls = false;
    bool m_quitRequested = false; // quit() was called: nothing may follow it
    bool m_quitAcknowledged = false;
    QByteArray m_greeting;
};

} // namespace Petrel::Pop3
