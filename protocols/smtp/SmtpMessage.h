#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace Petrel::Smtp {

// One message to submit: the envelope and the RFC 5322 bytes (any line ends; the submission
// normalises them to CRLF and dot-stuffs).
struct SmtpMessage
{
    QString sender;         // MAIL FROM; empty: the null reverse-path
    QStringList recipients; // RCPT TO, one each
    QByteArray data;
    // true: unless every recipient is accepted, nothing is sent (no DATA); false: the message goes
    // to those accepted and the refused ones are reported.
    bool allOrNothing = false;
    // Ask for SMTPUTF8 even though the addresses are ASCII (UTF-8 in header fields).
    bool requireSmtpUtf8 = false;
};

} // namespace Petrel::Smtp
