// Decoded-image limits of the message view: an image is judged by its header before anything is
// decoded, and the browser does not hand an oversized one to the document.
#include "message/ImageLimits.h"
#include "message/SafeTextBrowser.h"
#include "message/HtmlSanitizer.h"

#include <QBuffer>
#include <QImage>
#include <QTextDocument>
#include <QtTest>

using namespace Petrel::Ui;

namespace {

QByteArray png(int width, int height)
{
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(Qt::green);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

// A 24-byte PPM header announcing 60000 x 60000 pixels (10.8 GB decoded) and a few pixels.
QByteArray hugePpm()
{
    return QByteArray("P6\n60000 60000\n255\n") + QByteArray(12, '\x7f');
}

} // namespace

class UiImageLimitsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void smallImagePasses() { QVERIFY(isImageWithinLimits(png(4, 4))); }

    void hugeHeaderIsRefusedWithoutDecoding() { QVERIFY(!isImageWithinLimits(hugePpm())); }

    void limitsAreConfigurable()
    {
        ImageLimits tight;
        tight.maxPixels = 100;
        QVERIFY(isImageWithinLimits(png(10, 10), tight));
        QVERIFY(!isImageWithinLimits(png(11, 10), tight));
        tight.maxEncodedBytes = 10;
        QVERIFY(!isImageWithinLimits(png(2, 2), tight));
    }

    void garbageAndEmptyAreRefused()
    {
        QVERIFY(!isImageWithinLimits({}));
        QVERIFY(!isImageWithinLimits("not an image at all"));
    }

    void browserShowsOnlyImagesWithinLimits()
    {
        SafeTextBrowser browser;
        browser.setInlineResources({{QStringLiteral("small@x"), png(4, 4)}, {QStringLiteral("huge@x"), hugePpm()}});
        QVERIFY(!browser.resource(QTextDocument::ImageResource, QUrl(QStringLiteral("cid:small@x"))).isNull());
        QVERIFY(browser.resource(QTextDocument::ImageResource, QUrl(QStringLiteral("cid:huge@x"))).isNull());
        browser.showHtml(QStringLiteral("<p>x<img src=\"cid:huge@x\"><img src=\"cid:small@x\"></p>"));
        QVERIFY(browser.document()->resource(QTextDocument::ImageResource, QUrl(QStringLiteral("cid:huge@x"))).isNull());
    }

    // Found by fuzz_html_display: without a QApplication (no placeholder for a missing image) Qt
    // 6.4 never finishes this layout; the message view and a plain document in Petrel must.
    void imagesWithOnlyAWidthInATableLayOut()
    {
        SafeTextBrowser browser;
        browser.resize(600, 400);
        browser.showHtml(QStringLiteral("<img width=1><table><tr><td>x<img width=5></td></tr></table>"));
        QVERIFY(browser.document()->size().height() > 0);
    }

    void imagesWithOnlyAWidthInATableLayOutInAPlainDocument()
    {
        QTextDocument document;
        document.setHtml(sanitizeMailHtml(QStringLiteral("<img width=1><table><tr><td>x<img width=5></td></tr></table>")));
        QVERIFY(document.size().height() > 0);
    }
};

QTEST_MAIN(UiImageLimitsTest)
#include "tst_ui_image_limits.moc"
