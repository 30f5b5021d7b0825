// SRV records (RFC 6186) from a scripted DNS server on loopback: candidates in priority order,
// implicit TLS first at equal priority, a "." target means "not offered", no records is no error.
#include "ScriptedDnsServer.h"

#include "setup/SrvLookup.h"

#include <QSignalSpy>
#include <QTest>

using namespace Petrel;
using Net::Security;

class SetupSrvTest : public QObject
{
    Q_OBJECT

    ScriptedDnsServer dns;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(dns.start(), "no free loopback address for port 53");
        dns.setRecords("_imaps._tcp.example.test", {{10, 0, 993, "imap-b.example.test"}, {5, 0, 993, "imap-a.example.test"}});
        dns.setRecords("_imap._tcp.example.test", {{5, 0, 143, "imap-a.example.test"}, {20, 0, 143, "imap-c.example.test"}});
        dns.setRecords("_pop3s._tcp.example.test", {{0, 0, 0, "."}}); // decidedly not offered
        dns.setRecords("_submissions._tcp.example.test", {{0, 10, 465, "smtp-light.example.test"}, {0, 90, 465, "smtp-heavy.example.test."}});
        dns.setRecords("_submission._tcp.example.test", {{1, 0, 587, "smtp.example.test"}});
    }

    void candidatesInPriorityOrder()
    {
        Core::SrvLookup lookup;
        lookup.setNameserver(dns.address());
        QSignalSpy finished(&lookup, &Core::SrvLookup::finished);
        lookup.start(QStringLiteral("example.test"));
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.at(0).at(1).toString(), QString());
        const auto r = finished.at(0).at(0).value<Core::DiscoveryResult>();
        // The queries went to the scripted server, one per service.
        QCOMPARE(dns.askedNames().size(), 6);
        QVERIFY(dns.askedNames().contains("_pop3._tcp.example.test"));

        QCOMPARE(r.imap.size(), 4);
        QCOMPARE(r.imap.at(0).host, QStringLiteral("imap-a.example.test"));
        QCOMPARE(r.imap.at(0).security, Security::ImplicitTls); // priority 5, TLS before STARTTLS
        QCOMPARE(r.imap.at(1).host, QStringLiteral("imap-a.example.test"));
        QCOMPARE(r.imap.at(1).security, Security::StartTls);
        QCOMPARE(r.imap.at(1).port, quint16(143));
        QCOMPARE(r.imap.at(2).host, QStringLiteral("imap-b.example.test"));
        QCOMPARE(r.imap.at(3).host, QStringLiteral("imap-c.example.test"));
        QVERIFY(r.pop3.isEmpty()); // "." target, and no _pop3 records at all
        QCOMPARE(r.smtp.size(), 3);
        QCOMPARE(r.smtp.at(0).host, QStringLiteral("smtp-heavy.example.test")); // heavier weight, trailing dot gone
        QCOMPARE(r.smtp.at(1).host, QStringLiteral("smtp-light.example.test"));
        QCOMPARE(r.smtp.at(2).port, quint16(587));
        QCOMPARE(r.smtp.at(2).security, Security::StartTls);
        QCOMPARE(r.imap.at(0).source, Core::DiscoverySource::Srv);
    }

    void noRecordsIsNotAnError()
    {
        Core::SrvLookup lookup;
        lookup.setNameserver(dns.address());
        QSignalSpy finished(&lookup, &Core::SrvLookup::finished);
        lookup.start(QStringLiteral("nothing.test"));
        QVERIFY(finished.wait(20000));
        QVERIFY(finished.at(0).at(0).value<Core::DiscoveryResult>().isEmpty());
        QCOMPARE(finished.at(0).at(1).toString(), QString());
    }
};

QTEST_GUILESS_MAIN(SetupSrvTest)
#include "tst_setup_srv.moc"
