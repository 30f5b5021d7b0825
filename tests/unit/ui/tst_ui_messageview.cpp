// The message view: headers shown literally, HTML sanitised with remote content blocked until the
// user allows it (served here by a loopback HTTP server), cid: images, link targets, attachments
// saved under sanitised names, bodies not downloaded yet.
#include "UiTestStore.h"

#include "message/HtmlSanitizer.h"
#include "message/LinkCheck.h"
#include "message/MessageView.h"
#include "message/RemoteContentPolicy.h"
#include "message/SafeTextBrowser.h"

#include <QLabel>
#include <QNetworkProxy>
#include <QNetworkProxyFactory>
#include <QPixmap>
#include <QPushButton>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTextDocument>
#include <QTreeWidget>

using namespace Petrel;
using Petrel::Store::AccountProtocol;
using Petrel::Store::FolderRole;

namespace {

// Answers every GET with the same PNG; counts the requests. Loopback only.
class ImageServer : public QObject
{
public:
    explicit ImageServer(const QByteArray &png) : m_png(png)
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    m_request += socket->readAll();
                    if (!m_request.contains("\r\n\r\n"))
                        return;
                    m_paths << m_request.split(' ').value(1);
                    m_request.clear();
                    socket->write("HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nConnection: close\r\nContent-Length: "
                                  + QByteArray::number(m_png.size()) + "\r\n\r\n" + m_png);
                    socket->disconnectFromHost();
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
        QVERIFY(m_server.listen(QHostAddress::LocalHost));
    }
    QString url(const QString &path) const
    {
        return QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(path);
    }
    QList<QByteArray> paths() const { return m_paths; }

private:
    QTcpServer m_server;
    QByteArray m_png;
    QByteArray m_request;
    QList<QByteArray> m_paths;
};

// The image the document holds for url (QTextDocument keeps it decoded once laid out).
QImage shownImage(Ui::SafeTextBrowser *browser, const QUrl &url)
{
    const QVariant resource = browser->document()->resource(QTextDocument::ImageResource, url);
    if (resource.userType() == QMetaType::QImage)
        return resource.value<QImage>();
    if (resource.userType() == QMetaType::QPixmap)
        return resource.value<QPixmap>().toImage();
    return QImage::fromData(resource.toByteArray());
}

} // namespace

class UiMessageViewTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // Loopback only: no proxy from the environment may take the requests elsewhere.
        QNetworkProxyFactory::setUseSystemConfiguration(false);
        QNetworkProxy::setApplicationProxy(QNetworkProxy::NoProxy);
    }

    void init()
    {
        m_profile = std::make_unique<UiTest::Profile>();
        QVERIFY(m_profile->dir.isValid());
        m_account = m_profile->addAccount(QStringLiteral("Home"), QStringLiteral("me@example.org"), AccountProtocol::Pop3);
        m_inbox = m_profile->folder(m_account, FolderRole::Inbox);
        m_policy = std::make_unique<Ui::RemoteContentPolicy>(m_profile->dir.filePath(QStringLiteral("settings.ini")));
    }

    void blocksRemoteImagesAndServesCidImages()
    {
        const QByteArray inlinePng = UiTest::pngBytes(Qt::red);
        Mime::OutgoingMessage m = UiTest::outgoing(QStringLiteral("Images"));
        m.htmlBody = QStringLiteral("<p>Hi<img src=\"cid:logo@x\"><img src=\"http://127.0.0.1:9/track.png\">"
                                    "<img src=\"file:///etc/passwd\"><img src=\"../secret.png\"></p>");
        m.inlineImages = {Mime::InlineImage{QStringLiteral("logo@x"), QStringLiteral("image/png"), inlinePng,
                                            QStringLiteral("logo.png")}};
        const qint64 id = m_profile->insert(m_inbox, UiTest::composed(m));

        Ui::MessageView view(m_profile->databasePath, *m_policy);
        QVERIFY(view.showMessage(id));
        Ui::SafeTextBrowser *body = view.bodyBrowser();
        QCOMPARE(body->blockedUrls(), QList<QUrl>{QUrl(QStringLiteral("http://127.0.0.1:9/track.png"))});
        QTRY_VERIFY(!view.remoteContentBar()->isHidden());
        QVERIFY(view.allowSenderButton()->text().contains(QLatin1String("alice@example.org")));
        // The document holds the inline image and nothing for the others.
        QCOMPARE(shownImage(body, QUrl(QStringLiteral("cid:logo@x"))).pixelColor(0, 0), QColor(Qt::red));
        QVERIFY(body->document()->resource(QTextDocument::ImageResource,
                                           QUrl(QStringLiteral("http://127.0.0.1:9/track.png"))).isNull());
        QVERIFY(body->document()->resource(QTextDocument::ImageResource, QUrl(QStringLiteral("file:///etc/passwd"))).isNull());
        QVERIFY(body->document()->resource(QTextDocument::ImageResource, QUrl(QStringLiteral("../secret.png"))).isNull());
        QVERIFY(body->loadedUrls().isEmpty());
    }

    void loadForThisMessageFetchesFromTheServer()
    {
        const QByteArray remotePng = UiTest::pngBytes(Qt::blue);
        ImageServer server(remotePng);
        Mime::OutgoingMessage m = UiTest::outgoing(QStringLiteral("Remote"));
        const QString url = server.url(QStringLiteral("/pixel.png"));
        m.htmlBody = QStringLiteral("<p>News <img src=\"%1\"></p>").arg(url);
        const qint64 id = m_profile->insert(m_inbox, UiTest::composed(m));

        Ui::MessageView view(m_profile->databasePath, *m_policy);
        QVERIFY(view.showMessage(id));
        QTRY_VERIFY(!view.remoteContentBar()->isHidden());
        QCOMPARE(view.bodyBrowser()->blockedUrls(), QList<QUrl>{QUrl(url)});
        QVERIFY(server.paths().isEmpty()); // nothing was fetched while blocked

        view.loadRemoteContentForThisMessage();
        QVERIFY(view.remoteContentBar()->isHidden());
        QTRY_COMPARE_WITH_TIMEOUT(view.bodyBrowser()->loadedUrls(), QList<QUrl>{QUrl(url)}, 15000);
        QCOMPARE(server.paths(), QList<QByteArray>{"/pixel.png"});
        QCOMPARE(shownImage(view.bodyBrowser(), QUrl(url)).pixelColor(0, 0), QColor(Qt::blue));
        QVERIFY(m_policy->isMessageAllowed(id));
        QVERIFY(!m_policy->isSenderAllowed(QStringLiteral("alice@example.org")));
    }

    void alwaysForSenderIsRemembered()
    {
        ImageServer server(UiTest::pngBytes(Qt::green));
        Mime::OutgoingMessage first = UiTest::outgoing(QStringLiteral("First"));
        first.htmlBody = QStringLiteral("<img src=\"%1\">").arg(server.url(QStringLiteral("/a.png")));
        Mime::OutgoingMessage second = UiTest::outgoing(QStringLiteral("Second"));
        second.htmlBody = QStringLiteral("<img src=\"%1\">").arg(server.url(QStringLiteral("/b.png")));
        const qint64 firstId = m_profile->insert(m_inbox, UiTest::composed(first));
        const qint64 secondId = m_profile->insert(m_inbox, UiTest::composed(second));

        {
            Ui::MessageView view(m_profile->databasePath, *m_policy);
            QVERIFY(view.showMessage(firstId));
            QTRY_VERIFY(!view.remoteContentBar()->isHidden());
            view.allowSenderButton()->click();
            QTRY_COMPARE_WITH_TIMEOUT(server.paths().size(), 1, 15000);
        }
        // A new policy over the same settings file: the sender stays allowed.
        Ui::RemoteContentPolicy reloaded(m_profile->dir.filePath(QStringLiteral("settings.ini")));
        QVERIFY(reloaded.isSenderAllowed(QStringLiteral("Alice@Example.org")));
        Ui::MessageView view(m_profile->databasePath, reloaded);
        QVERIFY(view.showMessage(secondId));
        QVERIFY(view.bodyBrowser()->blockedUrls().isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(server.paths().size(), 2, 15000);
        QVERIFY(view.remoteContentBar()->isHidden());
    }

    void policyRemembersSendersOnly()
    {
        const QString file = m_profile->dir.filePath(QStringLiteral("policy.ini"));
        {
            Ui::RemoteContentPolicy policy(file);
            QVERIFY(!policy.mayLoad(1, QStringLiteral("news@example.org")));
            policy.allowMessage(1);
            QVERIFY(policy.mayLoad(1, QStringLiteral("news@example.org")));
            QVERIFY(!policy.mayLoad(2, QStringLiteral("news@example.org")));
            policy.allowSender(QStringLiteral(" News@Example.org "));
            policy.allowSender(QString()); // an empty From must never become a wildcard
            QVERIFY(policy.mayLoad(2, QStringLiteral("news@example.org")));
            QVERIFY(!policy.mayLoad(2, QString()));
        }
        Ui::RemoteContentPolicy reloaded(file);
        QCOMPARE(reloaded.allowedSenders(), QStringList{QStringLiteral("news@example.org")});
        QVERIFY(!reloaded.isMessageAllowed(1)); // per message: only until the application quits
        reloaded.forgetSender(QStringLiteral("NEWS@example.org"));
        QVERIFY(Ui::RemoteContentPolicy(file).allowedSenders().isEmpty());
    }

    void scriptsFramesAndEventAttributesAreStripped()
    {
        const QString html = QStringLiteral(
            "<p onclick=\"steal()\">Hello</p><script>alert('x')</script><SCRIPT src=x.js></SCRIPT>"
            "<iframe src=\"http://evil.example/\">frame text</iframe><object data=\"x.swf\">obj</object>"
            "<embed src=\"y\"><img src=\"cid:a\" onerror='boom()' ONLOAD=go()>"
            "<a href=\"javascript:alert(1)\">js</a><a href=\" JavaScript:alert(2)\">js2</a>"
            "<form action=\"http://evil.example/\"><input name=p></form><img alt=\"a>b\" onmouseover=x()>"
            "<scr<script>x</script>ipt>alert(3)</script>");
        const QString clean = Ui::sanitizeMailHtml(html);
        for (const char *gone : {"<script", "script>", "<iframe", "frame text", "<object", "<embed", "onclick",
                                 "onerror", "onload", "onmouseover", "javascript:", "<form", "<input", "alert("}) {
            QVERIFY2(!clean.contains(QLatin1String(gone), Qt::CaseInsensitive),
                     qPrintable(QStringLiteral("%1 left in %2").arg(QLatin1String(gone), clean)));
        }
        QVERIFY(clean.contains(QLatin1String("Hello")));
        QVERIFY(clean.contains(QLatin1String("src=\"cid:a\"")));

        Mime::OutgoingMessage m = UiTest::outgoing(QStringLiteral("Scripted"));
        m.htmlBody = html;
        const qint64 id = m_profile->insert(m_inbox, UiTest::composed(m));
        Ui::MessageView view(m_profile->databasePath, *m_policy);
        QVERIFY(view.showMessage(id));
        const QString shown = view.bodyBrowser()->toPlainText();
        QVERIFY(shown.contains(QLatin1String("Hello")));
        QVERIFY(!shown.contains(QLatin1String("alert")));
        QVERIFY(!shown.contains(QLatin1String("frame text")));
        QVERIFY(!view.bodyBrowser()->openLinks());
    }

    void linkTextThatShowsAnotherAddressIsFlagged()
    {
        Mime::OutgoingMessage m = UiTest::outgoing(QStringLiteral("Links"));
        m.htmlBody = QStringLiteral("<a href=\"http://evil.example/login\">https://bank.example/login</a> "
                                    "<a href=\"https://www.bank.example/account\">bank.example/account</a> "
                                    "<a href=\"http://shop.example/\">click here</a>");
        const qint64 id = m_profile->insert(m_inbox, UiTest::composed(m));
        Ui::MessageView view(m_profile->databasePath, *m_policy);
        QVERIFY(view.showMessage(id));
        Ui::SafeTextBrowser *body = view.bodyBrowser();
        const QUrl evil(QStringLiteral("http://evil.example/login"));
        const QUrl bank(QStringLiteral("https://www.bank.example/account"));
        const QUrl shop(QStringLiteral("http://shop.example/"));
        QCOMPARE(body->anchorText(evil), QStringLiteral("https://bank.example/login"));
        QVERIFY(Ui::linkTextMisleads(body->anchorText(evil), evil));
        QVERIFY(!Ui::linkTextMisleads(body->anchorText(bank), bank));
        QVERIFY(!Ui::linkTextMisleads(body->anchorText(shop), shop));
        QVERIFY(Ui::linkTextMisleads(QStringLiteral("https://bank.example/"), QUrl(QStringLiteral("http://bank.example/"))));
        QVERIFY(Ui::linkTextMisleads(QStringLiteral("help@bank.example"), QUrl(QStringLiteral("mailto:x@evil.example"))));
        QVERIFY(!Ui::isOpenableLink(QUrl(QStringLiteral("file:///etc/passwd"))));
        QVERIFY(Ui::isOpenableLink(evil));

        // Links to local files and other schemes are never handed to the system.
        Q_EMIT body->anchorClicked(QUrl(QStringLiteral("file:///etc/passwd")));
        QVERIFY(!view.noticeLabel()->isHidden());
        QVERIFY(view.noticeLabel()->text().contains(QLatin1String("not opened")));

        // Hovering shows the real target.
        Q_EMIT body->highlighted(evil);
        QCOMPARE(view.linkTargetLabel()->text(), evil.toDisplayString());
        QCOMPARE(body->toolTip(), evil.toDisplayString());
    }

    void headerValuesAreShownLiterally()
    {
        Mime::OutgoingMessage m = UiTest::outgoing(QStringLiteral("<b>Bold</b> & <i>co</i> \u202Egnp.exe"));
        m.from.name = QStringLiteral("<img src=x>Eve");
        m.to = {{QStringLiteral("<b>Bob</b>"), QStringLiteral("bob@example.org")}};
        const qint64 id = m_profile->insert(m_inbox, UiTest::composed(m));
        Ui::MessageView view(m_profile->databasePath, *m_policy);
        QVERIFY(view.showMessage(id));
        for (const char *field : {"from", "to", "cc", "date", "subject"})
            QCOMPARE(view.headerLabel(QLatin1String(field))->textFormat(), Qt::PlainText);
        QCOMPARE(view.headerLabel(QStringLiteral("subject"))->text(), QStringLiteral("<b>Bold</b> & <i>co</i> gnp.exe"));
        QVERIFY(view.headerLabel(QStringLiteral("from"))->text().contains(QLatin1String("<img src=x>Eve")));
        QVERIFY(view.headerLabel(QStringLiteral("to"))->text().contains(QLatin1String("<b>Bob</b>")));
    }

    void hostileAttachmentNamesAreSavedSanitisedInsideTheDirectory()
    {
        Mime::OutgoingMessage m = UiTest::outgoing(QStringLiteral("Files"));
        const QStringList names = {QStringLiteral("../../etc/passwd"), QStringLiteral("con.txt"),
                                   QString::fromUtf8("a\x01" "b\x1f" "c\xe2\x80\xae" "txt.exe"),
                                   QStringLiteral("same.txt"), QStringLiteral("same.txt")};
        QList<QByteArray> contents;
        for (int i = 0; i < names.size(); ++i) {
            contents << QByteArray("bytes of attachment ") + QByteArray::number(i) + QByteArray(1, char(0)) + "\xff";
            m.attachments << Mime::OutgoingAttachment{names.at(i), QStringLiteral("application/octet-stream"),
                                                      contents.last()};
        }
        const qint64 id = m_profile->insert(m_inbox, UiTest::composed(m));
        Ui::MessageView view(m_profile->databasePath, *m_policy);
        QVERIFY(view.showMessage(id));
        QCOMPARE(view.attachmentList()->topLevelItemCount(), names.size());
        QCOMPARE(view.attachmentList()->topLevelItem(0)->text(2), QStringLiteral("application/octet-stream"));
        const QString listed = view.attachmentList()->topLevelItem(2)->text(0);
        QVERIFY2(!listed.contains(QChar(0x202E)) && !listed.contains(QChar(1)), qPrintable(listed));

        QTemporaryDir target;
        const QString chosen = QDir(target.path()).filePath(QStringLiteral("inner"));
        QVERIFY(QDir().mkpath(chosen));
        QStringList written;
        for (int i = 0; i < names.size(); ++i) {
            QString error;
            const QString path = view.saveAttachmentTo(i, chosen, &error);
            QVERIFY2(!path.isEmpty(), qPrintable(error));
            const QFileInfo info(path);
            QCOMPARE(info.absoluteDir().canonicalPath(), QDir(chosen).canonicalPath());
            const QString name = info.fileName();
            QVERIFY(!name.contains(QLatin1String("..")));
            QVERIFY(name.compare(QLatin1String("con.txt"), Qt::CaseInsensitive) != 0);
            for (const QChar c : name) {
                QVERIFY2(c.unicode() >= 0x20 && c != QChar(0x202E), qPrintable(name));
            }
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            QCOMPARE(file.readAll(), contents.at(i));
            written << name;
        }
        QCOMPARE(QDir(chosen).entryList(QDir::Files).size(), names.size()); // the two same.txt kept apart
        QVERIFY(!QFileInfo::exists(QDir(target.path()).filePath(QStringLiteral("etc"))));
        QVERIFY(QDir(target.path()).entryList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot)
                == QStringList{QStringLiteral("inner")});
    }

    void bodyNotDownloadedAsksForIt()
    {
        Store::MessageRecord record;
        record.subject = QStringLiteral("Only headers");
        record.fromDisplay = QStringLiteral("Alice <alice@example.org>");
        record.fromAddress = QStringLiteral("alice@example.org");
        record.uid = 7;
        const qint64 id = m_profile->insertRecord(m_inbox, record);
        Ui::MessageView view(m_profile->databasePath, *m_policy);
        QSignalSpy requested(&view, &Ui::MessageView::bodyRequested);
        QVERIFY(view.showMessage(id));
        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested.at(0).at(0).toLongLong(), id);
        QVERIFY(!view.noticeLabel()->isHidden());
        QVERIFY(view.noticeLabel()->text().contains(QLatin1String("not been downloaded")));
        QCOMPARE(view.headerLabel(QStringLiteral("subject"))->text(), QStringLiteral("Only headers"));
        QVERIFY(!view.showMessage(id + 1000));
        QVERIFY(view.noticeLabel()->text().contains(QLatin1String("no longer")));
    }

    void flowedTextIsJoined()
    {
        const QByteArray raw = "From: alice@example.org\r\nTo: me@example.org\r\nSubject: Flowed\r\n"
                               "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8; format=flowed\r\n\r\n"
                               "This paragraph was \r\nwrapped by the sender.\r\n> quoted \r\n> on two\r\n";
        const qint64 id = m_profile->insert(m_inbox, raw);
        Ui::MessageView view(m_profile->databasePath, *m_policy);
        QVERIFY(view.showMessage(id));
        const QString text = view.bodyBrowser()->toPlainText();
        QVERIFY2(text.startsWith(QLatin1String("This paragraph was wrapped by the sender.\n")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("> quoted on two")), qPrintable(text));
    }

private:
    std::unique_ptr<UiTest::Profile> m_profile;
    std::unique_ptr<Ui::RemoteContentPolicy> m_policy;
    qint64 m_account = 0;
    qint64 m_inbox = 0;
};

QTEST_MAIN(UiMessageViewTest)
#include "tst_ui_messageview.moc"
