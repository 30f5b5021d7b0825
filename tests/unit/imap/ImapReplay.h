#pragma once

// Shared pieces of the IMAP replay tests: settings for the loopback script server, a login
// prefix, and waiting for an operation's one answer.
#include "ImapScriptServer.h"
#include "ReplaySupport.h"
#include "imap/ImapOperation.h"
#include "imap/ImapSession.h"

#include <QSignalSpy>
#include <QTest>

namespace ImapReplay {

using Petrel::Imap::ImapResult;
using Kind = Petrel::Imap::ImapResult::Kind;
using Chunking = ImapScriptServer::Chunking;

using ReplaySupport::settings;

// Every test runs with the server's replies whole, one byte at a time and in random pieces
// (column "chunking", an int of Chunking), for a test's initTestCase_data().
inline void addChunkingRows()
{
    QTest::addColumn<int>("chunking");
    QTest::newRow("whole") << int(Chunking::Whole);
    QTest::newRow("one-byte") << int(Chunking::OneByte);
    QTest::newRow("random") << int(Chunking::Random);
}

inline Petrel::Imap::ImapCredentials frank()
{
    return {QStringLiteral("frank"), QStringLiteral("secret")};
}

// Opens the session and waits for opened(); the result, or Kind::Timeout if none came.
inline ImapResult open(Petrel::Imap::ImapSession &session, const Petrel::Net::ConnectionSettings &settings)
{
    QSignalSpy opened(&session, &Petrel::Imap::ImapSession::opened);
    session.open(settings, frank());
    if (!opened.wait(15000))
        return ImapResult::make(Kind::Timeout, QStringLiteral("no opened() signal"));
    return opened.at(0).at(0).value<ImapResult>();
}

// Starts an operation (unless already started) and waits for its finished().
inline ImapResult run(Petrel::Imap::ImapOperation &operation)
{
    if (operation.isFinished())
        return operation.result();
    QSignalSpy finished(&operation, &Petrel::Imap::ImapOperation::finished);
    operation.start();
    if (finished.isEmpty() && !finished.wait(15000))
        return ImapResult::make(Kind::Timeout, QStringLiteral("no finished() signal"));
    return finished.at(0).at(0).value<ImapResult>();
}

inline ImapResult wait(Petrel::Imap::ImapOperation &operation)
{
    if (operation.isFinished())
        return operation.result();
    QSignalSpy finished(&operation, &Petrel::Imap::ImapOperation::finished);
    if (finished.isEmpty() && !finished.wait(15000))
        return ImapResult::make(Kind::Timeout, QStringLiteral("no finished() signal"));
    return finished.at(0).at(0).value<ImapResult>();
}

inline QString describe(const ImapResult &result)
{
    return ImapResult::kindName(result.kind) + QStringLiteral(": ") + result.message;
}

} // namespace ImapReplay

#define VERIFY_OK(result) QVERIFY2((result).isOk(), qPrintable(ImapReplay::describe(result)))
