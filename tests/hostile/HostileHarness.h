#pragma once

// What the three hostile-server runners share: the rows (one per script file), the scripted
// server for a case, the client's settings, and the checks every case ends with.
#include "HostileCase.h"
#include "ReplaySupport.h"
#include "ScriptServer.h"
#include "TestCertificates.h"

#include <QtTest>

#include <functional>
#include <memory>

namespace Hostile {

// One data row per script file of tests/hostile/<protocol>/; column "path".
inline void addRows(const QString &protocol)
{
    QTest::addColumn<QString>("path");
    for (const QString &path : HostileCase::files(protocol))
        QTest::newRow(qPrintable(QFileInfo(path).completeBaseName())) << path;
}

inline std::unique_ptr<ScriptServer> startServer(const HostileCase &c, const TestCertificates &certificates,
                                                 bool tagPlaceholders)
{
    auto server = std::make_unique<ScriptServer>(c.implicitTlsServer ? FakeServer::Mode::ImplicitTls
                                                                     : FakeServer::Mode::Plain);
    server->setIdentity(certificates.good().certificate, certificates.good().key);
    server->setTagPlaceholders(tagPlaceholders);
    server->setScript(c.script);
    if (!server->start())
        return nullptr;
    return server;
}

inline Petrel::Net::ConnectionSettings settings(const HostileCase &c, quint16 port, const TestCertificates &certificates)
{
    Petrel::Net::ConnectionSettings s = ReplaySupport::settings(port, c.security, certificates.caFile());
    s.connectTimeoutMs = c.timeoutMs;
    s.idleTimeoutMs = c.timeoutMs;
    return s;
}

// Waits (bounded by HostileCaseLimitMs) until done() is true; false if the case hung.
inline bool waitFor(const std::function<bool()> &done)
{
    QDeadlineTimer deadline(HostileCaseLimitMs);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        QTest::qSleep(1);
    }
    return true;
}

// Empty when the case's declared outcome holds; else why not (with where the script stood).
inline QString verdict(const HostileCase &c, const ScriptServer &server, bool ok, const QString &outcome,
                       bool credentialsSent, std::optional<qint64> count)
{
    QString why = c.judge(ok, outcome);
    if (why.isEmpty() && c.noCredentials && credentialsSent)
        why = QStringLiteral("credentials were sent");
    for (const QByteArray &bytes : c.notSent)
        if (why.isEmpty() && server.received().contains(bytes))
            why = QStringLiteral("the client sent \"%1\"").arg(QString::fromUtf8(bytes));
    if (why.isEmpty() && c.expectCount && count != c.expectCount)
        why = QStringLiteral("expected count %1, got %2").arg(*c.expectCount).arg(count ? *count : -1);
    if (why.isEmpty())
        return {};
    return why + QStringLiteral("\n  server: ") + server.describe();
}

} // namespace Hostile
