#pragma once

// Internal to core/mime: turns a GMime tree into a ParsedMessage.

#include "mime/ParseLimits.h"
#include "mime/ParsedMessage.h"

typedef struct _GMimeMessage GMimeMessage;
typedef struct _GMimeObject GMimeObject;
typedef struct _GMimeParserOptions GMimeParserOptions;

namespace Petrel::Mime::Detail {

ParsedMessage walkMessage(GMimeMessage *message, GMimeParserOptions *options, const ParseLimits &limits);

// The object an IMAP part path ("1.2.1") names, or null. A message's non-multipart body is "1".
GMimeObject *findPart(GMimeMessage *message, const QString &partPath);

// Decoded bytes of a leaf part; the serialized form of a message/rfc822 part or a multipart.
QByteArray partBytes(GMimeObject *object);

} // namespace Petrel::Mime::Detail
