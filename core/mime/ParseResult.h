#pragma once

#include "mime/ParsedMessage.h"

namespace Petrel::Mime {

struct ParseResult {
    ParsedMessage message;
    QString errorString; // empty on success

    bool isOk() const { return errorString.isEmpty(); }
};

} // namespace Petrel::Mime
