// Connection over plaintext loopback: line reading, limits, literals, timeouts and how sessions end.
#include "FakeServer.h"
#include "NetClient.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTest>
#include <QThread>

using namespace Petrel::Net;
using Kind = ConnectionError::Kind;

class TestNetConnection : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void linesSplitIntoSingleByteWrites()
    {
        FakeServer server(FakeServer::Mode::Plain);
        QVERIFY(server.start());
        NetClient client;
        client.connection.connectToServer(loopback(server.port(), Security::None));
        QVERIFY(client.connectedSpy.wait(5000));
        QVERIFY(!client.connection.isEncrypted());
        QTRY_VERIFY_WITH_TIMEOUT(server.client(), 5000);
        server.drip("* OK hello\r\nsecond line\nthird\r\n");
        QTRY_COMPARE_WITH_TIMEOUT(client.lines.size(), 3, 10000);
        QCOMPARE(client.lines, (QList<QByteArray>{"* OK hello", "second line", "third"}));
        QVERIFY(client.failedSpy.isEmpty());
    }

    void writesReachTheServer()
    {
        FakeServer server(FakeServer::Mode::Plain);
        QVERIFY(server.start());
        NetClient client;
        QVERIFY(!client.connection.write("too early\r\n"));
        client.connection.connectToServer(loopback(server.port(), Security::None));
        QVERIFY(client.connectedSpy.wait(5000));
        QVERIFY(client.connection.write("a1 NOOP\r\n"));
        QTRY_COMPARE_WITH_TIMEOUT(server.received(), QByteArray("a1 NOOP\r\n"), 5000);
    }

    // A literal far longer than the line limit is read with read(), and the line after it still
    // arrives intact; memory stays bounded while the protocol reads.
    void literalLongerThanTheLineLimit()
    {
        FakeServer server(FakeServer::Mode::Plain);
        QVERIFY(server.start());
        NetClient client;
        client.autoRead = false;
        ConnectionSettings settings = loopback(server.port(), Security::None);
        settings.maxLineLength = 1000;
        client.connection.connectToServer(settings);
        QVERIFY(client.connectedSpy.wait(5000));
        QTRY_VERIFY_WITH_TIMEOUT(server.client(), 5000);

        QByteArray literal(3 * 1024 * 1024, '\0');
        for (int i = 0; i < literal.size(); ++i)
            literal[i] = char('a' + i % 26);
        server.send("* 1 FETCH (BODY[] {" + QByteArray::number(literal.size()) + "}\r\n" + literal +
                    ")\r\na OK\r\n");

        QByteArray header, body, trailer;
        qint64 maxAvailable = 0;
        QObject::connect(&client.connection, &Connection::readyRead, &client.connection, [&] {
            Connection &c = client.connection;
            maxAvailable = std::max(maxAvailable, c.bytesAvailable());
            if (header.isEmpty()) {
                const auto line = c.readLine();
                if (!line)
                    return;
                header = *line;
            }
            if (body.size() < literal.size())
                body += c.read(literal.size() - body.size());
            if (body.size() == literal.size())
                while (const auto line = c.readLine())
                    trailer += *line + '|';
        });
        QTRY_COMPARE_WITH_TIMEOUT(trailer, QByteArray(")|a OK|"), 20000);
        QCOMPARE(header, "* 1 FETCH (BODY[] {" + QByteArray::number(literal.size()) + "}");
        QVERIFY(body == literal);
        QVERIFY2(maxAvailable < 1024 * 1024, QByteArray::number(maxAvailable).constData());
        QVERIFY(client.failedSpy.isEmpty());
    }

    // 2 MiB without a newline: LineTooLong, nothing handed out, and never more than the limit
    // plus the socket's small buffer held in memory.
    void lineTooLong()
    {
        FakeServer server(FakeServer::Mode::Plain);
        QVERIFY(server.start());
        NetClient client;
        qint64 maxAvailable = 0;
        QObject::connect(&client.connection, &Connection::readyRead, &client.connection,
                         [&] { maxAvailable = std::max(maxAvailable, client.connection.bytesAvailable()); });
        client.connection.connectToServer(loopback(server.port(), Security::None));
        QVERIFY(client.connectedSpy.wait(5000));
        QTRY_VERIFY_WITH_TIMEOUT(server.client(), 5000);
        server.send(QByteArray(2 * 1024 * 1024, 'x'));
        QTRY_COMPARE_WITH_TIMEOUT(client.failedSpy.size(), 1, 10000);
        QCOMPARE(client.error().kind, Kind::LineTooLong);
        QVERIFY(client.lines.isEmpty());
        QVERIFY2(maxAvailable <= 1024 * 1024 + 3 + 256 * 1024, QByteArray::number(maxAvailable).constData());
        QVERIFY(!client.connection.isOpen());
        QCOMPARE(client.connection.bytesAvailable(), 0);
        QVERIFY(!client.connection.readLine());
    }

    void hostNotFound()
    {
        NetClient client;
        ConnectionSettings settings = loopback(143, Security::None);
        // A label longer than 63 octets is not a valid DNS name (RFC 1035), so the resolver refuses
        // it before sending any query: the test stays on this machine. A plain ".invalid" name
        // would still be sent to the configured DNS server.
        settings.host = QString(70, QLatin1Char('x')) + QStringLiteral(".invalid");
        client.connection.connectToServer(settings);
        QVERIFY(client.failedSpy.wait(15000));
        QCOMPARE(client.error().kind, Kind::HostNotFound);
        QVERIFY(client.error().message.contains(settings.host));
        QVERIFY(!client.error().detail.isEmpty());
        QVERIFY(client.connectedSpy.isEmpty());
    }

    void connectionRefused()
    {
        quint16 port = 0;
        {
            QTcpServer closed;
            QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
            port = closed.serverPort();
        }
        NetClient client;
        client.connection.connectToServer(loopback(port, Security::ImplicitTls));
        QVERIFY(client.failedSpy.wait(10000));
        QCOMPARE(client.error().kind, Kind::ConnectionRefused);
    }

    // A server that accepts TCP and then never speaks TLS: the connect timeout covers the handshake.
    void connectTimeout()
    {
        FakeServer server(FakeServer::Mode::Silent);
        QVERIFY(server.start());
        NetClient client;
        ConnectionSettings settings = loopback(server.port(), Security::ImplicitTls);
        settings.connectTimeoutMs = 300;
        client.connection.connectToServer(settings);
        QVERIFY(client.failedSpy.wait(10000));
        QCOMPARE(client.error().kind, Kind::ConnectTimeout);
        QVERIFY(client.connectedSpy.isEmpty());
        QVERIFY(server.client()); // the TCP part did succeed
    }

    void idleTimeoutOnlyWhileAReplyIsAwaited()
    {
        FakeServer server(FakeServer::Mode::Plain);
        server.setGreeting("* OK ready\r\n");
        QVERIFY(server.start());
        NetClient client;
        ConnectionSettings settings = loopback(server.port(), Security::None);
        settings.idleTimeoutMs = 200;
        client.connection.connectToServer(settings);
        QTRY_COMPARE_WITH_TIMEOUT(client.lines.size(), 1, 5000);
        client.connection.setAwaitingReply(false); // e.g. an idle pooled session
        QVERIFY(!client.failedSpy.wait(800));      // four idle periods of silence are fine
        QVERIFY(client.connection.write("a1 NOOP\r\n"));
        QVERIFY(client.failedSpy.wait(5000));
        QCOMPARE(client.error().kind, Kind::IdleTimeout);
        QCOMPARE(client.failedSpy.size(), 1);
    }

    void bytesKeepAnAwaitedReplyAlive()
    {
        FakeServer server(FakeServer::Mode::Plain);
        QVERIFY(server.start());
        NetClient client;
        ConnectionSettings settings = loopback(server.port(), Security::None);
        settings.idleTimeoutMs = 500;
        client.connection.connectToServer(settings);
        QVERIFY(client.connectedSpy.wait(5000));
        QTRY_VERIFY_WITH_TIMEOUT(server.client(), 5000);
        // One byte per millisecond or so: longer in total than the idle limit, never silent that long.
        const QByteArray reply = QByteArray(1000, '*') + "\r\n";
        QElapsedTimer elapsed;
        elapsed.start();
        QSignalSpy readyRead(&client.connection, &Connection::readyRead);
        server.drip(reply);
        // QSignalSpy::wait runs the event loop without the 10 ms naps of QTRY_*, so drip keeps its pace.
        while (client.lines.isEmpty() && client.failedSpy.isEmpty() && elapsed.elapsed() < 20000)
            readyRead.wait(1000);
        QCOMPARE(client.lines.size(), 1);
        QVERIFY2(elapsed.elapsed() > settings.idleTimeoutMs, "the reply came too fast to prove anything");
        QCOMPARE(client.lines.first(), reply.chopped(2));
        QVERIFY(client.failedSpy.isEmpty());
    }

    void remoteCloseAfterData()
    {
        FakeServer server(FakeServer::Mode::Plain);
        server.setGreeting("* BYE going away\r\n");
        QVERIFY(server.start());
        NetClient client;
        client.connection.connectToServer(loopback(server.port(), Security::None));
        QTRY_COMPARE_WITH_TIMEOUT(client.lines.size(), 1, 5000);
        server.closeClient();
        QVERIFY(client.failedSpy.wait(5000));
        QCOMPARE(client.error().kind, Kind::RemoteClosed);
        QCOMPARE(client.lines.first(), QByteArray("* BYE going away"));
        QVERIFY(!client.failedSpy.wait(100)); // no second terminal signal
        QCOMPARE(client.failedSpy.size(), 1);
        QVERIFY(client.disconnectedSpy.isEmpty());
    }

    void politeCloseFlushesAndDisconnects()
    {
        FakeServer server(FakeServer::Mode::Plain);
        QVERIFY(server.start());
        NetClient client;
        client.connection.connectToServer(loopback(server.port(), Security::None));
        QVERIFY(client.connectedSpy.wait(5000));
        QTRY_VERIFY_WITH_TIMEOUT(server.client(), 5000);
        QSignalSpy serverSawClose(server.client(), &QAbstractSocket::disconnected);
        QVERIFY(client.connection.write("a9 LOGOUT\r\n"));
        client.connection.close();
        QVERIFY(!client.connection.write("late\r\n"));
        QTRY_COMPARE_WITH_TIMEOUT(client.disconnectedSpy.size(), 1, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(serverSawClose.size(), 1, 5000);
        QCOMPARE(server.received(), QByteArray("a9 LOGOUT\r\n"));
        QVERIFY(client.failedSpy.isEmpty());
    }

    void abortReportsCancelledOnce()
    {
        FakeServer server(FakeServer::Mode::Plain);
        QVERIFY(server.start());
        NetClient client;
        client.connection.connectToServer(loopback(server.port(), Security::None));
        QVERIFY(client.connectedSpy.wait(5000));
        client.connection.abort();
        client.connection.abort();
        QVERIFY(!client.connection.isOpen());
        QVERIFY(client.failedSpy.isEmpty()); // delivered from the event loop, not inside abort()
        QVERIFY(client.failedSpy.wait(5000));
        QCOMPARE(client.error().kind, Kind::Cancelled);
        QVERIFY(!client.failedSpy.wait(100));
        QCOMPARE(client.failedSpy.size(), 1);
        QVERIFY(client.disconnectedSpy.isEmpty());
    }

    // Engines run a connection in the account's thread: its timers must move along with it.
    void worksInAnotherThread()
    {
        QTest::failOnWarning(
            QRegularExpression(QStringLiteral("thread"), QRegularExpression::CaseInsensitiveOption));
        FakeServer server(FakeServer::Mode::Plain);
        server.setGreeting("* OK ready\r\n");
        QVERIFY(server.start());
        QThread thread;
        thread.start();
        auto *connection = new Connection;
        connection->moveToThread(&thread);
        QObject here; // receives queued results in the test's thread
        QList<QByteArray> lines;
        std::optional<ConnectionError> error;
        QObject::connect(connection, &Connection::readyRead, connection, [connection, &here, &lines] {
            while (const auto line = connection->readLine())
                QMetaObject::invokeMethod(&here, [&lines, l = *line] { lines.append(l); });
        });
        QObject::connect(connection, &Connection::failed, &here,
                         [&error](const ConnectionError &e) { error = e; });
        ConnectionSettings settings = loopback(server.port(), Security::None);
        settings.idleTimeoutMs = 200;
        QMetaObject::invokeMethod(connection,
                                  [connection, settings] { connection->connectToServer(settings); });
        QTRY_COMPARE_WITH_TIMEOUT(lines, QList<QByteArray>{"* OK ready"}, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(error.has_value(), 5000); // the idle timer fired in the worker thread
        QCOMPARE(error->kind, Kind::IdleTimeout);
        QMetaObject::invokeMethod(connection, &QObject::deleteLater);
        thread.quit();
        QVERIFY(thread.wait(5000));
    }

    void reconnectDropsTheOldSessionsSignals()
    {
        FakeServer server(FakeServer::Mode::Plain);
        QVERIFY(server.start());
        NetClient client;
        client.connection.connectToServer(loopback(server.port(), Security::None));
        QVERIFY(client.connectedSpy.wait(5000));
        client.connection.abort(); // its failed() is queued...
        client.connection.connectToServer(loopback(server.port(), Security::None)); // ...and superseded
        QVERIFY(client.connectedSpy.wait(5000));
        QVERIFY(client.failedSpy.isEmpty());
        QVERIFY(client.connection.isOpen());
    }
};

QTEST_GUILESS_MAIN(TestNetConnection)
#include "tst_net_connection.moc"
