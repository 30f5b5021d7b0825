#include "mime/ParsedMessage.h"

#include "mime/HtmlText.h"

namespace Petrel::Mime {

QString ParsedMessage::displayText() const
{
    if (!textBody.isEmpty())
        return textBody;
    return htmlToText(htmlBody);
}

} // namespace Petrel::Mime
