// Autoconfig files: a good file gives every server with placeholders resolved; each socketType
// maps to its security; hostile, oversized and malformed files give a clear error. The fetcher
// takes the first URL that has a file, sends the address only over https and stops at limits.
#include "LoopbackHttpServer.h"

#include "setup/AutoconfigFetcher.h"
#include "setup/AutoconfigParser.h"

#include <QSignalSpy>
#include <QTest>

using namespace Petrel;
using Core::AutoconfigParser;
using Core::ServerRole;
using Net::Security;

namespace {

const QString address = QStringLiteral("alice@example.org");

QByteArray server(const char *element, const char *type, const char *host, int port, const char *socketType,
                  const char *user, const char *auth = "password-cleartext")
{
    return QByteArray("<") + element + " type=\"" + type + "\"><hostname>" + host + "</hostname><port>" +
           QByteArray::number(port) + "</port><socketType>" + socketType + "</socketType><authentication>" + auth +
           "</authentication><username>" + user + "</username></" + element + ">\n";
}

QByteArray file(const QByteArray &servers)
{
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<clientConfig version=\"1.1\">\n"
           "<emailProvider id=\"example.org\"><domain>example.org</domain><displayName>Example</displayName>\n" +
           servers + "</emailProvider></clientConfig>\n";
}

QByteArray goodFile()
{
    return file(server("incomingServer", "imap", "imap.%EMAILDOMAIN%", 993, "SSL", "%EMAILADDRESS%") +
                server("incomingServer", "imap", "imap.example.org", 143, "STARTTLS", "%EMAILLOCALPART%") +
                server("incomingServer", "pop3", "pop.example.org", 995, "SSL", "%EMAILLOCALPART%") +
                server("outgoingServer", "smtp", "smtp.example.org", 465, "SSL", "%EMAILADDRESS%") +
                server("outgoingServer", "smtp", "smtp.example.org", 25, "plain", "%EMAILADDRESS%"));
}

} // namespace

class SetupAutoconfigTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void goodFileGivesEveryServer()
    {
        const auto out = AutoconfigParser::parse(goodFile(), address);
        QVERIFY2(out.isOk(), qPrintable(out.error));
        QCOMPARE(out.result.imap.size(), 2);
        QCOMPARE(out.result.imap.at(0).host, QStringLiteral("imap.example.org")); // %EMAILDOMAIN% resolved
        QCOMPARE(out.result.imap.at(0).port, quint16(993));
        QCOMPARE(out.result.imap.at(0).security, Security::ImplicitTls);
        QCOMPARE(out.result.imap.at(0).userName, QString()); // the address itself: "same as address"
        QCOMPARE(out.result.imap.at(1).security, Security::StartTls);
        QCOMPARE(out.result.imap.at(1).userName, QStringLiteral("alice"));
        QCOMPARE(out.result.pop3.size(), 1);
        QCOMPARE(out.result.pop3.at(0).role, ServerRole::Pop3);
        QCOMPARE(out.result.smtp.size(), 2);
        QCOMPARE(out.result.smtp.at(0).port, quint16(465));
        QCOMPARE(out.result.smtp.at(1).security, Security::None);
    }

    void socketTypes_data()
    {
        QTest::addColumn<QByteArray>("socketType");
        QTest::addColumn<int>("security");
        QTest::newRow("SSL") << QByteArray("SSL") << int(Security::ImplicitTls);
        QTest::newRow("STARTTLS") << QByteArray("STARTTLS") << int(Security::StartTls);
        QTest::newRow("plain") << QByteArray("plain") << int(Security::None);
    }

    void socketTypes()
    {
        QFETCH(QByteArray, socketType);
        QFETCH(int, security);
        const auto out = AutoconfigParser::parse(
            file(server("incomingServer", "imap", "mail.example.org", 1143, socketType.constData(), "%EMAILADDRESS%")),
            address);
        QVERIFY2(out.isOk(), qPrintable(out.error));
        QCOMPARE(int(out.result.imap.at(0).security), security);
        QCOMPARE(out.result.imap.at(0).port, quint16(1143));
    }

    void unusableServersAreLeftOut()
    {
        // OAuth only, an unknown socketType, a bad port, a bad host: none is usable.
        const auto out = AutoconfigParser::parse(
            file(server("incomingServer", "imap", "a.example.org", 993, "SSL", "x", "OAuth2") +
                 server("incomingServer", "imap", "b.example.org", 993, "QUANTUM", "x") +
                 server("incomingServer", "imap", "c.example.org", 70000, "SSL", "x") +
                 server("incomingServer", "imap", "bad host/", 993, "SSL", "x") +
                 server("incomingServer", "exchange", "e.example.org", 443, "SSL", "x")),
            address);
        QVERIFY(!out.isOk());
        QVERIFY2(out.error.contains(QLatin1String("no IMAP, POP3 or SMTP server")), qPrintable(out.error));
    }

    void hostileFilesGiveClearErrors_data()
    {
        QTest::addColumn<QByteArray>("xml");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not xml") << QByteArray("<html><body>Not found</body") << QStringLiteral("root element is <html>");
        QTest::newRow("truncated") << file(server("incomingServer", "imap", "a.example.org", 993, "SSL", "x")).left(150)
                                   << QStringLiteral("not well-formed");
        QTest::newRow("garbage") << QByteArray("\x01\x02 hello") << QStringLiteral("not well-formed");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("not well-formed");
        QTest::newRow("entity bomb")
            << QByteArray("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 "
                          "\"&lol;&lol;&lol;&lol;\">]><clientConfig>&lol2;</clientConfig>")
            << QStringLiteral("document type");
        QByteArray deep = "<clientConfig><emailProvider>";
        for (int i = 0; i < 40; ++i)
            deep += "<x>";
        QTest::newRow("deep") << deep << QStringLiteral("nested too deeply");
        QByteArray huge = file(QByteArray(AutoconfigParser::MaxFileSize, ' '));
        QTest::newRow("oversized") << huge << QStringLiteral("larger than");
    }

    void hostileFilesGiveClearErrors()
    {
        QFETCH(QByteArray, xml);
        QFETCH(QString, expected);
        const auto out = AutoconfigParser::parse(xml, address);
        QVERIFY(!out.isOk());
        QVERIFY(out.result.isEmpty());
        QVERIFY2(out.error.contains(expected), qPrintable(out.error));
    }

    void fetcherTakesTheFirstFileFound()
    {
        Test::LoopbackHttpServer http;
        QVERIFY(http.start());
        http.serveFile("/second.xml", goodFile());
        Core::AutoconfigFetcher fetcher;
        fetcher.setUrls({http.url(QStringLiteral("/missing.xml")), http.url(QStringLiteral("/second.xml")),
                         http.url(QStringLiteral("/never.xml"))});
        QSignalSpy finished(&fetcher, &Core::AutoconfigFetcher::finished);
        fetcher.start(address);
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.at(0).at(1).toString(), QString());
        const auto result = finished.at(0).at(0).value<Core::DiscoveryResult>();
        QCOMPARE(result.imap.size(), 2);
        // Plain http never carries the address.
        QCOMPARE(http.requests(), (QList<QByteArray>{"GET /missing.xml", "GET /second.xml"}));
    }

    void fetcherReportsWhyNothingWasUsable()
    {
        Test::LoopbackHttpServer http;
        QVERIFY(http.start());
        http.serveFile("/bad.xml", "<clientConfig><emailProvider></emailProvider>");
        // A redirect loop: stopped after MaxRedirects.
        http.serveRedirect("/loop", http.url(QStringLiteral("/loop")).toEncoded());
        QByteArray big = file(QByteArray(AutoconfigParser::MaxFileSize * 4, ' '));
        http.serveFile("/big.xml", big);
        Core::AutoconfigFetcher fetcher;
        QSignalSpy finished(&fetcher, &Core::AutoconfigFetcher::finished);

        fetcher.setUrls({http.url(QStringLiteral("/bad.xml"))});
        fetcher.start(address);
        QVERIFY(finished.wait(20000));
        QVERIFY2(finished.last().at(1).toString().contains(QLatin1String("not well-formed")),
                 qPrintable(finished.last().at(1).toString()));

        fetcher.setUrls({http.url(QStringLiteral("/loop"))});
        fetcher.start(address);
        QVERIFY(finished.wait(20000));
        QVERIFY(!finished.last().at(1).toString().isEmpty());
        // Bounded: MaxRedirects + 1 requests, each possibly sent twice (Qt resends a request once
        // when the server closed the kept-alive connection under it).
        const qsizetype loops = http.requests().count("GET /loop");
        QVERIFY2(loops > Core::AutoconfigFetcher::MaxRedirects && loops <= 2 * (Core::AutoconfigFetcher::MaxRedirects + 1),
                 qPrintable(QString::number(loops)));

        fetcher.setUrls({http.url(QStringLiteral("/big.xml"))});
        fetcher.start(address);
        QVERIFY(finished.wait(20000));
        QVERIFY2(finished.last().at(1).toString().contains(QLatin1String("larger than")),
                 qPrintable(finished.last().at(1).toString()));
        QVERIFY(finished.last().at(0).value<Core::DiscoveryResult>().isEmpty());
    }

    void defaultUrlsAreHttpsOnly()
    {
        const QList<QUrl> urls = Core::AutoconfigFetcher::defaultUrls(QStringLiteral("bob@Example.ORG"));
        QCOMPARE(urls.size(), 2);
        QCOMPARE(urls.at(0).toString(), QStringLiteral("https://autoconfig.example.org/mail/config-v1.1.xml"));
        QCOMPARE(urls.at(1).toString(),
                 QStringLiteral("https://example.org/.well-known/autoconfig/mail/config-v1.1.xml"));
    }
};

QTEST_GUILESS_MAIN(SetupAutoconfigTest)
#include "tst_setup_autoconfig.moc"
