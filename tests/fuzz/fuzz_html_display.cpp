// libFuzzer target: the HTML-to-display path of a message: the sanitiser, the document the message
// view lays out (offscreen), and the HTML-to-text conversion used for replies and previews.
#include "FuzzInput.h"
#include "message/HtmlSanitizer.h"
#include "mime/HtmlText.h"

#include <QApplication>
#include <QTextDocument>
#include <QVariant>

namespace {

// Like the message view's SafeTextBrowser with no inline parts and remote content blocked: every
// resource is answered "none", never looked up on disk by QTextDocument's default.
class MailDocument : public QTextDocument
{
protected:
    QVariant loadResource(int, const QUrl &) override { return {}; }
};

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    static int argc = 1;
    static char name[] = "fuzz_html_display";
    static char *argv[] = {name, nullptr};
    // A QApplication, as in Petrel: with only a QGuiApplication, Qt 6.4 has no placeholder for
    // a missing image, and the layout of '<img width=1><table><tr><td>x<img width=5>' never ends
    // (found by this target; the message view's case is tst_ui_image_limits).
    static QApplication app(argc, argv);
    return 0;
}

static const int TextWidth = 600;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString html = QString::fromUtf8(Fuzz::bytes(data, size));
    const QString clean = Petrel::Ui::sanitizeMailHtml(html);
    MailDocument document;
    document.setTextWidth(TextWidth);
    document.setHtml(clean);
    (void)document.size();
    (void)document.toPlainText();
    (void)Petrel::Mime::htmlToText(html);
    return 0;
}
