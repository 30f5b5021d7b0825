// Pop3Session after login, against scripted servers on 127.0.0.1: listings, RETR/TOP, limits,
// malformed replies, pipelining, cancelling and timeouts. Run from tst_pop3_session_replay.cpp.
#include "Pop3Replay.h"

using namespace Petrel::Pop3;
using namespace Pop3Replay;
using Petrel::Net::ConnectionError;
using Petrel::Net::Security;
using Error = Pop3Result::Error;

class Pop3TransactionReplayTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listingsAndRetrieve()
    {
        ScriptServer server(FakeServer::Mode::Plain);
        server.setScript(greeting + capaPlain + userPass + afterLogin +
                         "C: LIST\nS: +OK 2 messages\nS: 1 120\nS: 2 5000000000\nS: .\n"
                         "C: UIDL\nS: +OK\nS: 1 aaa\nS: 2 bbb\nS: .\n"
                         "C: RETR 1\nS: +OK\nS: Subject: x\nS: \nS: ..dot\nS: .\n"
                         "C: TOP 2 0\nS: +OK\nS: Subject: y\nS: \nS: .\n"
                         "C: RETR 9\nS: -ERR no such message\n"
                         "C: NOOP\nS: +OK\n");
        QVERIFY(server.start());
        Pop3Session session;
        auto open = watch(session.open(settings(server.port(), Security::None), carol()));
        auto list = watch(session.list());
        auto uidl = watch(session.uidl());
        auto retr = watch(session.retrieve(1));
        auto top = watch(session.top(2, 0));
        auto missing = watch(session.retrieve(9));
        auto noop = watch(session.noop());
        WAIT(noop);
        QVERIFY(list->result->isOk());
        QCOMPARE(list->result->listings.size(), 2);
        QCOMPARE(list->result->listings.at(1).size, qint64(5000000000LL));
        QCOMPARE(uidl->result->uniqueIds.at(1).uid, QByteArray("bbb"));
        QCOMPARE(retr->result->data, QByteArray("Subject: x\r\n\r\n.dot\r\n"));
        QCOMPARE(top->result->data, QByteArray("Subject: y\r\n\r\n"));
        EXPECT_ERROR(missing, Error::Rejected); // -ERR keeps the connection:
        QCOMPARE(missing->result->serverText, QByteArray("no such message"));
        QVERIFY(noop->result->isOk());
        QCOMPARE(session.state(), Pop3Session::State::Transaction);
        VERIFY_SCRIPT(server);
    }

    void lyingListSize_data()
    {
        QTest::addColumn<int>("bodyLines");
        QTest::addColumn<bool>("ok");
        QTest::newRow("bigger than announced, under the limit") << 20 << true;
        QTest::newRow("bigger than the limit") << 200 << false;
    }

    void lyingListSize()
    {
        QFETCH(int, bodyLines);
        QFETCH(bool, ok);
        QByteArray body;
        for (int i = 0; i < bodyLines; ++i)
            body += "S: " + QByteArray(48, char('a' + i % 26)) + "\n"; // 50 bytes with CRLF
        ScriptServer server(FakeServer::Mode::Plain);
        server.setScript(greeting + capaPlain + userPass + afterLogin + "C: LIST 1\nS: +OK 1 10\nC: RETR 1\nS: +OK\n" + body +
                         "S: .\n" + (ok ? "C: NOOP\nS: +OK\n" : ""));
        QVERIFY(server.start());
        Pop3Session session;
        auto open = watch(session.open(settings(server.port(), Security::None), carol()));
        auto list = watch(session.list(1));
        auto retr = watch(session.retrieve(1, 5000));
        auto noop = watch(session.noop());
        WAIT(noop);
        QCOMPARE(list->result->listings.first().size, qint64(10));
        if (ok) {
            QVERIFY(retr->result->isOk());
            QCOMPARE(retr->result->data.size(), qsizetype(bodyLines * 50));
            QVERIFY(noop->result->isOk());
            return;
        }
        EXPECT_ERROR(retr, Error::Protocol);
        QVERIFY(retr->result->data.isEmpty());
        EXPECT_ERROR(noop, Error::Protocol); // the connection is gone, and queued work with it
        QCOMPARE(session.state(), Pop3Session::State::Closed);
    }

    void missingFinalDotThenClose()
    {
        ScriptServer server(FakeServer::Mode::Plain);
        server.setScript(greeting + capaPlain + userPass + afterLogin + "C: RETR 1\nS: +OK\nS: Subject: cut\nS: \nCLOSE\n");
        QVERIFY(server.start());
        Pop3Session session;
        auto open = watch(session.open(settings(server.port(), Security::None), carol()));
        auto retr = watch(session.retrieve(1));
        WAIT(retr);
        EXPECT_ERROR(retr, Error::Transport);
        QVERIFY(retr->result->connectionError);
        QCOMPARE(retr->result->connectionError->kind, ConnectionError::Kind::RemoteClosed);
        QVERIFY(retr->result->message.contains(QLatin1String("middle of a reply")));
        QVERIFY(retr->result->data.isEmpty());
        QCOMPARE(session.state(), Pop3Session::State::Closed);
    }

    void statusLineTooLong()
    {
        ScriptServer server(FakeServer::Mode::Plain);
        server.setScript(greeting + capaPlain + userPass + afterLogin + "C: NOOP\nS: +OK " + QByteArray(9000, 'x') + "\n");
        QVERIFY(server.start());
        Pop3Session session;
        auto open = watch(session.open(settings(server.port(), Security::None), carol()));
        auto noop = watch(session.noop());
        auto stat = watch(session.stat());
        WAIT(stat);
        EXPECT_ERROR(noop, Error::Protocol);
        QVERIFY(noop->result->message.contains(QLatin1String("longer than")));
        EXPECT_ERROR(stat, Error::Protocol);
    }

    void garbageUidlIsProtocolError()
    {
        ScriptServer server(FakeServer::Mode::Plain);
        server.setScript(greeting + capaPlain + userPass + afterLogin + "C: UIDL\nS: +OK\nS: 1 has space\nS: .\n");
        QVERIFY(server.start());
        Pop3Session session;
        auto open = watch(session.open(settings(server.port(), Security::None), carol()));
        auto uidl = watch(session.uidl());
        WAIT(uidl);
        EXPECT_ERROR(uidl, Error::Protocol);
        QCOMPARE(session.state(), Pop3Session::State::Closed);
    }

    void pipelinedInOrder()
    {
        ScriptServer server(FakeServer::Mode::Plain);
        // All five commands must arrive before the server answers any of them.
        server.setScript(greeting + capaPlain + userPass +
                         "C: CAPA\nS: +OK\nS: UIDL\nS: PIPELINING\nS: .\n"
                         "C: RETR 1\nC: DELE 1\nC: RETR 2\nC: DELE 2\nC: QUIT\n"
                         "S: +OK\nS: one\nS: .\nS: +OK deleted 1\nS: +OK\nS: .two\nS: .\nS: +OK deleted 2\nS: +OK bye\n");
        QVERIFY(server.start());
        Pop3Session session;
        QStringList order;
        auto open = watch(session.open(settings(server.port(), Security::None), carol()));
        WAIT(open);
        QVERIFY(session.isPipelining());
        auto retr1 = watch(session.retrieve(1), &order, QStringLiteral("retr1"));
        auto dele1 = watch(session.deleteMessage(1), &order, QStringLiteral("dele1"));
        auto retr2 = watch(session.retrieve(2), &order, QStringLiteral("retr2"));
        auto dele2 = watch(session.deleteMessage(2), &order, QStringLiteral("dele2"));
        auto quit = watch(session.quit(), &order, QStringLiteral("quit"));
        WAIT(quit);
        QCOMPARE(order, QStringList({QStringLiteral("retr1"), QStringLiteral("dele1"), QStringLiteral("retr2"),
                                     QStringLiteral("dele2"), QStringLiteral("quit")}));
        QCOMPARE(retr1->result->data, QByteArray("one\r\n"));
        QCOMPARE(dele1->result->serverText, QByteArray("deleted 1"));
        QCOMPARE(retr2->result->data, QByteArray("two\r\n"));
        QVERIFY(dele2->result->isOk() && quit->result->isOk());
        VERIFY_SCRIPT(server);
    }

    void withoutPipeliningOneAtATime()
    {
        ScriptServer server(FakeServer::Mode::Plain);
        // The script server fails if a command arrives before the previous reply.
        server.setScript(greeting + capaPlain + userPass + afterLogin +
                         "C: RETR 1\nS: +OK\nS: one\nS: .\nC: DELE 1\nS: +OK\nC: QUIT\nS: +OK\n");
        QVERIFY(server.start());
        Pop3Session session;
        auto open = watch(session.open(settings(server.port(), Security::None), carol()));
        auto retr = watch(session.retrieve(1));
        auto dele = watch(session.deleteMessage(1));
        auto quit = watch(session.quit());
        WAIT(quit);
        QVERIFY(!session.isPipelining());
        QVERIFY(retr->result->isOk() && dele->result->isOk() && quit->result->isOk());
        VERIFY_SCRIPT(server);
    }

    void notSupportedAndInvalidState()
    {
        ScriptServer server(FakeServer::Mode::Plain);
        server.setScript(greeting + "C: CAPA\nS: +OK\nS: USER\nS: .\n" + userPass + "C: CAPA\nS: +OK\nS: USER\nS: .\n"
                         "C: QUIT\nS: +OK\n");
        QVERIFY(server.start());
        Pop3Session session;
        auto early = watch(session.stat());
        WAIT(early);
        EXPECT_ERROR(early, Error::InvalidState); // not open yet
        auto open = watch(session.open(settings(server.port(), Security::None), carol()));
        WAIT(open);
        auto uidl = watch(session.uidl());
        auto top = watch(session.top(1, 0));
        auto badNumber = watch(session.retrieve(0));
        auto quit = watch(session.quit());
        auto late = watch(session.noop());
        WAIT(quit);
        EXPECT_ERROR(uidl, Error::NotSupported);
        EXPECT_ERROR(top, Error::NotSupported);
        EXPECT_ERROR(badNumber, Error::InvalidState);
        WAIT(late);
        EXPECT_ERROR(late, Error::InvalidState); // after QUIT
        VERIFY_SCRIPT(server);
    }

    void cancelQueuedAndInFlight()
    {
        ScriptServer server(FakeServer::Mode::Plain);
        server.setScript(greeting + capaPlain + userPass + afterLogin + "C: RETR 1\n");
        QVERIFY(server.start());
        Pop3Session session;
        auto open = watch(session.open(settings(server.port(), Security::None), carol()));
        Pop3Job *statJob = session.stat();
        auto stat = watch(statJob);
        statJob->cancel(); // not sent yet: nothing reaches the wire
        Pop3Job *retrJob = session.retrieve(1);
        auto retr = watch(retrJob);
        auto noop = watch(session.noop());
        QTRY_VERIFY2_WITH_TIMEOUT(server.isDone(), qPrintable(server.describe()), 10000);
        retrJob->cancel(); // in flight: the connection goes
        WAIT(noop);
        EXPECT_ERROR(stat, Error::Cancelled);
        EXPECT_ERROR(retr, Error::Cancelled);
        EXPECT_ERROR(noop, Error::Cancelled);
        QVERIFY(!server.received().contains("STAT"));
        QCOMPARE(session.state(), Pop3Session::State::Closed);
    }

    void idleTimeout()
    {
        ScriptServer server(FakeServer::Mode::Plain);
        server.setScript(greeting + capaPlain + userPass + afterLogin + "C: NOOP\n");
        QVERIFY(server.start());
        Pop3Session session;
        auto s = settings(server.port(), Security::None);
        s.idleTimeoutMs = 300;
        auto open = watch(session.open(s, carol()));
        auto noop = watch(session.noop());
        WAIT(noop);
        EXPECT_ERROR(noop, Error::Timeout);
        QVERIFY(noop->result->connectionError);
    }
};

int Pop3Replay::runTransactionTests(int argc, char **argv)
{
    Pop3TransactionReplayTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "Pop3TransactionReplayTest.moc"
