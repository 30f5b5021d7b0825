// The POP3 archive against the fixture's real Dovecot, as leo: each retention mode (the clock for
// "after N days" injected), and connections cut by a proxy in the middle of a RETR and in the
// middle of the DELE sequence, each followed by a rerun: every message exactly once in the
// archive, none gone from the server without a local copy.
#include "CutProxy.h"
#include "Pop3SyncHarness.h"
#include "TestServers.h"
#include "store/Database.h"
#include "store/Statement.h"
#include "store/StoreWriter.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace Petrel;
using Petrel::Core::Pop3Retention;
using Petrel::Test::Pop3SyncHarness;
using Mode = Pop3Retention::Mode;

class Pop3SyncRetentionTest : public QObject
{
    Q_OBJECT

private:
    Test::TestServers m_servers;
    Test::TestUser m_user;
    QTemporaryDir m_dir;
    int m_round = 0;

    // A fresh maildrop with count messages; returns their Message-IDs.
    QSet<QByteArray> freshMaildrop(int count, const char *tag)
    {
        QString error;
        if (!Test::expungeAll(m_servers, m_user, &error)) {
            qWarning() << error;
            return {};
        }
        const QByteArray t = QByteArray(tag) + '-' + QByteArray::number(++m_round) + '-' +
                             QByteArray::number(QDateTime::currentMSecsSinceEpoch());
        if (!Test::injectNumbered(m_servers, m_user, t, count, &error)) {
            qWarning() << error;
            return {};
        }
        QSet<QByteArray> ids;
        for (int i = 0; i < count; ++i)
            ids.insert('<' + t + '-' + QByteArray::number(i) + "@petrel.test>");
        return ids;
    }

    // Empty when every message is in the archive once or still on the server.
    static QString lossOrDuplicate(const Pop3SyncHarness &h, const QSet<QByteArray> &ids)
    {
        const auto archived = h.archived();
        const auto server = h.onServer();
        for (const QByteArray &key : archived.uniqueKeys()) {
            if (archived.count(key) != 1)
                return QStringLiteral("archived twice: ") + QString::fromLatin1(key);
        }
        for (const QByteArray &id : ids) {
            if (!archived.contains(id) && !server.contains(id))
                return QStringLiteral("lost: ") + QString::fromLatin1(id);
            if (archived.contains(id) && server.contains(id)
                && Pop3SyncHarness::toLf(archived.value(id)) != server.value(id))
                return QStringLiteral("archived bytes differ: ") + QString::fromLatin1(id);
        }
        return QString();
    }

    QString dbPath(const char *name) { return m_dir.filePath(QString::fromLatin1(name) + QStringLiteral(".sqlite")); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_servers = Test::TestServers::load();
        QVERIFY2(m_servers.isValid(), qPrintable(m_servers.errorString()));
        m_user = m_servers.user(QStringLiteral("leo"));
        QVERIFY(m_user.isValid());
    }

    void leaveOnServer()
    {
        const auto ids = freshMaildrop(3, "leave");
        QCOMPARE(ids.size(), 3);
        Pop3SyncHarness h(m_servers, m_user, dbPath("leave"));
        const auto r = h.fetch({});
        QVERIFY2(r.isOk(), qPrintable(r.message));
        QCOMPARE(r.downloaded, 3);
        QCOMPARE(r.deletedOnServer, 0);
        QCOMPARE(Test::serverCount(m_servers, m_user), 3);
        QCOMPARE(lossOrDuplicate(h, ids), QString());
    }

    void deleteAfterDownload()
    {
        const auto ids = freshMaildrop(3, "after-download");
        Pop3SyncHarness h(m_servers, m_user, dbPath("after-download"));
        const auto r = h.fetch({Mode::DeleteAfterDownload, 0});
        QVERIFY2(r.isOk(), qPrintable(r.message));
        QCOMPARE(r.downloaded, 3);
        QCOMPARE(r.deletedOnServer, 3);
        QCOMPARE(Test::serverCount(m_servers, m_user), 0);
        QCOMPARE(h.archived().size(), 3);
        QCOMPARE(lossOrDuplicate(h, ids), QString());
    }

    void deleteOnLocalDelete()
    {
        const auto ids = freshMaildrop(3, "on-local-delete");
        Pop3SyncHarness h(m_servers, m_user, dbPath("on-local-delete"));
        const Pop3Retention retention{Mode::DeleteOnLocalDelete, 0};
        auto r = h.fetch(retention);
        QVERIFY2(r.isOk(), qPrintable(r.message));
        QCOMPARE(r.downloaded, 3);
        QCOMPARE(r.deletedOnServer, 0);

        qint64 victim = 0;
        {
            Store::Statement s(h.writer().database(), "SELECT m.id FROM messages m JOIN folders f ON f.id = m.folder_id"
                                                      " WHERE f.account_id = ?1 ORDER BY m.id LIMIT 1");
            s.bindInt64(1, h.accountId());
            QVERIFY(s.step());
            victim = s.columnInt64(0);
        }
        QCOMPARE(h.writer().deleteMessages({victim}), 1);

        r = h.fetch(retention);
        QVERIFY2(r.isOk(), qPrintable(r.message));
        QCOMPARE(r.downloaded, 0); // the locally deleted one is not fetched again
        QCOMPARE(r.deletedOnServer, 1);
        QCOMPARE(Test::serverCount(m_servers, m_user), 2);
        QCOMPARE(h.archived().size(), 2);
    }

