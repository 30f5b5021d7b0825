// The bundled provider table, probing of scripted loopback servers (greeting checked, refused,
// silent and wrong-protocol ports left out, an untrusted TLS server still found), and discovery
// taking its sources in order.
#include "FakeServer.h"
#include "LoopbackHttpServer.h"
#include "TestCertificates.h"

#include "setup/AccountDiscovery.h"
#include "setup/ProbeRunner.h"
#include "setup/ProviderTable.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace Petrel;
using Core::DiscoverySource;
using Core::ServerCandidate;
using Core::ServerRole;
using Net::Security;

namespace {

ServerCandidate local(ServerRole role, quint16 port, Security security)
{
    return {role, QStringLiteral("127.0.0.1"), port, security, QString(), DiscoverySource::Probe};
}

quint16 closedPort()
{
    QTcpServer s;
    s.listen(QHostAddress::LocalHost, 0);
    const quint16 port = s.serverPort();
    s.close();
    return port;
}

} // namespace

class SetupDiscoveryTest : public QObject
{
    Q_OBJECT

    TestCertificates certificates;

private Q_SLOTS:
    void initTestCase()
    {
        const QString error = certificates.generate();
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void providerTable()
    {
        const Core::ProviderTable &table = Core::ProviderTable::bundled();
        QVERIFY(table.size() >= 8);
        const auto gmail = table.lookup(QStringLiteral("GoogleMail.com"));
        QVERIFY(gmail);
        QCOMPARE(gmail->name, QStringLiteral("Gmail"));
        QCOMPARE(gmail->servers.imap.at(0).host, QStringLiteral("imap.gmail.com"));
        QCOMPARE(gmail->servers.imap.at(0).security, Security::ImplicitTls);
        QCOMPARE(gmail->servers.smtp.at(0).port, quint16(465));
        QVERIFY(!gmail->servers.saveSentCopy);
        const auto outlook = table.lookup(QStringLiteral("hotmail.com"));
        QVERIFY(outlook);
        QCOMPARE(outlook->servers.smtp.at(0).security, Security::StartTls);
        QVERIFY(table.lookup(QStringLiteral("posteo.de"))->servers.saveSentCopy);
        const auto proton = table.lookup(QStringLiteral("proton.me"));
        QVERIFY(proton && proton->bridgeOnly && proton->servers.isEmpty());
        QVERIFY(!table.lookup(QStringLiteral("example.org")));
    }

    void defaultProbeCandidatesPreferImplicitTls()
    {
        const QList<ServerCandidate> c = Core::ProbeRunner::defaultCandidates(QStringLiteral("example.org"));
        QCOMPARE(c.first().host, QStringLiteral("imap.example.org"));
        QCOMPARE(c.first().port, quint16(993));
        qsizetype firstTls = -1, firstStartTls = -1;
        for (qsizetype i = 0; i < c.size(); ++i) {
            if (c.at(i).role != ServerRole::Smtp)
                continue;
            if (c.at(i).security == Security::ImplicitTls && firstTls < 0)
                firstTls = i;
            if (c.at(i).security == Security::StartTls && firstStartTls < 0)
                firstStartTls = i;
        }
        QVERIFY(firstTls >= 0 && firstTls < firstStartTls);
        QVERIFY(std::any_of(c.begin(), c.end(), [](const ServerCandidate &x) {
            return x.host == QLatin1String("pop3.example.org") && x.port == 110;
        }));
    }

    void probingKeepsOnlyServersThatGreetRightly()
    {
        FakeServer imap(FakeServer::Mode::Plain);
        imap.setGreeting("* OK [CAPABILITY IMAP4rev1 STARTTLS] ready\r\n");
        FakeServer pop3Tls(FakeServer::Mode::ImplicitTls);
        pop3Tls.setIdentity(certificates.untrustedCa().certificate, certificates.untrustedCa().key);
        pop3Tls.setGreeting("+OK POP3 ready\r\n");
        FakeServer notSmtp(FakeServer::Mode::Plain);
        notSmtp.setGreeting("+OK I am POP3, not SMTP\r\n");
        FakeServer smtp(FakeServer::Mode::Plain);
        smtp.setGreeting("220 smtp ready ESMTP\r\n");
        FakeServer silent(FakeServer::Mode::Silent);
        for (FakeServer *s : {&imap, &pop3Tls, &notSmtp, &smtp, &silent})
            QVERIFY(s->start());

        Core::ProbeRunner runner;
        runner.setTimeoutMs(1500);
        runner.setParallel(2);
        QSignalSpy finished(&runner, &Core::ProbeRunner::finished);
        QSignalSpy progressed(&runner, &Core::ProbeRunner::progressed);
        runner.start({local(ServerRole::Imap, silent.port(), Security::ImplicitTls),
                      local(ServerRole::Imap, closedPort(), Security::ImplicitTls),
                      local(ServerRole::Imap, imap.port(), Security::StartTls),
                      local(ServerRole::Pop3, pop3Tls.port(), Security::ImplicitTls),
                      local(ServerRole::Smtp, notSmtp.port(), Security::StartTls),
                      local(ServerRole::Smtp, smtp.port(), Security::StartTls)});
        QVERIFY(finished.wait(30000));
        QCOMPARE(progressed.size(), 6);
        const auto r = finished.at(0).at(0).value<Core::DiscoveryResult>();
        QCOMPARE(r.imap.size(), 1);
        QCOMPARE(r.imap.at(0).port, imap.port());
        QCOMPARE(r.imap.at(0).security, Security::StartTls);
        QCOMPARE(r.pop3.size(), 1); // untrusted certificate: a TLS server is there all the same
        QCOMPARE(r.pop3.at(0).port, pop3Tls.port());
        QCOMPARE(r.smtp.size(), 1);
        QCOMPARE(r.smtp.at(0).port, smtp.port());
    }

    void discoveryTakesSourcesInOrder()
    {
        // Autoconfig names only an IMAP server; probing supplies SMTP (and its IMAP is ignored).
        Test::LoopbackHttpServer http;
        QVERIFY(http.start());
        http.serveFile("/config.xml",
                       "<clientConfig version=\"1.1\"><emailProvider id=\"x\"><incomingServer type=\"imap\">"
                       "<hostname>127.0.0.1</hostname><port>1993</port><socketType>SSL</socketType>"
                       "<username>%EMAILLOCALPART%</username></incomingServer></emailProvider></clientConfig>");
        FakeServer imap(FakeServer::Mode::Plain);
        imap.setGreeting("* OK ready\r\n");
        FakeServer smtp(FakeServer::Mode::Plain);
        smtp.setGreeting("220 ready\r\n");
        QVERIFY(imap.start() && smtp.start());

        Core::DiscoveryOptions options;
        options.useSrv = false;
        options.autoconfigUrls = {http.url(QStringLiteral("/config.xml"))};
        options.probeCandidates = {local(ServerRole::Imap, imap.port(), Security::StartTls),
                                   local(ServerRole::Smtp, smtp.port(), Security::StartTls)};
        options.timeoutMs = 5000;
        Core::AccountDiscovery discovery;
        discovery.setOptions(options);
        QSignalSpy progress(&discovery, &Core::AccountDiscovery::progress);
        QSignalSpy finished(&discovery, &Core::AccountDiscovery::finished);
        discovery.start(QStringLiteral("zoe@example.test"));
        QVERIFY(finished.wait(30000));
        const auto r = finished.at(0).at(0).value<Core::DiscoveryResult>();
        QCOMPARE(r.imap.size(), 1);
        QCOMPARE(r.imap.at(0).port, quint16(1993));
        QCOMPARE(r.imap.at(0).userName, QStringLiteral("zoe"));
        QCOMPARE(r.imap.at(0).source, DiscoverySource::Autoconfig);
        QCOMPARE(r.smtp.size(), 1);
        QCOMPARE(r.smtp.at(0).port, smtp.port());
        QCOMPARE(r.smtp.at(0).source, DiscoverySource::Probe);
        QStringList texts;
        for (const auto &p : progress)
            texts << p.at(0).toString();
        QVERIFY2(texts.first().startsWith(QLatin1String("Asking example.test")), qPrintable(texts.join(u'|')));
        QVERIFY(texts.contains(QStringLiteral("Trying the usual server names…")));
    }

    void bridgeOnlyProviderIsExplained()
    {
        Core::DiscoveryOptions options;
        options.useSrv = false;
        options.useAutoconfig = false;
        options.useProbing = false;
        Core::AccountDiscovery discovery;
        discovery.setOptions(options);
        QSignalSpy finished(&discovery, &Core::AccountDiscovery::finished);
        discovery.start(QStringLiteral("someone@proton.me"));
        QVERIFY(finished.wait(10000));
        const auto r = finished.at(0).at(0).value<Core::DiscoveryResult>();
        QVERIFY(!r.hasIncoming());
        QVERIFY2(r.note.contains(QLatin1String("bridge")), qPrintable(r.note));
    }
};

QTEST_GUILESS_MAIN(SetupDiscoveryTest)
#include "tst_setup_discovery.moc"
