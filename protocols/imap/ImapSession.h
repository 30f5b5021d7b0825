#pragma once

#include "net/Connection.h"
#include "imap/ImapCapabilities.h"
#include "imap/ImapCommandBuilder.h"
#include "imap/ImapCredentials.h"
#include "imap/ImapExchange.h"
#include "imap/ImapLogRedactor.h"
#include "imap/ImapResponseParser.h"
#include "imap/ImapResult.h"

#include <QList>
#include <QObject>
#include <QQueue>

#include <functional>

namespace Petrel::Imap {

// An IMAP client session (RFC 3501/9051) over a Net::Connection it owns.
//
// open(): connect, greeting, capabilities (from the greeting's code, else CAPABILITY), STARTTLS
// when the settings say StartTls (capabilities discarded and re-read after it), login by
// AUTHENTICATE PLAIN (SASL-IR when offered) else LOGIN unless LOGINDISABLED, capabilities again,
// then ENABLE (CONDSTORE, QRESYNC, UTF8=ACCEPT when offered), ID (if setClientId) and NAMESPACE.
// Unless the settings say Security::None, no credential is ever sent without TLS: a PREAUTH
// greeting or a missing/refused STARTTLS then ends open() with TlsRequired.
//
// Commands are pipelined: operations (ImapOperation subclasses) submit ImapExchanges, which are
// written at once and matched to their tagged replies; a synchronising literal holds every later
// write until the server's "+". Untagged data goes to the exchanges in flight; what none of them
// takes is emitted as a signal (EXISTS, EXPUNGE, VANISHED, FETCH) for the sync engine.
//
// Errors: NO/BAD fail only that operation. A parse error, an unexpected BYE or a transport error
// closes the connection and fails everything queued with the same result (closed() says why).
class ImapSession : public QObject
{
    Q_OBJECT

public:
    enum class State { Disconnected, Connecting, NotAuthenticated, Authenticated, Selected, Logout, Closed };
    Q_ENUM(State)

    explicit ImapSession(QObject *parent = nullptr);
    ~ImapSession() override;

    void setLimits(const ImapParserLimits &limits) { m_parser.setLimits(limits); }
    // Sent as ID during open() when the server offers ID; empty: no ID command.
    void setClientId(const ImapCommandBuilder::IdParams &id) { m_clientId = id; }

    // Allowed when Disconnected or Closed; opened() answers once.
    void open(const Net::ConnectionSettings &settings, const ImapCredentials &credentials);
    // LOGOUT, then a polite close; closed(Ok) follows. Queued work is still answered first.
    void logout();
    // Hard stop: everything queued finishes Cancelled.
    void abort();

    State state() const { return m_state; }
    bool isLoggedIn() const { return m_state == State::Authenticated || m_state == State::Selected; }
    bool isOpen() const { return m_state != State::Disconnected && m_state != State::Closed && m_state != State::Logout; }
    const ImapCapabilities &capabilities() const { return m_capabilities; }
    bool hasCapability(ImapCapability c) const { return m_capabilities.has(c); }
    // Upper-cased names the server confirmed in * ENABLED.
    const QList<QByteArray> &enabled() const { return m_enabled; }
    bool isEnabled(const QByteArray &name) const { return m_enabled.contains(name); }
    const ImapNamespaces &namespaces() const { return m_namespaces; }
    const ImapResponse::IdParams &serverId() const { return m_serverId; }
    QByteArray greeting() const { return m_greeting; }
    bool isEncrypted() const { return m_connection.isEncrypted(); }
    const Net::Connection &connection() const { return m_connection; }

    // The selected mailbox, kept by ImapSelectOperation.
    QString selectedMailbox() const { return m_selected; }
    bool isSelectedReadOnly() const { return m_selectedReadOnly; }
    // The selected mailbox's UIDVALIDITY as its SELECT reported it (0: none, or not reported).
    quint64 selectedUidValidity() const { return m_selectedUidValidity; }
    void setSelectedMailbox(const QString &mailbox, bool readOnly, quint64 uidValidity = 0);
    void clearSelectedMailbox();

