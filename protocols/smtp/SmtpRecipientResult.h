#pragma once

#include <QString>

namespace Petrel::Smtp {

// The server's answer to one RCPT TO.
struct SmtpRecipientResult
{
    QString address;
    bool accepted = false;
    int code = 0;         // 0: never asked (the submission stopped before this RCPT)
    QString enhancedCode; // "5.1.1"
    QString serverText;
};

} // namespace Petrel::Smtp
