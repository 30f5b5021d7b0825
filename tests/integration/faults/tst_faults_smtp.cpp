// Sending the outbox through FaultProxy (tests/support) in front of the fixture's real Postfix
// submission port (dan sends to eve): cut at offsets spread over every phase (greeting, EHLO,
// STARTTLS, TLS handshake, AUTH, MAIL/RCPT/DATA, the body, the final dot and its reply, QUIT) in
// both directions; after the fault and a rerun each message was delivered at most once (counted
// by Message-ID in eve's INBOX) and none is lost: delivered, or still in the outbox as "unknown"
// (the body left, no answer came), which a rerun does not send again. A stall and a trickle end
// in a clean timeout with the message queued again.
#include "FaultCut.h"
#include "FaultProxy.h"
#include "TestServers.h"

#include "send/OutboxSender.h"
#include "store/AccountRow.h"
#include "store/OutboxStore.h"
#include "store/StoreWriter.h"

#include <QEventLoop>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>

using namespace Petrel;
using namespace Petrel::Test;
using Direction = FaultProxy::Direction;
using Store::OutboxState;

using Cut = FaultCut;

class TestFaultsSmtp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cutAtEveryPhase();
    void stallAndTrickleEndInATimeout();

private:
    // Queues one message from dan to eve; its Message-ID (without <>).
    QString enqueue();
    // One outbox pass through port; its clock is ahead so that retries are due.
    Core::OutboxRunResult send(quint16 port, int idleMs = 20000, int connectMs = 20000);
    std::optional<Store::OutboxRow> row(const QString &messageId);
    int deliveries(const QString &messageId) const; // in eve's INBOX, by Message-ID
    bool waitForEmptyMailQueue() const;

    TestServers m_servers;
    TestUser m_dan, m_eve;
    QTemporaryDir m_dir;
    std::unique_ptr<Store::StoreWriter> m_writer;
    qint64 m_accountId = 0;
    int m_count = 0;
    int m_passes = 0;
    QString m_tag;
};

void TestFaultsSmtp::initTestCase()
{
    m_servers = TestServers::load();
    QVERIFY2(m_servers.isValid(), qPrintable(m_servers.errorString()));
    m_dan = m_servers.user(QStringLiteral("dan"));
    m_eve = m_servers.user(QStringLiteral("eve"));
    QVERIFY(m_dan.isValid() && m_eve.isValid());
    QVERIFY(m_dir.isValid());
    m_tag = QString::number(QDateTime::currentMSecsSinceEpoch());
    m_writer = std::make_unique<Store::StoreWriter>(m_dir.filePath(QStringLiteral("outbox.db")));
    Store::AccountRow account;
    account.name = QStringLiteral("dan");
    account.protocol = Store::AccountProtocol::Pop3; // no IMAP Sent folder to file into
    account.address = m_dan.login;
    m_accountId = m_writer->addAccount(account);
}

QString TestFaultsSmtp::enqueue()
{
    const QString id = QStringLiteral("smtp-fault-%1-%2@petrel.test").arg(m_tag).arg(++m_count);
    QByteArray raw = "From: Dan <" + m_dan.login.toUtf8() + ">\r\nTo: Eve <" + m_eve.login.toUtf8() +
                     ">\r\nSubject: fault " + QByteArray::number(m_count) + "\r\nMessage-ID: <" + id.toUtf8() +
                     ">\r\nDate: Mon, 4 May 2026 08:00:00 +0000\r\nMIME-Version: 1.0\r\n"
                     "Content-Type: text/plain; charset=us-ascii\r\n\r\n";
    // 20 kB: the body spans several TLS records, so cuts land inside it as well as around the dot.
    while (raw.size() < 20000)
        raw += "All work and no play makes a dull outbox, line " + QByteArray::number(raw.size()) + ".\r\n";
    Store::OutboxStore outbox(m_writer->database());
    outbox.enqueue(m_accountId, id, m_dan.login, {m_eve.login}, raw);
    return id;
}

