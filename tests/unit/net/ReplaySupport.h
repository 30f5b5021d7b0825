#pragma once

// Shared by the POP3, SMTP and IMAP replay tests (header-only; the includer links
// Petrel::Protocols): loopback settings for a ScriptServer and capturing a job's one result.
#include "net/ConnectionSettings.h"

#include <QObject>
#include <QString>

#include <memory>
#include <optional>
#include <type_traits>

namespace ReplaySupport {

// Settings for a ScriptServer on 127.0.0.1 that trust only caFile (the test CA), never the system's.
inline Petrel::Net::ConnectionSettings settings(quint16 port, Petrel::Net::Security security, const QString &caFile = {})
{
    Petrel::Net::ConnectionSettings s;
    s.host = QStringLiteral("127.0.0.1");
    s.port = port;
    s.security = security;
    s.tls.trustedCaFile = caFile;
    s.tls.useSystemCas = false;
    s.connectTimeoutMs = 10000;
    s.idleTimeoutMs = 10000;
    return s;
}

// The one result a job, submission or session reports through a finished()/opened() signal.
template<typename Result>
struct Outcome
{
    std::optional<Result> result;
};

// Captures the result of sender's signal; the connection dies with the sender. onResult, when
// given, runs after the capture (e.g. to record the order in which jobs finished).
template<typename Result, typename Sender, typename Signal, typename Then = std::nullptr_t>
std::shared_ptr<Outcome<Result>> watch(Sender *sender, Signal signal, Then onResult = nullptr)
{
    auto outcome = std::make_shared<Outcome<Result>>();
    QObject::connect(sender, signal, sender, [outcome, onResult](const Result &result) {
        outcome->result = result;
        if constexpr (!std::is_same_v<Then, std::nullptr_t>)
            onResult();
    });
    return outcome;
}

} // namespace ReplaySupport

// The script ran to its end and every reply reached the client. Waits (bounded): the server's
// last reply may still be in its write queue for an event-loop turn after the client has read it.
#define VERIFY_SCRIPT(server) \
    QTRY_VERIFY2((server).isDone() && (server).error().isEmpty(), qPrintable((server).describe()))
