#pragma once

// Shared by the replay tests of SmtpSession: outcome capture, script snippets, settings, over
// tests/unit/net's ScriptServer and ReplaySupport.
#include "ReplaySupport.h"
#include "ScriptServer.h"
#include "smtp/SmtpSession.h"

#include <QtTest>

#include <memory>
#include <optional>

namespace SmtpReplay {

using ReplaySupport::settings;

inline auto watch(Petrel::Smtp::SmtpSubmission *submission)
{
    return ReplaySupport::watch<Petrel::Smtp::SmtpResult>(submission, &Petrel::Smtp::SmtpSubmission::finished);
}

inline auto watchOpen(Petrel::Smtp::SmtpSession *session)
{
    return ReplaySupport::watch<Petrel::Smtp::SmtpResult>(session, &Petrel::Smtp::SmtpSession::opened);
}

inline const QByteArray greeting = "S: 220 mx.example ESMTP\n";
inline const QByteArray ehlo = "C: EHLO [127.0.0.1]\n";
// What Postfix's submission port says before and after STARTTLS.
inline const QByteArray ehloPlain =
    ehlo + "S: 250-mx.example\nS: 250-PIPELINING\nS: 250-SIZE 10240000\nS: 250-STARTTLS\n"
           "S: 250-ENHANCEDSTATUSCODES\nS: 250-8BITMIME\nS: 250 CHUNKING\n";
inline const QByteArray startTls = "C: STARTTLS\nS: 220 2.0.0 Ready to start TLS\nTLS\n";
inline const QByteArray ehloTls =
    ehlo + "S: 250-mx.example\nS: 250-PIPELINING\nS: 250-SIZE 10240000\nS: 250-AUTH PLAIN LOGIN\n"
           "S: 250-ENHANCEDSTATUSCODES\nS: 250-8BITMIME\nS: 250-SMTPUTF8\nS: 250 CHUNKING\n";
// base64("\0mia\0pw")
inline const QByteArray authPlain = "C: AUTH PLAIN AG1pYQBwdw==\nS: 235 2.7.0 Authentication successful\n";
inline const QByteArray quit = "C: QUIT\nS: 221 2.0.0 Bye\n";
inline const QByteArray loggedIn = greeting + ehloPlain + startTls + ehloTls + authPlain;

inline Petrel::Smtp::SmtpCredentials mia()
{
    Petrel::Smtp::SmtpCredentials c;
    c.user = QStringLiteral("mia");
    c.password = QStringLiteral("pw");
    return c;
}

inline Petrel::Smtp::SmtpMessage message(const QStringList &recipients,
                                         const QByteArray &data = "Subject: hi\r\n\r\nHello\r\n")
{
    Petrel::Smtp::SmtpMessage m;
    m.sender = QStringLiteral("mia@petrel.test");
    m.recipients = recipients;
    m.data = data;
    return m;
}

// The script lines of the body "Subject: hi", "", "Hello" and the final dot.
inline const QByteArray body = "C: Subject: hi\nC: \nC: Hello\nC: .\n";

inline bool sentCredentials(const QByteArray &received)
{
    return received.contains("AUTH") || received.contains("AG1pYQBwdw==");
}

// The submission tests (SmtpSubmitReplayTest.cpp), run from the login tests' main().
int runSubmitTests(int argc, char **argv);

} // namespace SmtpReplay

#define WAIT(outcome)                                                                                        \
    QTRY_VERIFY2_WITH_TIMEOUT((outcome)->result.has_value(), qPrintable(server.describe()), 15000)
#define EXPECT_KIND(outcome, expected)                                                                       \
    QVERIFY2((outcome)->result->kind == (expected),                                                          \
             qPrintable(SmtpResult::kindName((outcome)->result->kind) + QStringLiteral(" at ") +             \
                        SmtpResult::stageName((outcome)->result->stage) + QStringLiteral(": ") +             \
                        (outcome)->result->message))
#define EXPECT_SCRIPT_DONE()                                                                                 \
    do {                                                                                                     \
        QTRY_VERIFY2(server.isDone(), qPrintable(server.describe()));                                        \
        QVERIFY2(server.error().isEmpty(), qPrintable(server.describe()));                                   \
    } while (false)