Core::OutboxRunResult TestFaultsSmtp::send(quint16 port, int idleMs, int connectMs)
{
    Net::ConnectionSettings s = m_servers.connectionSettings(port, Net::Security::StartTls);
    s.idleTimeoutMs = idleMs;
    s.connectTimeoutMs = connectMs;
    Core::OutboxSender sender(*m_writer, m_accountId);
    sender.setConnectionSettings(s);
    sender.setCredentials({m_dan.login, m_dan.password, {}, Smtp::SmtpCredentials::Method::Automatic});
    // Each pass a day later than the last: whatever a fault queued again is due.
    sender.setClock([days = ++m_passes] { return QDateTime::currentDateTimeUtc().addDays(days); });
    Core::OutboxRunResult result;
    result.error = Core::OutboxRunResult::Error::Cancelled;
    result.message = QStringLiteral("the pass did not finish in time");
    QEventLoop loop;
    connect(&sender, &Core::OutboxSender::finished, &loop, [&](const Core::OutboxRunResult &r) {
        result = r;
        loop.quit();
    });
    QTimer::singleShot(60000, &loop, &QEventLoop::quit); // a hang shows as "did not finish"
    sender.start();
    loop.exec();
    return result;
}

std::optional<Store::OutboxRow> TestFaultsSmtp::row(const QString &messageId)
{
    Store::OutboxStore outbox(m_writer->database());
    for (const Store::OutboxRow &r : outbox.list(m_accountId)) {
        if (r.messageIdHeader == messageId)
            return r;
    }
    return std::nullopt;
}

int TestFaultsSmtp::deliveries(const QString &messageId) const
{
    return m_servers.matchCount(m_eve.login, QStringLiteral("INBOX"),
                                {QStringLiteral("HEADER"), QStringLiteral("Message-ID"), messageId});
}

bool TestFaultsSmtp::waitForEmptyMailQueue() const
{
    return m_servers.waitForEmptyMailQueue(30000);
}

