#pragma once

#include <QString>

namespace Petrel::Mime {

// Plain text from HTML for display and search: tags stripped, entities decoded, script/style/head
// content dropped, block elements turned into line breaks. Linear in the input; never fails.
QString htmlToText(const QString &html);

// Decodes one entity body such as "amp", "#233" or "#x20AC"; empty when unknown.
QString decodeHtmlEntity(QStringView entity);

} // namespace Petrel::Mime
