#pragma once

// Shared by the replay tests of Pop3Session: outcome capture, script snippets, settings.
#include "ReplaySupport.h"
#include "ScriptServer.h"
#include "pop3/Pop3Session.h"

#include <QtTest>

#include <memory>
#include <optional>

namespace Pop3Replay {

using ReplaySupport::settings;

// Captures a job's one result (and, with order, the order in which jobs finished).
inline auto watch(Petrel::Pop3::Pop3Job *job, QStringList *order = nullptr, const QString &name = {})
{
    return ReplaySupport::watch<Petrel::Pop3::Pop3Result>(job, &Petrel::Pop3::Pop3Job::finished, [order, name] {
        if (order)
            order->append(name);
    });
}

inline const QByteArray greeting = "S: +OK POP3 ready\n";
inline const QByteArray capaPlain = "C: CAPA\nS: +OK\nS: USER\nS: UIDL\nS: TOP\nS: .\n";
inline const QByteArray userPass = "C: USER carol\nS: +OK\nC: PASS pw\nS: +OK logged in\n";
inline const QByteArray afterLogin = "C: CAPA\nS: +OK\nS: USER\nS: UIDL\nS: TOP\nS: .\n";
// base64("\0carol\0pw")
inline const QByteArray authPlain = "C: AUTH PLAIN AGNhcm9sAHB3\nS: +OK Logged in.\n";

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
