// The replay tests' ScriptServer itself: it must catch every deviation from its script, or a
// replay test could pass against a client that says the wrong thing.
#include "ScriptServer.h"

#include <QTcpSocket>
#include <QtTest>

class ScriptServerTest : public QObject
{
    Q_OBJECT

private:
    static bool connectTo(QTcpSocket &socket, const ScriptServer &server)
    {
        socket.connectToHost(QStringLiteral("127.0.0.1"), server.port());
        return socket.waitForConnected(5000);
    }

    static QByteArray readLine(QTcpSocket &socket)
    {
        QDeadlineTimer deadline(5000);
        while (!socket.canReadLine() && !deadline.hasExpired())
            QTest::qWait(5);
        return socket.readLine();
    }

private Q_SLOTS:
    void aFaithfulClientCompletesTheScript_data()
    {
        QTest::addColumn<int>("chunking");
        QTest::newRow("whole") << int(ScriptServer::Chunking::Whole);
        QTest::newRow("one-byte") << int(ScriptServer::Chunking::OneByte);
        QTest::newRow("random") << int(ScriptServer::Chunking::Random);
    }

    void aFaithfulClientCompletesTheScript()
    {
        QFETCH(int, chunking);
        ScriptServer server(FakeServer::Mode::Plain);
        server.setChunking(ScriptServer::Chunking(chunking), 3);
        server.setScript("# comment\nS: 220 hello there, client\n\nC: MAIL FROM:<a@b>\nS: 250 ok\nCLOSE\n");
        QVERIFY(server.start());
        QTcpSocket socket;
        QVERIFY(connectTo(socket, server));
        QCOMPARE(readLine(socket), QByteArray("220 hello there, client\r\n"));
        // Without tag placeholders "<a@b>" is literal text.
        socket.write("MAIL FROM:<a@b>\r\n");
        QCOMPARE(readLine(socket), QByteArray("250 ok\r\n"));
        QTRY_VERIFY2(server.isDone(), qPrintable(server.describe()));
        QVERIFY2(server.error().isEmpty(), qPrintable(server.error()));
        QTRY_COMPARE(socket.state(), QAbstractSocket::UnconnectedState);
    }

    void aDifferentByteFails()
    {
        ScriptServer server(FakeServer::Mode::Plain);
        server.setScript("S: +OK\nC: USER carol\nS: +OK\n");
        QVERIFY(server.start());
        QTcpSocket socket;
        QVERIFY(connectTo(socket, server));
        QCOMPARE(readLine(socket), QByteArray("+OK\r\n"));
        socket.write("USER karol\r\n");
        QTRY_VERIFY(!server.error().isEmpty());
        QVERIFY2(server.error().contains(QLatin1String("USER karol")), qPrintable(server.error()));
        QVERIFY(!server.isDone());
    }

    void speakingBeforeTheReplyFails()
    {
        ScriptServer server(FakeServer::Mode::Plain);
        server.setScript("S: +OK\nC: CAPA\nS: +OK\nS: .\nC: QUIT\nS: +OK bye\n");
        QVERIFY(server.start());
        QTcpSocket socket;
        QVERIFY(connectTo(socket, server));
        QCOMPARE(readLine(socket), QByteArray("+OK\r\n"));
        socket.write("CAPA\r\nQUIT\r\n"); // the script does not allow pipelining here
        QTRY_VERIFY(!server.error().isEmpty());
        QVERIFY2(server.error().contains(QLatin1String("before the server's reply")), qPrintable(server.error()));
    }

    void bytesAfterTheEndFail()
    {
        ScriptServer server(FakeServer::Mode::Plain);
        server.setScript("S: +OK\nC: QUIT\n");
        QVERIFY(server.start());
        QTcpSocket socket;
        QVERIFY(connectTo(socket, server));
        QCOMPARE(readLine(socket), QByteArray("+OK\r\n"));
        socket.write("QUIT\r\n");
        QTRY_VERIFY2(server.isDone(), qPrintable(server.describe()));
        QVERIFY(server.error().isEmpty());
        socket.write("NOOP\r\n");
        QTRY_VERIFY(!server.error().isEmpty());
        QVERIFY2(server.error().contains(QLatin1String("after the end")), qPrintable(server.error()));
    }

    void tagPlaceholdersBindAndAnswerTheClientsTags()
    {
        ScriptServer server(FakeServer::Mode::Plain);
        server.setTagPlaceholders(true);
        server.setScript("S: * OK\nC: <a> NOOP\nC: <b> NOOP\nS: <b> OK second\nS: <a> OK first\nC: <a> LOGOUT\n");
        QVERIFY(server.start());
        QTcpSocket socket;
        QVERIFY(connectTo(socket, server));
        QCOMPARE(readLine(socket), QByteArray("* OK\r\n"));
        socket.write("x1 NOOP\r\nx2 NOOP\r\n");
        QCOMPARE(readLine(socket), QByteArray("x2 OK second\r\n"));
        QCOMPARE(readLine(socket), QByteArray("x1 OK first\r\n"));
        socket.write("x9 LOGOUT\r\n"); // <a> is bound to x1: another tag is a deviation
        QTRY_VERIFY(!server.error().isEmpty());
        QVERIFY2(server.error().contains(QLatin1String("tag <a> was x1, now x9")), qPrintable(server.error()));
    }

    void aMissingScriptFileIsAnError()
    {
        ScriptServer server(FakeServer::Mode::Plain);
        QVERIFY(!server.loadScriptFile(QStringLiteral("/nonexistent/script.txt")));
        QVERIFY(server.error().contains(QLatin1String("/nonexistent/script.txt")));
    }
};

QTEST_GUILESS_MAIN(ScriptServerTest)
#include "tst_net_script_server.moc"
