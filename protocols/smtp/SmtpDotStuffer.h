#pragma once

#include <QByteArray>

namespace Petrel::Smtp {

// Turns message bytes into the DATA body (RFC 5321 section 4.5.2), chunk by chunk, so a large
// message need not be copied whole: line ends become CRLF (a bare LF or a bare CR is a line end),
// a line starting with "." gets a second ".", and finish() adds the CRLF a last line may lack.
// The terminating ".\r\n" is not included (SmtpCommandEncoder::endOfData()).
class SmtpDotStuffer
{
public:
    QByteArray feed(QByteArrayView chunk);
    QByteArray finish();

    // The whole body at once.
    static QByteArray stuff(QByteArrayView message);
    // The message size with CRLF line ends, before dot-stuffing: what SIZE= declares (RFC 1870).
    static qint64 transmittedSize(QByteArrayView message);

private:
    bool m_atLineStart = true;
    bool m_pendingCr = false; // a CR whose LF may come with the next chunk
    bool m_empty = true;
};

} // namespace Petrel::Smtp
