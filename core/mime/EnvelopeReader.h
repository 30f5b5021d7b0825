#pragma once

// Internal to core/mime.

#include "mime/Envelope.h"

typedef struct _GMimeMessage GMimeMessage;
typedef struct _GMimeParserOptions GMimeParserOptions;

namespace Petrel::Mime::Detail {

Envelope readEnvelope(GMimeMessage *message, GMimeParserOptions *options);

} // namespace Petrel::Mime::Detail
