#include "PetrelRuns.h"

#include "send/OutboxSender.h"
#include "store/OutboxStore.h"
#include "store/StoreWriter.h"
#include "sync/imap/ImapBodyFetcher.h"
#include "sync/imap/ImapSyncEngine.h"
#include "sync/pop3/Pop3Fetcher.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

namespace Petrel::Bench {

namespace {

constexpr int RunTimeoutMs = 3 * 3600 * 1000;

// Starts the object, waits for its finished signal and times start() to finished().
template <typename Object, typename Result, typename OnResult>
double timed(Object &object, void (Object::*finished)(const Result &), OnResult onResult, const QElapsedTimer &timer)
{
    double seconds = -1;
    QEventLoop loop;
    QObject::connect(&object, finished, &loop, [&](const Result &r) {
        seconds = timer.nsecsElapsed() / 1e9;
        onResult(r);
        loop.quit();
    });
    QTimer::singleShot(RunTimeoutMs, &loop, &QEventLoop::quit);
    object.start();
    loop.exec();
    return seconds;
}

} // namespace

Net::ConnectionSettings benchSettings(const Test::TestServers &servers, quint16 port)
{
    Net::ConnectionSettings s = servers.connectionSettings(port, Net::Security::ImplicitTls);
    s.idleTimeoutMs = 300000; // the server may be busy for long at N = 100,000
    return s;
}

PetrelRun petrelImapSync(Store::StoreWriter &writer, qint64 accountId, const Test::TestServers &servers,
                         const Test::TestUser &user, const Core::ImapOfflinePolicy &policy, int listedThreshold,
                         bool stopWhenListed)
{
    PetrelRun run;
    Core::ImapSyncEngine engine(writer, accountId);
    engine.setConnectionSettings(benchSettings(servers, servers.imapTlsPort()));
    engine.setCredentials({user.login, user.password});
    engine.setOfflinePolicy(policy);
    QElapsedTimer timer;
    timer.start();
    QObject::connect(&engine, &Core::ImapSyncEngine::progressed, [&](const Core::ImapSyncProgress &p) {
        if (listedThreshold > 0 && run.firstListed < 0 && p.folder == QLatin1String("INBOX") &&
            p.phase == Core::ImapSyncProgress::Phase::Messages && (p.fetched >= listedThreshold || p.fetched == p.toFetch))
        {
            run.firstListed = timer.nsecsElapsed() / 1e9;
            if (stopWhenListed) // not from inside the engine's own signal
                QTimer::singleShot(0, &engine, &Core::ImapSyncEngine::abort);
        }
    });
    run.seconds = timed(engine, &Core::ImapSyncEngine::finished,
                        [&](const Core::ImapSyncResult &r) {
                            run.sync = r;
                            if (!r.isOk() && !(stopWhenListed && run.firstListed >= 0))
                                run.error = QStringLiteral("sync failed: ") + r.message;
                        },
                        timer);
    if (run.seconds < 0 && run.error.isEmpty())
        run.error = QStringLiteral("the sync did not finish");
    run.count = run.sync.newMessages + run.sync.bodiesCompleted;
    return run;
}

PetrelRun petrelOpenMessage(Store::StoreWriter &writer, qint64 messageId, const Test::TestServers &servers,
                            const Test::TestUser &user)
{
    PetrelRun run;
    Core::ImapBodyFetcher fetcher(writer, {messageId});
    fetcher.setConnectionSettings(benchSettings(servers, servers.imapTlsPort()));
    fetcher.setCredentials({user.login, user.password});
    QElapsedTimer timer;
    timer.start();
    run.seconds = timed(fetcher, &Core::ImapBodyFetcher::finished,
                        [&](const Core::ImapBodyFetchResult &r) {
                            if (!r.isOk() || r.withBody.size() != 1)
                                run.error = QStringLiteral("body fetch failed: ") + r.message;
                        },
                        timer);
    run.count = 1;
    return run;
}

PetrelRun petrelPop3(Store::StoreWriter &writer, qint64 accountId, const Test::TestServers &servers,
                     const Test::TestUser &user)
{
    PetrelRun run;
    Core::Pop3Fetcher fetcher(writer, accountId);
    fetcher.setConnectionSettings(benchSettings(servers, servers.pop3TlsPort()));
    fetcher.setCredentials({user.login, user.password, Pop3::Pop3Credentials::Method::Automatic});
    QElapsedTimer timer;
    timer.start();
    run.seconds = timed(fetcher, &Core::Pop3Fetcher::finished,
                        [&](const Core::Pop3FetchResult &r) {
                            run.count = r.onServer - r.alreadyArchived;
                            if (r.error != Core::Pop3FetchResult::Error::None)
                                run.error = QStringLiteral("POP3 check failed: ") + r.message;
                        },
                        timer);
    return run;
}

PetrelRun petrelOutbox(Store::StoreWriter &writer, qint64 accountId, const Test::TestServers &servers,
                       const Test::TestUser &user, const QString &recipient, const QList<QByteArray> &messages)
{
    PetrelRun run;
    Store::OutboxStore outbox(writer.database());
    for (int i = 0; i < messages.size(); ++i)
        outbox.enqueue(accountId, QStringLiteral("<outbox-%1-%2@bench.petrel.test>").arg(accountId).arg(i), user.login,
                       {recipient}, messages.at(i));
    Core::OutboxSender sender(writer, accountId);
    sender.setConnectionSettings(benchSettings(servers, servers.submissionsPort()));
    sender.setCredentials({user.login, user.password, {}, Smtp::SmtpCredentials::Method::Automatic});
    QElapsedTimer timer;
    timer.start();
    run.seconds = timed(sender, &Core::OutboxSender::finished,
                        [&](const Core::OutboxRunResult &r) {
                            run.count = r.sent;
                            if (!r.isOk() || r.sent != messages.size())
                                run.error = QStringLiteral("outbox pass sent %1 of %2: %3")
                                                .arg(r.sent)
                                                .arg(messages.size())
                                                .arg(r.message + r.warnings.join(QLatin1String("; ")));
                        },
                        timer);
    return run;
}

QList<QByteArray> benchMessages(const QString &from, const QString &to, int count)
{
    static const QByteArray line =
        "The quarterly figures are attached below; please check them before Friday's meeting.\r\n";
    QList<QByteArray> out;
    for (int i = 0; i < count; ++i) {
        QByteArray m = "From: Bench <" + from.toUtf8() + ">\r\nTo: <" + to.toUtf8() +
                       ">\r\nSubject: Benchmark message " + QByteArray::number(i + 1) +
                       "\r\nDate: Sun, 22 Nov 2026 09:00:00 +0000\r\nMessage-ID: <floor-" + QByteArray::number(i) +
                       "@bench.petrel.test>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n";
        for (int l = 0; l < 60; ++l) // about 5 KB, the seeded median
            m += line;
        out << m;
    }
    return out;
}

} // namespace Petrel::Bench
