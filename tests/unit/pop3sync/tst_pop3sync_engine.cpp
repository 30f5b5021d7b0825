// Pop3Fetcher against scripted POP3 servers on 127.0.0.1 and a real store: a server without UIDL
// (ids from TOP headers), refusals at login, a reply cut before its terminating dot, and LIST
// sizes over the limit. Each ends in exactly one finished() and an archive that lost nothing.
#include "ScriptServer.h"
#include "store/Pop3UidlStore.h"
#include "store/StoreWriter.h"
#include "sync/pop3/Pop3Fetcher.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace Petrel;
using Core::Pop3FetchResult;
using Core::Pop3Retention;

namespace {

const QByteArray login = "S: +OK POP3 ready\n"
                         "C: CAPA\nS: +OK\nS: USER\nS: TOP\nS: .\n"
                         "C: USER carol\nS: +OK\nC: PASS pw\nS: +OK logged in\n"
                         "C: CAPA\nS: +OK\nS: USER\nS: TOP\nS: .\n";
const QByteArray loginWithUidl = "S: +OK POP3 ready\n"
                                 "C: CAPA\nS: +OK\nS: USER\nS: UIDL\nS: TOP\nS: .\n"
                                 "C: USER carol\nS: +OK\nC: PASS pw\nS: +OK logged in\n"
                                 "C: CAPA\nS: +OK\nS: USER\nS: UIDL\nS: TOP\nS: .\n";

} // namespace