    // For operations: encode commands with builder(), run them with submit(). submit() returns the
    // tag; on a closed session it returns an empty tag and calls onFailed from the event loop.
    ImapCommandBuilder &builder() { return m_builder; }
    QByteArray submit(ImapExchange exchange);
    // Forgets an exchange: unsent, it is removed; sent, its responses are read and ignored.
    void drop(const QByteArray &tag);
    // Ends the IDLE command in flight (writes DONE once); its tagged reply follows.
    void sendIdleDone();
    bool isIdling() const { return !m_idleTag.isEmpty(); }

Q_SIGNALS:
    void opened(const Petrel::Imap::ImapResult &result);
    void stateChanged(Petrel::Imap::ImapSession::State state);
    // Untagged data no running operation asked for (e.g. while idling).
    void existsReceived(quint64 count);
    void expungeReceived(quint64 sequenceNumber);
    void vanishedReceived(const Petrel::Imap::ImapSequenceSet &uids, bool earlier);
    void fetchReceived(const Petrel::Imap::ImapFetchData &data);
    void alertReceived(const QString &text); // [ALERT]: must be shown to the user
    // The connection is gone: Ok after logout(), else why.
    void closed(const Petrel::Imap::ImapResult &reason);

private:
    struct Pending
    {
        ImapExchange exchange;
        qsizetype nextChunk = 0;
        bool sent = false;
    };

    // ImapSession.cpp: the wire, routing and failures.
    void pump();
    void writeChunks(Pending &pending);
    void onReadyRead();
    void handle(const ImapResponse &response);
    void handleTagged(const ImapResponse &response);
    void handleUntagged(const ImapResponse &response);
    void handleContinuation(const ImapResponse &response);
    void onConnectionFailed(const Net::ConnectionError &error);
    void onDisconnected();
    void failConnection(const ImapResult &result);
    void setState(State state);
    Pending *findInFlight(const QByteArray &tag);

    // ImapSessionLogin.cpp: the steps of open().
    void onConnected();
    void onEncrypted();
    void onGreeting(const ImapResponse &response);
    void requestCapabilities(std::function<void()> next);
    void afterGreetingCapabilities();
    void authenticate();
    void afterLogin(const ImapResponseCode &code);
    void configure();
    void finishOpen(const ImapResult &result);
    void setCapabilities(const ImapCapabilities &capabilities);
    QByteArray submitStep(const ImapCommand &command, std::function<void(const ImapResponse &)> onTagged,
                          bool exclusive = true);

    Net::Connection m_connection{this};
    ImapResponseParser m_parser;
    ImapCommandBuilder m_builder;
    ImapLogRedactor m_redactor;
    State m_state = State::Disconnected;
    Net::Security m_security = Net::Security::ImplicitTls;
    ImapCredentials m_credentials;
    ImapCommandBuilder::IdParams m_clientId;
    bool m_opening = false;        // open() not yet answered
    bool m_awaitingGreeting = false;
    bool m_awaitingTls = false;    // STARTTLS accepted; nothing may be read until encrypted()
    bool m_logoutSent = false;
    qint64 m_literalRemaining = 0; // literal bytes still to read raw
    QList<Pending> m_inFlight;     // written (at least in part), oldest first
    QQueue<Pending> m_queued;      // not yet written
    QByteArray m_blockedTag;       // its next chunk waits for the server's "+"
    QByteArray m_idleTag;
    bool m_idleDoneSent = false;
    ImapCapabilities m_capabilities;
    QList<QByteArray> m_enabled;
    ImapNamespaces m_namespaces;
    ImapResponse::IdParams m_serverId;
    QByteArray m_greeting;
    QString m_selected;
    bool m_selectedReadOnly = false;
    quint64 m_selectedUidValidity = 0;
};

} // namespace Petrel::Imap
