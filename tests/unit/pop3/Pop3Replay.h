#pragma once

// Shared by the replay tests of Pop3Session: outcome capture, script snippets, settings.
#include "Pop3ScriptServer.h"
#include "pop3/Pop3Session.h"

#include <QtTest>

#include <memory>
#include <optional>

namespace Pop3Replay {

struct Outcome
{
    std::optional<Petrel::Pop3::Pop3Result> result;
};

// Captures a job's one result (and, with order, the order in which jobs finished).
inline std::shared_ptr<Outcome> watch(Petrel::Pop3::Pop3Job *job, QStringList *order = nullptr, const QString &name = {})
{
    auto outcome = std::make_shared<Outcome>();
    QObject::connect(job, &Petrel::Pop3::Pop3Job::finished, job,
                     [outcome, order, name](const Petrel::Pop3::Pop3Result &result) {
                         outcome->result = result;
                         if (order)
                             order->append(name);
                     });
    return outcome;
}

inline const QByteArray greeting = "S: +OK POP3 ready\n";
inline const QByteArray capaPlain = "C: CAPA\nS: +OK\nS: USER\nS: UIDL\nS: TOP\nS: .\n";
inline const QByteArray userPass = "C: USER carol\nS: +OK\nC: PASS pw\nS: +OK logged in\n";
inline const QByteArray afterLogin = "C: CAPA\nS: +OK\nS: USER\nS: UIDL\nS: TOP\nS: .\n";
// base64("\0carol\0pw")
inline const QByteArray authPlain = "C: AUTH PLAIN AGNhcm9sAHB3\nS: +OK Logged in.\n";

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

inline Petrel::Pop3::Pop3Credentials carol(Petrel::Pop3::Pop3Credentials::Method method = Petrel::Pop3::Pop3Credentials::Method::Automatic)
{
    return {QStringLiteral("carol"), QStringLiteral("pw"), method};
}

inline bool sentCredentials(const QByteArray &received)
{
    return received.contains("USER") || received.contains("PASS") || received.contains("AUTH") || received.contains("APOP");
}

// The transaction-state tests (Pop3TransactionReplayTest.cpp), run from the login tests' main().
int runTransactionTests(int argc, char **argv);

} // namespace Pop3Replay

#define WAIT(outcome) QTRY_VERIFY2_WITH_TIMEOUT((outcome)->result.has_value(), qPrintable(server.describe()), 10000)
#define EXPECT_ERROR(outcome, kind)                                                                                    \
    QVERIFY2((outcome)->result->error == (kind),                                                                       \
             qPrintable(Pop3Result::errorName((outcome)->result->error) + QStringLiteral(": ") + (outcome)->result->message))