    void deleteAfterDays()
    {
        const auto ids = freshMaildrop(3, "after-days");
        Pop3SyncHarness h(m_servers, m_user, dbPath("after-days"));
        const Pop3Retention retention{Mode::DeleteAfterDays, 7};
        const QDateTime t0 = QDateTime(QDate(2026, 3, 1), QTime(9, 0), Qt::UTC);
        auto r = h.fetch(retention, 0, [t0] { return t0; });
        QVERIFY2(r.isOk(), qPrintable(r.message));
        QCOMPARE(r.downloaded, 3);
        QCOMPARE(r.deletedOnServer, 0);

        r = h.fetch(retention, 0, [t0] { return t0.addDays(7).addSecs(-60); });
        QVERIFY2(r.isOk(), qPrintable(r.message));
        QCOMPARE(r.deletedOnServer, 0);
        QCOMPARE(Test::serverCount(m_servers, m_user), 3);

        r = h.fetch(retention, 0, [t0] { return t0.addDays(7); });
        QVERIFY2(r.isOk(), qPrintable(r.message));
        QCOMPARE(r.downloaded, 0);
        QCOMPARE(r.deletedOnServer, 3);
        QCOMPARE(Test::serverCount(m_servers, m_user), 0);
        QCOMPARE(h.archived().size(), 3);
        QCOMPARE(lossOrDuplicate(h, ids), QString());
    }

    void cutDuringRetrieve()
    {
        const auto ids = freshMaildrop(30, "cut-retr");
        QCOMPARE(ids.size(), 30);
        Pop3SyncHarness h(m_servers, m_user, dbPath("cut-retr"));
        Test::CutProxy proxy(m_servers.pop3TlsPort());
        QVERIFY(proxy.start());
        const Pop3Retention retention{Mode::DeleteAfterDownload, 0};
        int cutMidDownload = 0;
        for (const qint64 cutAt : {2500, 9000, 30000, 60000}) {
            proxy.setCutAfterServerBytes(cutAt);
            const auto r = h.fetch(retention, proxy.port());
            if (proxy.wasCut()) {
                QVERIFY2(!r.isOk(), "a cut connection must be reported");
                QCOMPARE(r.error, Core::Pop3FetchResult::Error::Server);
                QVERIFY(!r.message.isEmpty());
                if (r.downloaded < 30 && r.bytes > 0)
                    ++cutMidDownload;
            }
            qInfo("cut after %lld server bytes: %s, %d archived", cutAt, proxy.wasCut() ? "cut" : "not cut",
                  int(h.archived().size()));
            QCOMPARE(lossOrDuplicate(h, ids), QString());
            QCOMPARE(h.integrityCheck(), QStringLiteral("ok"));
        }
        QVERIFY2(cutMidDownload > 0, "no cut fell in the middle of the downloads");

        proxy.setCutAfterServerBytes(-1);
        const auto r = h.fetch(retention, proxy.port());
        QVERIFY2(r.isOk(), qPrintable(r.message));
        QCOMPARE(lossOrDuplicate(h, ids), QString());
        QCOMPARE(h.archived().size(), 30);
        QCOMPARE(Test::serverCount(m_servers, m_user), 0);
    }

    void cutDuringDeletes()
    {
        const auto ids = freshMaildrop(30, "cut-dele");
        Pop3SyncHarness h(m_servers, m_user, dbPath("cut-dele"));
        Test::CutProxy proxy(m_servers.pop3TlsPort());
        QVERIFY(proxy.start());
        // Download everything first and measure a session with nothing new to fetch.
        auto r = h.fetch({}, proxy.port());
        QVERIFY2(r.isOk(), qPrintable(r.message));
        QCOMPARE(r.downloaded, 30);
        r = h.fetch({}, proxy.port());
        QVERIFY2(r.isOk(), qPrintable(r.message));
        const qint64 clientBytes = proxy.lastClientBytes(); // login, UIDL, LIST, QUIT
        const qint64 serverBytes = proxy.lastServerBytes();

        // A deleting session sends the DELEs where that QUIT was: cut around there, from both sides.
        const Pop3Retention retention{Mode::DeleteAfterDownload, 0};
        const QList<QPair<bool, qint64>> cuts = {{true, clientBytes - 60}, {true, clientBytes + 30},
                                                 {true, clientBytes + 200}, {false, serverBytes - 40},
                                                 {false, serverBytes + 80}};
        int cutCount = 0;
        for (const auto &[clientSide, at] : cuts) {
            proxy.setCutAfterClientBytes(clientSide ? at : -1);
            proxy.setCutAfterServerBytes(clientSide ? -1 : at);
            const int before = Test::serverCount(m_servers, m_user);
            r = h.fetch(retention, proxy.port());
            if (proxy.wasCut()) {
                ++cutCount;
                QVERIFY2(!r.isOk(), "a cut connection must be reported");
            }
            qInfo("cut %s after %lld bytes: %s; %d on the server", clientSide ? "client" : "server", at,
                  proxy.wasCut() ? "cut" : "not cut", Test::serverCount(m_servers, m_user));
            QCOMPARE(r.downloaded, 0);
            QVERIFY(Test::serverCount(m_servers, m_user) <= before);
            QCOMPARE(lossOrDuplicate(h, ids), QString());
            QCOMPARE(h.archived().size(), 30);
        }

        QVERIFY(cutCount >= 3);
        proxy.setCutAfterClientBytes(-1);
        proxy.setCutAfterServerBytes(-1);
        r = h.fetch(retention, proxy.port());
        QVERIFY2(r.isOk(), qPrintable(r.message));
        QCOMPARE(r.downloaded, 0);
        QCOMPARE(Test::serverCount(m_servers, m_user), 0);
        QCOMPARE(h.archived().size(), 30);
        QCOMPARE(lossOrDuplicate(h, ids), QString());
        QCOMPARE(h.integrityCheck(), QStringLiteral("ok"));
    }
};

QTEST_GUILESS_MAIN(Pop3SyncRetentionTest)
#include "tst_pop3sync_retention.moc"
