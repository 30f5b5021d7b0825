// FaultProxy (tests/support) against an in-process loopback server: cut, stall and trickle in
// both directions forward exactly what they should.
#include "FaultProxy.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace Petrel::Test;
using Direction = FaultProxy::Direction;

namespace {

// Sends `greeting` to every client on connect and keeps what clients send.
class LoopbackTarget : public QTcpServer
{
public:
    explicit LoopbackTarget(QByteArray greeting) : m_greeting(std::move(greeting))
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = nextPendingConnection()) {
                m_peer = s;
                connect(s, &QTcpSocket::readyRead, this, [this, s] { received += s->readAll(); });
                connect(s, &QTcpSocket::disconnected, this, [this] { peerClosed = true; });
                s->write(m_greeting);
            }
        });
    }
    QByteArray received;
    bool peerClosed = false;
    QPointer<QTcpSocket> m_peer;

private:
    QByteArray m_greeting;
};

QByteArray pattern(int size)
{
    QByteArray out;
    for (int i = 0; i < size; ++i)
        out.append(char('a' + i % 26));
    return out;
}

} // namespace

class TestFaultProxy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void passesEverythingWithoutAFault();
    void cutsServerToClientAfterNBytes();
    void cutsClientToServerAfterNBytes();
    void stallKeepsTheSocketOpen();
    void trickleDeliversEverythingInPieces();
};

void TestFaultProxy::passesEverythingWithoutAFault()
{
    LoopbackTarget target(pattern(5000));
    QVERIFY(target.listen(QHostAddress::LocalHost, 0));
    FaultProxy proxy(target.serverPort());
    QVERIFY(proxy.start());
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, proxy.port());
    QVERIFY(client.waitForConnected(5000));
    QByteArray got;
    QTRY_VERIFY_WITH_TIMEOUT((got += client.readAll()).size() == 5000, 10000);
    QCOMPARE(got, pattern(5000));
    client.write(pattern(3000));
    QTRY_COMPARE_WITH_TIMEOUT(target.received, pattern(3000), 10000);
    QCOMPARE(proxy.connectionCount(), 1);
    QCOMPARE(proxy.lastServerBytes(), 5000);
    QCOMPARE(proxy.lastClientBytes(), 3000);
    QVERIFY(!proxy.wasCut());
}

void TestFaultProxy::cutsServerToClientAfterNBytes()
{
    LoopbackTarget target(pattern(5000));
    QVERIFY(target.listen(QHostAddress::LocalHost, 0));
    FaultProxy proxy(target.serverPort());
    QVERIFY(proxy.start());
    proxy.setFault(Direction::ServerToClient, FaultProxy::cutAfter(1234));
    QTcpSocket client;
    QByteArray got;
    connect(&client, &QTcpSocket::readyRead, this, [&] { got += client.readAll(); });
    client.connectToHost(QHostAddress::LocalHost, proxy.port());
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), QAbstractSocket::UnconnectedState, 10000);
    got += client.readAll();
    QCOMPARE(got, pattern(1234));
    QVERIFY(proxy.wasCut());
    QTRY_VERIFY_WITH_TIMEOUT(target.peerClosed, 10000); // the server side went down too
}

void TestFaultProxy::cutsClientToServerAfterNBytes()
{
    LoopbackTarget target("hello\r\n");
    QVERIFY(target.listen(QHostAddress::LocalHost, 0));
    FaultProxy proxy(target.serverPort());
    QVERIFY(proxy.start());
    proxy.setFault(Direction::ClientToServer, FaultProxy::cutAfter(700));
    QTcpSocket client;
    QByteArray got;
    connect(&client, &QTcpSocket::readyRead, this, [&] { got += client.readAll(); });
    client.connectToHost(QHostAddress::LocalHost, proxy.port());
    QTRY_COMPARE_WITH_TIMEOUT(got, QByteArray("hello\r\n"), 10000);
    client.write(pattern(2000));
    QTRY_VERIFY_WITH_TIMEOUT(target.peerClosed, 10000);
    QCOMPARE(target.received, pattern(700));
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), QAbstractSocket::UnconnectedState, 10000);
    QCOMPARE(proxy.lastClientBytes(), 700);
}

void TestFaultProxy::stallKeepsTheSocketOpen()
{
    LoopbackTarget target(pattern(4000));
    QVERIFY(target.listen(QHostAddress::LocalHost, 0));
    FaultProxy proxy(target.serverPort());
    QVERIFY(proxy.start());
    proxy.setFault(Direction::ServerToClient, FaultProxy::stallAfter(100));
    QTcpSocket client;
    QByteArray got;
    connect(&client, &QTcpSocket::readyRead, this, [&] { got += client.readAll(); });
    client.connectToHost(QHostAddress::LocalHost, proxy.port());
    QTRY_COMPARE_WITH_TIMEOUT(got.size(), 100, 10000);
    QVERIFY(proxy.wasStalled());
    // More from the server is swallowed; the connection stays up.
    target.m_peer->write(pattern(500));
    QTest::qWait(300);
    QCOMPARE(got, pattern(100));
    QCOMPARE(client.state(), QAbstractSocket::ConnectedState);
    QVERIFY(!proxy.wasCut());
    // The other direction still flows.
    client.write("ping");
    QTRY_COMPARE_WITH_TIMEOUT(target.received, QByteArray("ping"), 10000);
}

void TestFaultProxy::trickleDeliversEverythingInPieces()
{
    LoopbackTarget target(pattern(600));
    QVERIFY(target.listen(QHostAddress::LocalHost, 0));
    FaultProxy proxy(target.serverPort());
    QVERIFY(proxy.start());
    proxy.setFault(Direction::ServerToClient, FaultProxy::trickle(50, 5, 100));
    QTcpSocket client;
    QByteArray got;
    connect(&client, &QTcpSocket::readyRead, this, [&] { got += client.readAll(); });
    client.connectToHost(QHostAddress::LocalHost, proxy.port());
    QTRY_COMPARE_WITH_TIMEOUT(got.size(), 600, 10000);
    QCOMPARE(got, pattern(600));
    QCOMPARE(proxy.trickleWrites(), 10); // 100 at once, then 500 in pieces of 50
    // A server that closes after its data: the client gets the rest first, then the close.
    target.m_peer->write(pattern(120));
    target.m_peer->disconnectFromHost();
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), QAbstractSocket::UnconnectedState, 10000);
    got += client.readAll();
    QCOMPARE(got, pattern(600) + pattern(120));
}

QTEST_GUILESS_MAIN(TestFaultProxy)
#include "tst_fault_proxy.moc"
