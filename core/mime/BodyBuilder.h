#pragma once

// Internal to core/mime: the MIME body of an outgoing message (its Content-* header fields and
// everything after them), built with GMime. Input is assumed validated by MessageComposer.

#include "mime/OutgoingMessage.h"

#include <QByteArray>
#include <QString>

namespace Petrel::Mime::Detail {

// The body entity with CRLF line ends; empty with *error set when a part cannot be made.
QByteArray buildBody(const OutgoingMessage &message, QString *error);

// "type/subtype" lower-cased when contentType names one; else empty.
QString validContentType(const QString &contentType);

// An ASCII stand-in for a file name (accents dropped, other characters replaced), for readers
// that do not understand RFC 2231.
QString asciiFileName(const QString &fileName);

// Bare LF and bare CR become CRLF.
QByteArray withCrlf(const QByteArray &bytes);

} // namespace Petrel::Mime::Detail
