// The hostile HTML corpus (tests/data/hostile-html/*.eml) rendered in the real MessageView: remote
// images, CSS url(), link prefetch, frames, forms, scripts, meta refresh, data: and file: URLs,
// plugins, SVG and background attributes. Every URL points at a loopback HTTP server that records
// each request: none may arrive before the user allows remote content for the message, and after
// "Load for this message" exactly the images the mail's X-Test-Fetch-After-Allow header lists.
// No script text is shown, no local file is read, every link shows its real target; a cid: URL
// finds only the parts of the message shown. Each MIME part is rendered on its own: a part's
// HTML never reaches another part's document (parts-on-their-own.eml).
#include "UiTestStore.h"

#include "message/MessageView.h"
#include "message/RemoteContentPolicy.h"
#include "message/SafeTextBrowser.h"

#include <QDir>
#include <QLabel>
#include <QNetworkProxy>
#include <QNetworkProxyFactory>
#include <QRegularExpression>
#include <QSet>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTextBlock>
#include <QTextDocument>
#include <QTreeWidget>

using namespace Petrel;
using Petrel::Store::AccountProtocol;
using Petrel::Store::FolderRole;

namespace {

// Records the path of every HTTP request on 127.0.0.1; answers .png paths with a PNG and anything
// else with an HTML page carrying a marker that must never be shown.
class RecordingHttpServer : public QObject
{
public:
    RecordingHttpServer()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] { answer(socket); });
            }
        });
        QVERIFY(m_server.listen(QHostAddress::LocalHost));
    }

    QString base() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()); }
    QStringList paths() const { return m_paths; }

private:
    void answer(QTcpSocket *socket)
    {
        QByteArray &request = m_pending[socket];
        request += socket->readAll();
        if (!request.contains("\r\n\r\n"))
            return;
        const QString path = QString::fromLatin1(request.split(' ').value(1));
        m_paths << path;
        m_pending.remove(socket);
        const bool image = path.endsWith(QLatin1String(".png"));
        const QByteArray body = image ? UiTest::pngBytes(Qt::magenta) : QByteArray("<p>REMOTE-BODY-MARKER</p>");
        socket->write(QByteArray("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: ") +
                      (image ? "image/png" : "text/html") + "\r\nContent-Length: " + QByteArray::number(body.size()) +
                      "\r\n\r\n" + body);
        socket->disconnectFromHost();
    }

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_pending;
    QStringList m_paths;
};

QString corpusDir()
{
    return QStringLiteral(PETREL_HOSTILE_HTML_DIR);
}

QStringList sortedUnique(QStringList list)
{
    list.removeDuplicates();
    list.sort();
    return list;
}

// Every image name and link target the document holds.
void collectUrls(const QTextDocument *document, QStringList *images, QStringList *links)
{
    for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
        for (QTextBlock::iterator it = block.begin(); !it.atEnd(); ++it) {
            const QTextCharFormat format = it.fragment().charFormat();
            if (format.isImageFormat())
                images->append(format.toImageFormat().name());
            if (format.isAnchor() && !format.anchorHref().isEmpty())
                links->append(format.anchorHref());
        }
    }
    images->removeDuplicates();
    links->removeDuplicates();
}

} // namespace

class UiHostileHtmlTest : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<UiTest::Profile> m_profile;
    std::unique_ptr<Ui::RemoteContentPolicy> m_policy;
    qint64 m_inbox = 0;
    QTemporaryDir m_local; // the "local files" a mail must never reach
    QString m_localPng;
    const QByteArray m_localText = "LOCAL-FILE-MARKER-5e1f";

