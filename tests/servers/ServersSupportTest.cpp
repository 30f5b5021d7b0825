// The C++ side of the fixture: TestServers reads the description servers_start wrote, its
// helpers reach the real servers, and TempProfile cleans up after itself.
#include "SmtpInjector.h"
#include "TempProfile.h"
#include "TestServers.h"

#include <QDeadlineTimer>
#include <QFileInfo>
#include <QSet>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTemporaryFile>
#include <QTest>

using Petrel::Test::SmtpInjector;
using Petrel::Test::TempProfile;
using Petrel::Test::TestServers;

class ServersSupportTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        m_servers = TestServers::load();
        QVERIFY2(m_servers.isValid(), qPrintable(m_servers.errorString()));
    }

    void descriptionIsComplete()
    {
        QCOMPARE(m_servers.host(), QStringLiteral("127.0.0.1"));
        QCOMPARE(m_servers.hostName(), QStringLiteral("localhost"));
        QCOMPARE(m_servers.domain(), QStringLiteral("petrel.test"));
        QVERIFY(!m_servers.caCertificates().isEmpty());
        const QSet<quint16> ports{m_servers.imapStartTlsPort(), m_servers.imapTlsPort(), m_servers.pop3StlsPort(),
                                  m_servers.pop3TlsPort(), m_servers.submissionPort(), m_servers.submissionsPort(),
                                  m_servers.injectPort(), m_servers.lmtpPort()};
        QCOMPARE(ports.size(), 8);
        QVERIFY(!ports.contains(0));
        for (const QString &name : {QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("carol")}) {
            const auto u = m_servers.user(name);
            QCOMPARE(u.login, name + QStringLiteral("@petrel.test"));
            QVERIFY(u.password.size() >= 12);
            QVERIFY(u.maildir.startsWith(m_servers.directory()));
        }
        QCOMPARE(m_servers.user(QStringLiteral("bob@petrel.test")).login, QStringLiteral("bob@petrel.test"));
        QVERIFY(!m_servers.user(QStringLiteral("mallory")).isValid());
        QCOMPARE(m_servers.sink(), QStringLiteral("sink@petrel.test"));
        QVERIFY(m_servers.user(QStringLiteral("sink")).isValid());
    }

    void brokenDescriptionsAreReported()
    {
        const TestServers missing = TestServers::loadFile(QStringLiteral("/nonexistent/servers.json"));
        QVERIFY(!missing.isValid());
        QVERIFY(missing.errorString().contains(QStringLiteral("/nonexistent/servers.json")));

        QTemporaryFile garbage;
        QVERIFY(garbage.open());
        garbage.write("{\"host\": \"127.0.0.1\", \"imap\": ");
        garbage.close();
        QVERIFY(!TestServers::loadFile(garbage.fileName()).isValid());

        QTemporaryFile partial;
        QVERIFY(partial.open());
        partial.write("{\"host\": \"127.0.0.1\", \"hostname\": \"localhost\", \"domain\": \"petrel.test\"}");
        partial.close();
        const TestServers incomplete = TestServers::loadFile(partial.fileName());
        QVERIFY(!incomplete.isValid());
        QVERIFY(incomplete.errorString().contains(QStringLiteral("ports")));

        const QByteArray saved = qgetenv("PETREL_TEST_SERVERS");
        qunsetenv("PETREL_TEST_SERVERS");
        const TestServers unset = TestServers::load();
        qputenv("PETREL_TEST_SERVERS", saved);
        QVERIFY(!unset.isValid());
        QVERIFY(unset.errorString().contains(QStringLiteral("PETREL_TEST_SERVERS")));
    }

    void imapsVerifiesAgainstTheFixtureCa()
    {
        QSslSocket socket;
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        config.setCaCertificates(m_servers.caCertificates());
        config.setPeerVerifyMode(QSslSocket::VerifyPeer);
        socket.setSslConfiguration(config);
        socket.setPeerVerifyName(m_servers.hostName());
        socket.connectToHostEncrypted(m_servers.host(), m_servers.imapTlsPort());
        QVERIFY2(socket.waitForEncrypted(10000), qPrintable(socket.errorString()));
        QVERIFY(socket.sslHandshakeErrors().isEmpty());
        QVERIFY(socket.canReadLine() || socket.waitForReadyRead(10000));
        QVERIFY(socket.readLine().startsWith("* OK"));
    }

    void injectedMailIsFoundWithDoveadm()
    {
        const auto bob = m_servers.user(QStringLiteral("bob"));
        const QByteArray token = QByteArray::number(QDateTime::currentMSecsSinceEpoch(), 36) + "-support";
        const QByteArray message = "From: outsider@example.org\nTo: " + bob.login.toUtf8() + "\nSubject: injected "
            + token + "\n\nfirst line\n.leading dot\n";
        QString error;
        QVERIFY2(m_servers.injectMessage(QStringLiteral("outsider@example.org"), {bob.login}, message, &error),
                 qPrintable(error));

        QByteArray hits;
        QVERIFY2(m_servers.waitForMessage(bob.login, QStringLiteral("INBOX"),
                                          {QStringLiteral("subject"), QString::fromUtf8(token)}, 20000, &hits),
                 "the injected message did not arrive within 20 s");
        QVERIFY(m_servers.messageCount(bob.login, QStringLiteral("INBOX")) >= 1);
        const QList<QByteArray> hit = hits.trimmed().split(' ');
        QCOMPARE(hit.size(), 2);   // "<mailbox guid> <uid>"

        const auto body = m_servers.doveadm({QStringLiteral("fetch"), QStringLiteral("-u"), bob.login,
                                             QStringLiteral("body"), QStringLiteral("mailbox"), QStringLiteral("INBOX"),
                                             QStringLiteral("uid"), QString::fromUtf8(hit.at(1))});
        QCOMPARE(body.exitCode, 0);
        QVERIFY2(body.stdOut.contains("\n.leading dot"), body.stdOut.constData());   // dot-stuffing undone
    }

    void waitForMessageGivesUpOnAMissingMessage()
    {
        const auto bob = m_servers.user(QStringLiteral("bob"));
        QByteArray hits = "stale";
        QDeadlineTimer deadline(10000);
        QVERIFY(!m_servers.waitForMessage(bob.login, QStringLiteral("INBOX"),
                                          {QStringLiteral("subject"), QStringLiteral("never-injected-petrel-token")},
                                          500, &hits));
        QVERIFY(!deadline.hasExpired()); // bounded by its timeout, not by doveadm's
        QVERIFY(hits.isEmpty());
        // A mailbox that does not exist is "not there", not a hang.
        QVERIFY(!m_servers.waitForMessage(bob.login, QStringLiteral("No-Such-Mailbox"), {QStringLiteral("all")}, 300));
        QCOMPARE(m_servers.messageCount(bob.login, QStringLiteral("No-Such-Mailbox")), -1);
    }

    void connectionSettingsTrustOnlyTheFixtureCa()
    {
        const auto s = m_servers.connectionSettings(m_servers.imapTlsPort(), Petrel::Net::Security::ImplicitTls);
        QCOMPARE(s.host, m_servers.host());
        QCOMPARE(s.port, m_servers.imapTlsPort());
        QVERIFY(s.security == Petrel::Net::Security::ImplicitTls);
        QCOMPARE(s.tls.trustedCaFile, m_servers.caFile());
        QVERIFY(!s.tls.useSystemCas);
        QVERIFY(s.connectTimeoutMs > 0 && s.idleTimeoutMs > 0); // a dead fixture fails the test, never hangs it
    }

    void injectionRefusesOtherDomains()
    {
        QString error;
        QVERIFY(!m_servers.injectMessage(QStringLiteral("a@petrel.test"), {QStringLiteral("someone@example.com")},
                                         "Subject: x\n\nx\n", &error));
        QVERIFY2(error.contains(QStringLiteral("RCPT TO")), qPrintable(error));
    }

    void doveadmReportsFailures()
    {
        const auto result = m_servers.doveadm({QStringLiteral("no-such-command")});
        QVERIFY(result.exitCode != 0);
    }

    void dataPayloadIsStuffedAndTerminated()
    {
        QCOMPARE(SmtpInjector::dataPayload("a\n.b\r\nc"), QByteArray("a\r\n..b\r\nc\r\n.\r\n"));
        QCOMPARE(SmtpInjector::dataPayload("a\r\n"), QByteArray("a\r\n.\r\n"));
    }

    void tempProfileIsRemoved()
    {
        QString path;
        {
            TempProfile profile;
            QVERIFY(profile.isValid());
            path = profile.path();
            QVERIFY(QFileInfo(path).isDir());
            QCOMPARE(profile.filePath(QStringLiteral("petrel.db")), path + QStringLiteral("/petrel.db"));
            QFile file(profile.filePath(QStringLiteral("petrel.db")));
            QVERIFY(file.open(QIODevice::WriteOnly));
        }
        QVERIFY(!QFileInfo::exists(path));
    }

private:
    TestServers m_servers;
};

QTEST_GUILESS_MAIN(ServersSupportTest)
#include "ServersSupportTest.moc"
