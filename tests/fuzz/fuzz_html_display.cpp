// libFuzzer target: the HTML-to-display path of a message: the sanitiser, the document the message
// view lays out (offscreen), and the HTML-to-text conversion used for replies and previews.
#include "FuzzInput.h"
#include "message/HtmlSanitizer.h"
#include "mime/HtmlText.h"

#include <QGuiApplication>
#include <QTextDocument>

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    static int argc = 1;
    static char name[] = "fuzz_html_display";
    static char *argv[] = {name, nullptr};
    static QGuiApplication app(argc, argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString html = QString::fromUtf8(Fuzz::bytes(data, size));
    const QString clean = Petrel::Ui::sanitizeMailHtml(html);
    QTextDocument document;
    document.setTextWidth(600);
    document.setHtml(clean);
    (void)document.size();
    (void)document.toPlainText();
    (void)Petrel::Mime::htmlToText(html);
    return 0;
}
