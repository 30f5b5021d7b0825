#pragma once

#include <QString>

namespace Petrel::Ui {

// Removes from mail HTML what has no business in a message view, before QTextBrowser sees it:
// script, iframe, object, embed, applet, frames, forms and their controls, meta/link/base tags,
// event attributes (on…=) and javascript:/vbscript:/data: link targets. QTextBrowser runs no
// script anyway; this keeps the document free of them should it ever be shown elsewhere.
QString sanitizeMailHtml(const QString &html);

} // namespace Petrel::Ui