class Pop3SyncEngineTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Store::StoreWriter> m_writer;
    qint64 m_account = 0;
    int m_run = 0;

    Pop3FetchResult run(const QByteArray &script, const Pop3Retention &retention = {}, qint64 maxMessageSize = 0,
                        QString *scriptError = nullptr)
    {
        ScriptServer server(FakeServer::Mode::Plain);
        server.setScript(script);
        if (!server.start())
            return {};
        Core::Pop3Fetcher fetcher(*m_writer, m_account);
        Net::ConnectionSettings s;
        s.host = QStringLiteral("127.0.0.1");
        s.port = server.port();
        s.security = Net::Security::None;
        s.connectTimeoutMs = 10000;
        s.idleTimeoutMs = 10000;
        fetcher.setConnectionSettings(s);
        fetcher.setCredentials({QStringLiteral("carol"), QStringLiteral("pw"), Pop3::Pop3Credentials::Method::User});
        fetcher.setRetention(retention);
        if (maxMessageSize > 0) {
            Pop3::Pop3Limits limits;
            limits.maxMessageSize = maxMessageSize;
            fetcher.setLimits(limits);
        }
        QSignalSpy finished(&fetcher, &Core::Pop3Fetcher::finished);
        fetcher.start();
        if (!finished.wait(15000))
            return {};
        QTest::qWait(50); // a second finished() would show here
        if (scriptError)
            *scriptError = server.error();
        if (finished.size() != 1)
            return {};
        return finished.first().first().value<Pop3FetchResult>();
    }

    QHash<QString, Store::Pop3UidlState> known()
    {
        Store::Pop3UidlStore store(m_writer->database());
        return store.knownUidls(m_account);
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_writer = std::make_unique<Store::StoreWriter>(m_dir.filePath(QStringLiteral("e%1.sqlite").arg(++m_run)));
        Store::AccountRow row;
        row.name = QStringLiteral("scripted");
        row.protocol = Store::AccountProtocol::Pop3;
        m_account = m_writer->addAccount(row);
    }

    void noUidlUsesHeaderHashes()
    {
        const QByteArray listing = "C: LIST\nS: +OK\nS: 1 40\nS: 2 40\nS: .\n"
                                   "C: TOP 1 0\nS: +OK\nS: Subject: one\nS: \nS: .\n"
                                   "C: TOP 2 0\nS: +OK\nS: Subject: two\nS: \nS: .\n";
        QString error;
        Pop3FetchResult r = run(login + listing +
                                    "C: RETR 2\nS: +OK\nS: Subject: two\nS: \nS: body two\nS: .\n"
                                    "C: RETR 1\nS: +OK\nS: Subject: one\nS: \nS: body one\nS: .\n"
                                    "C: QUIT\nS: +OK bye\n",
                                {}, 0, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY2(r.isOk(), qPrintable(r.message));
        QCOMPARE(r.downloaded, 2);
        const auto ids = known();
        QCOMPARE(ids.size(), 2);
        for (auto it = ids.begin(); it != ids.end(); ++it)
            QVERIFY2(it.key().startsWith(QLatin1String("sha256:")) && it.key().size() == 7 + 64, qPrintable(it.key()));

        // The same headers again: nothing new, nothing fetched.
        r = run(login + listing + "C: QUIT\nS: +OK bye\n", {}, 0, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY2(r.isOk(), qPrintable(r.message));
        QCOMPARE(r.downloaded, 0);
        QCOMPARE(r.alreadyArchived, 2);
    }

    void loginRefusals_data()
    {
        QTest::addColumn<QByteArray>("reply");
        QTest::addColumn<int>("error");
        QTest::newRow("in use") << QByteArray("-ERR [IN-USE] Mailbox locked by another session")
                                << int(Pop3::Pop3Result::Error::InUse);
        QTest::newRow("login delay") << QByteArray("-ERR [LOGIN-DELAY] Wait 5 minutes between logins")
                                     << int(Pop3::Pop3Result::Error::LoginDelay);
        QTest::newRow("bad password") << QByteArray("-ERR [AUTH] Authentication failed")
                                      << int(Pop3::Pop3Result::Error::AuthenticationFailed);
    }

    void loginRefusals()
    {
        QFETCH(QByteArray, reply);
        QFETCH(int, error);
        const QByteArray script = "S: +OK POP3 ready\nC: CAPA\nS: +OK\nS: USER\nS: UIDL\nS: .\n"
                                  "C: USER carol\nS: +OK\nC: PASS pw\nS: " + reply + "\n";
        const Pop3FetchResult r = run(script, {Pop3Retention::Mode::DeleteAfterDownload, 0});
        QCOMPARE(r.error, Pop3FetchResult::Error::Server);
        QCOMPARE(int(r.serverError), error);
        // The server's own words reach the user.
        QVERIFY2(r.message.contains(QString::fromLatin1(reply.mid(reply.indexOf(']') + 2))), qPrintable(r.message));
        QCOMPARE(r.downloaded, 0);
        QVERIFY(known().isEmpty());
    }

    void replyCutBeforeDotKeepsCommittedAndDeletesNothing()
    {
        QString error;
        const Pop3FetchResult r = run(loginWithUidl +
                                          "C: UIDL\nS: +OK\nS: 1 aaa\nS: 2 bbb\nS: .\n"
                                          "C: LIST\nS: +OK\nS: 1 30\nS: 2 30\nS: .\n"
                                          "C: RETR 2\nS: +OK\nS: Subject: two\nS: \nS: body\nS: .\n"
                                          "C: RETR 1\nS: +OK\nS: Subject: one\nS: \nS: half a bo\nCLOSE\n",
                                      {Pop3Retention::Mode::DeleteAfterDownload, 0}, 0, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error)); // and no DELE was sent: the script would fail
        QCOMPARE(r.error, Pop3FetchResult::Error::Server);
        QVERIFY(!r.message.isEmpty());
        QCOMPARE(r.downloaded, 1);
        QCOMPARE(r.deletedOnServer, 0);
        const auto ids = known();
        QCOMPARE(ids.size(), 1);
        QVERIFY(ids.contains(QStringLiteral("bbb")));
    }

    void oversizedListingIsSkipped()
    {
        QString error;
        const Pop3FetchResult r = run(loginWithUidl +
                                          "C: UIDL\nS: +OK\nS: 1 small\nS: 2 huge\nS: .\n"
                                          "C: LIST\nS: +OK\nS: 1 30\nS: 2 900000\nS: .\n"
                                          "C: RETR 1\nS: +OK\nS: Subject: one\nS: \nS: body\nS: .\n"
                                          "C: DELE 1\nS: +OK\nC: QUIT\nS: +OK bye\n",
                                      {Pop3Retention::Mode::DeleteAfterDownload, 0}, 1000, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error)); // the huge one is neither fetched nor deleted
        QVERIFY2(r.isOk(), qPrintable(r.message));
        QCOMPARE(r.downloaded, 1);
        QCOMPARE(r.skipped, 1);
        QCOMPARE(r.deletedOnServer, 1);
        QCOMPARE(r.warnings.size(), 1);
        QVERIFY(r.warnings.first().contains(QLatin1String("huge")));
        QVERIFY(known().value(QStringLiteral("small")).deletedFromServer);
    }

    void abortFinishesOnceAsCancelled()
    {
        ScriptServer server(FakeServer::Mode::Plain);
        server.setScript(QByteArray("S: +OK POP3 ready\nC: CAPA\n")); // then silence
        QVERIFY(server.start());
        Core::Pop3Fetcher fetcher(*m_writer, m_account);
        Net::ConnectionSettings s;
        s.host = QStringLiteral("127.0.0.1");
        s.port = server.port();
        s.security = Net::Security::None;
        fetcher.setConnectionSettings(s);
        fetcher.setCredentials({QStringLiteral("carol"), QStringLiteral("pw"), Pop3::Pop3Credentials::Method::User});
        QSignalSpy finished(&fetcher, &Core::Pop3Fetcher::finished);
        fetcher.start();
        QTRY_VERIFY(server.received().contains("CAPA"));
        fetcher.abort();
        QVERIFY(finished.isEmpty()); // never from inside the call
        QTRY_COMPARE(finished.size(), 1);
        QTest::qWait(50);
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.first().first().value<Pop3FetchResult>().error, Pop3FetchResult::Error::Cancelled);
        QVERIFY(known().isEmpty());
    }

    void serverLyingInListSizesIsCaughtByTheLimit()
    {
        // LIST promises 30 bytes; RETR delivers far more than the size limit: the download stops
        // at the limit with a clear error, nothing of it is archived and nothing is deleted.
        QByteArray body;
        for (int i = 0; i < 40; ++i)
            body += "S: " + QByteArray(78, char('a' + i % 26)) + "\n";
        QString error;
        const Pop3FetchResult r = run(loginWithUidl +
                                          "C: UIDL\nS: +OK\nS: 1 liar\nS: .\n"
                                          "C: LIST\nS: +OK\nS: 1 30\nS: .\n"
                                          "C: RETR 1\nS: +OK\nS: Subject: lies\nS: \n" + body + "S: .\n",
                                      {Pop3Retention::Mode::DeleteAfterDownload, 0}, 1000, &error);
        QVERIFY(r.downloaded == 0);
        QCOMPARE(r.deletedOnServer, 0);
        QVERIFY(!r.isOk() || !r.warnings.isEmpty());
        const QString said = r.isOk() ? r.warnings.join(QLatin1Char(' ')) : r.message;
        QVERIFY2(said.contains(QLatin1String("limit"), Qt::CaseInsensitive) ||
                     said.contains(QLatin1String("large"), Qt::CaseInsensitive),
                 qPrintable(said));
        QVERIFY(known().isEmpty() || !known().value(QStringLiteral("liar")).deletedFromServer);
        QVERIFY2(!error.contains(QLatin1String("DELE")), qPrintable(error)); // the script has no DELE to answer
    }

    void lineOverLimitIsAClearError()
    {
        const QByteArray longLine(Pop3::Pop3Limits().maxStatusLineLength + 100, 'x');
        const Pop3FetchResult r = run(loginWithUidl + "C: UIDL\nS: +OK " + longLine + "\n");
        QCOMPARE(r.error, Pop3FetchResult::Error::Server);
        QCOMPARE(r.serverError, Pop3::Pop3Result::Error::Protocol);
        QVERIFY(known().isEmpty());
    }
};

QTEST_GUILESS_MAIN(Pop3SyncEngineTest)
#include "tst_pop3sync_engine.moc"