void TestFaultsSmtp::cutAtEveryPhase()
{
    FaultProxy proxy(m_servers.submissionPort());
    QVERIFY(proxy.start());
    // A clean send through the proxy: how many bytes each direction carries.
    const QString first = enqueue();
    const auto clean = send(proxy.port());
    QVERIFY2(clean.isOk(), qPrintable(clean.message));
    QCOMPARE(clean.sent, 1);
    const qint64 down = proxy.lastServerBytes(), up = proxy.lastClientBytes();
    qInfo("a send carries %lld bytes down, %lld up", down, up);
    QVERIFY(!row(first));
    QVERIFY(m_servers.waitForMessage(m_eve.login, QStringLiteral("INBOX"),
                                     {QStringLiteral("HEADER"), QStringLiteral("Message-ID"), first}, 60000));

    // Plaintext greeting, EHLO and STARTTLS take the first ~300 bytes down and ~40 up; then the
    // TLS handshake (a few kB down), EHLO, AUTH, MAIL, RCPT, DATA; the body is most of the bytes
    // up; the reply to the final dot and QUIT's are the last TLS records down.
    const QList<Cut> cuts = {
        {Direction::ServerToClient, 0},          {Direction::ServerToClient, 30},
        {Direction::ServerToClient, 200},        {Direction::ServerToClient, 1500},
        {Direction::ServerToClient, down * 7 / 10}, {Direction::ServerToClient, down - 200},
        {Direction::ServerToClient, down - 130}, {Direction::ServerToClient, down - 70},
        {Direction::ServerToClient, down - 25},  {Direction::ClientToServer, 5},
        {Direction::ClientToServer, 30},         {Direction::ClientToServer, 400},
        {Direction::ClientToServer, 1200},       {Direction::ClientToServer, up / 2},
        {Direction::ClientToServer, up - 150},   {Direction::ClientToServer, up - 40},
    };
    int unknown = 0;
    int cutCount = 0;
    for (const Cut &cut : cuts) {
        const QString id = enqueue();
        proxy.clearFaults();
        proxy.setFault(cut.direction, FaultProxy::cutAfter(cut.at));
        const auto faulty = send(proxy.port());
        const auto afterCut = row(id);
        qInfo("%s: %s; %s; %s", qPrintable(describe(cut)), proxy.wasCut() ? "cut" : "not cut",
              faulty.isOk() ? "ok" : qPrintable(faulty.message),
              afterCut ? qPrintable(Store::outboxStateName(afterCut->state)) : "left the outbox");
        QVERIFY(!faulty.message.contains(QLatin1String("did not finish")));
        if (proxy.wasCut() && afterCut)
            ++cutCount;

        const auto rerun = send(m_servers.submissionPort());
        QVERIFY2(rerun.isOk(), qPrintable(describe(cut) + QStringLiteral(": rerun: ") + rerun.message));
        QVERIFY(waitForEmptyMailQueue());
        const auto afterRerun = row(id);
        if (afterCut && afterCut->state == OutboxState::Unknown) {
            // Maybe delivered: never sent again without the user, and it says why.
            ++unknown;
            QVERIFY(afterRerun);
            QCOMPARE(afterRerun->state, OutboxState::Unknown);
            QVERIFY(!afterRerun->lastError.isEmpty());
            QVERIFY(deliveries(id) <= 1);
        } else {
            // Queued again (or sent at once): the rerun delivers it, exactly once.
            QVERIFY2(!afterRerun, qPrintable(describe(cut) + QStringLiteral(": still in the outbox")));
            QVERIFY(m_servers.waitForMessage(m_eve.login, QStringLiteral("INBOX"),
                                             {QStringLiteral("HEADER"), QStringLiteral("Message-ID"), id}, 60000));
            QCOMPARE(deliveries(id), 1);
        }
    }
    qInfo("%d of %lld cuts left a message \"unknown\"", unknown, qlonglong(cuts.size()));
    QVERIFY(cutCount >= cuts.size() - 3);
    QVERIFY2(unknown > 0, "no cut fell between the body and the server's answer");
    QCOMPARE(deliveries(first), 1);
}

void TestFaultsSmtp::stallAndTrickleEndInATimeout()
{
    FaultProxy proxy(m_servers.submissionPort());
    QVERIFY(proxy.start());
    const QString id = enqueue();

    // Stalled in the greeting: nothing was sent, the message waits for the next pass.
    proxy.setFault(Direction::ServerToClient, FaultProxy::stallAfter(20));
    auto r = send(proxy.port(), 1500, 1500);
    QVERIFY(proxy.wasStalled());
    QVERIFY2(!r.isOk(), qPrintable(QStringLiteral("sent %1, retry %2, unknown %3").arg(r.sent).arg(r.retryLater).arg(r.unknown)));
    QVERIFY2(saysTimeout(r.message), qPrintable(r.message));
    QCOMPARE(row(id)->state, OutboxState::Queued);

    // A trickle of 8 bytes per 100 ms: the TLS handshake cannot finish in its 1500 ms.
    proxy.setFault(Direction::ServerToClient, FaultProxy::trickle(8, 100));
    r = send(proxy.port(), 1500, 1500);
    QVERIFY(!r.isOk());
    QVERIFY(proxy.trickleWrites() > 3);
    QVERIFY2(saysTimeout(r.message), qPrintable(r.message));
    QCOMPARE(row(id)->state, OutboxState::Queued);

    r = send(m_servers.submissionPort());
    QVERIFY2(r.isOk(), qPrintable(r.message));
    QVERIFY(!row(id));
    QVERIFY(m_servers.waitForMessage(m_eve.login, QStringLiteral("INBOX"),
                                     {QStringLiteral("HEADER"), QStringLiteral("Message-ID"), id}, 60000));
    QVERIFY(waitForEmptyMailQueue());
    QCOMPARE(deliveries(id), 1);
}

QTEST_GUILESS_MAIN(TestFaultsSmtp)
#include "tst_faults_smtp.moc"