private Q_SLOTS:
    void initTestCase()
    {
        // Loopback only: no proxy from the environment may take the requests elsewhere.
        QNetworkProxyFactory::setUseSystemConfiguration(false);
        QNetworkProxy::setApplicationProxy(QNetworkProxy::NoProxy);
        QVERIFY(m_local.isValid());
        m_localPng = m_local.filePath(QStringLiteral("local-marker.png"));
        QFile png(m_localPng);
        QVERIFY(png.open(QIODevice::WriteOnly));
        png.write(UiTest::pngBytes(Qt::red));
        png.close();
        QFile text(m_local.filePath(QStringLiteral("relative-to-base.png")));
        QVERIFY(text.open(QIODevice::WriteOnly));
        text.write(m_localText);
        // Relative URLs must not resolve against the working directory either.
        QVERIFY(QDir::setCurrent(m_local.path()));
    }

    void init()
    {
        m_profile = std::make_unique<UiTest::Profile>();
        QVERIFY(m_profile->dir.isValid());
        const qint64 account =
            m_profile->addAccount(QStringLiteral("Fay"), QStringLiteral("fay@petrel.test"), AccountProtocol::Pop3);
        m_inbox = m_profile->folder(account, FolderRole::Inbox);
        m_policy = std::make_unique<Ui::RemoteContentPolicy>(m_profile->dir.filePath(QStringLiteral("settings.ini")));
    }

    void corpusIsComplete()
    {
        // The kinds of attack the issue names, each with a mail of its own.
        const QStringList files = QDir(corpusDir()).entryList({QStringLiteral("*.eml")});
        for (const char *kind : {"remote-images", "css-url", "link-prefetch", "iframe", "form", "script", "meta-refresh",
                                 "data-and-file-urls", "object-embed", "svg-external", "background-attributes",
                                 "deceptive-links", "parts-on-their-own"})
            QVERIFY2(files.contains(QLatin1String(kind) + QLatin1String(".eml")), kind);
    }

    void hostileMail_data()
    {
        QTest::addColumn<QString>("file");
        for (const QString &name : QDir(corpusDir()).entryList({QStringLiteral("*.eml")}))
            QTest::newRow(qPrintable(name)) << QDir(corpusDir()).filePath(name);
    }

    void hostileMail()
    {
        QFETCH(QString, file);
        RecordingHttpServer server;
        QFile eml(file);
        QVERIFY(eml.open(QIODevice::ReadOnly));
        QByteArray raw = eml.readAll();
        const QRegularExpression expectLine(QStringLiteral("X-Test-Fetch-After-Allow:([^\\r\\n]*)"));
        const QStringList expected =
            sortedUnique(expectLine.match(QString::fromLatin1(raw)).captured(1).split(QLatin1Char(' '), Qt::SkipEmptyParts));
        raw.replace("@HTTP@", server.base().toLatin1());
        raw.replace("@FILE_PNG@", QUrl::fromLocalFile(m_localPng).toEncoded());
        raw.replace("@FILE_PATH@", m_localPng.toUtf8());
        raw.replace("@DATA_PNG@", UiTest::pngBytes(Qt::red).toBase64());
        QVERIFY(!raw.contains("@HTTP@") && !raw.contains("@FILE"));
        const qint64 id = m_profile->insert(m_inbox, raw);
        QVERIFY(id > 0);

        Ui::MessageView view(m_profile->databasePath, *m_policy);
        view.resize(900, 700);
        QVERIFY(view.showMessage(id));
        Ui::SafeTextBrowser *body = view.bodyBrowser();
        view.show(); // painted too: drawing must not fetch or read anything either
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTest::qWait(300); // room for any request a broken view would make
        QVERIFY2(server.paths().isEmpty(), qPrintable(server.paths().join(QLatin1Char(' '))));

        // Nothing ran and nothing foreign is shown.
        const QString shown = body->toPlainText() + body->documentTitle() + view.windowTitle();
        for (const char *marker : {"SCRIPT-RAN", "REMOTE-BODY-MARKER", "LOCAL-FILE-MARKER", "FORM-FIELD-VALUE",
                                   "document.write", "alert("}) {
            QVERIFY2(!shown.contains(QLatin1String(marker)), qPrintable(QLatin1String(marker) + QLatin1Char(' ') + shown));
        }
        QVERIFY(!body->toHtml().contains(QString::fromLatin1(m_localText)));

        // No image the document holds came from anywhere but this message's own parts (it has none).
        QStringList images, links;
        collectUrls(body->document(), &images, &links);
        for (const QString &name : images) {
            const QVariant resource = body->document()->resource(QTextDocument::ImageResource, QUrl(name));
            QVERIFY2(resource.isNull() || (resource.userType() == QMetaType::QByteArray && resource.toByteArray().isEmpty()),
                     qPrintable(name));
        }
        QVERIFY(body->document()->resource(QTextDocument::ImageResource, QUrl::fromLocalFile(m_localPng)).isNull());

        // Hovering any link shows where it really goes.
        for (const QString &href : links) {
            Q_EMIT body->highlighted(QUrl(href));
            QCOMPARE(view.linkTargetLabel()->text(), QUrl(href).toDisplayString());
        }

        // The user allows remote content for this message: exactly the listed images, once each.
        view.loadRemoteContentForThisMessage();
        if (expected.isEmpty())
            QTest::qWait(500);
        else
            QTRY_VERIFY2_WITH_TIMEOUT(sortedUnique(server.paths()) == expected,
                                      qPrintable(server.paths().join(QLatin1Char(' '))), 15000);
        QTest::qWait(200);
        QVERIFY2(server.paths().size() == expected.size() && sortedUnique(server.paths()) == expected, // once each
                 qPrintable(server.paths().join(QLatin1Char(' '))));
        QVERIFY(!body->toPlainText().contains(QLatin1String("SCRIPT-RAN")));
        QVERIFY(!body->toPlainText().contains(QLatin1String("REMOTE-BODY-MARKER")));
    }

    // Three inline body parts (HTML, HTML, plain): the view renders the first on its own; its
    // unclosed comment, hidden div and style sheet cannot reach the others, and the second's
    // script, base URL and remote references never enter the document. The other two are
    // listed, each to be opened on its own.
    void eachPartRenderedOnItsOwn()
    {
        QFile eml(QDir(corpusDir()).filePath(QStringLiteral("parts-on-their-own.eml")));
        QVERIFY(eml.open(QIODevice::ReadOnly));
        QByteArray raw = eml.readAll();
        raw.replace("@HTTP@", QByteArrayLiteral("http://127.0.0.1:9"));
        const qint64 id = m_profile->insert(m_inbox, raw);
        Ui::MessageView view(m_profile->databasePath, *m_policy);
        QVERIFY(view.showMessage(id));
        const QString html = view.bodyBrowser()->toHtml();
        const QString text = view.bodyBrowser()->toPlainText();
        QVERIFY2(text.contains(QLatin1String("FIRST-PART-VISIBLE")), qPrintable(text));
        for (const char *foreign : {"SECOND-PART-MARKER", "THIRD-PART-MARKER", "SCRIPT-RAN", "no-second-part", "no-base",
                                    "relative.png"})
            QVERIFY2(!html.contains(QLatin1String(foreign)), foreign);
        QTreeWidget *list = view.attachmentList();
        QCOMPARE(list->topLevelItemCount(), 2);
        QCOMPARE(list->topLevelItem(0)->text(2), QStringLiteral("text/html"));
        QCOMPARE(list->topLevelItem(1)->text(2), QStringLiteral("text/plain"));
    }

    // cid: URLs resolve to the parts of the message shown, never to another message's.
    void cidOnlyFromTheSameMessage()
    {
        Mime::OutgoingMessage owner = UiTest::outgoing(QStringLiteral("Has the logo"));
        owner.htmlBody = QStringLiteral("<p><img src=\"cid:shared-logo@x\"></p>");
        owner.inlineImages = {Mime::InlineImage{QStringLiteral("shared-logo@x"), QStringLiteral("image/png"),
                                                UiTest::pngBytes(Qt::green), QStringLiteral("logo.png")}};
        Mime::OutgoingMessage other = UiTest::outgoing(QStringLiteral("Refers to it"));
        other.htmlBody = QStringLiteral("<p>Look: <img src=\"cid:shared-logo@x\"></p>");
        const qint64 ownerId = m_profile->insert(m_inbox, UiTest::composed(owner));
        const qint64 otherId = m_profile->insert(m_inbox, UiTest::composed(other));
        const QUrl logo(QStringLiteral("cid:shared-logo@x"));

        Ui::MessageView view(m_profile->databasePath, *m_policy);
        QVERIFY(view.showMessage(ownerId));
        QVERIFY(!view.bodyBrowser()->resource(QTextDocument::ImageResource, logo).isNull());
        QVERIFY(view.showMessage(otherId));
        QVERIFY(view.bodyBrowser()->resource(QTextDocument::ImageResource, logo).isNull());
        QVERIFY(view.bodyBrowser()->document()->resource(QTextDocument::ImageResource, logo).isNull());
        // Shown first in a fresh view, too.
        Ui::MessageView fresh(m_profile->databasePath, *m_policy);
        QVERIFY(fresh.showMessage(otherId));
        QVERIFY(fresh.bodyBrowser()->document()->resource(QTextDocument::ImageResource, logo).isNull());
    }
};

QTEST_MAIN(UiHostileHtmlTest)
#include "tst_ui_hostile_html.moc"
