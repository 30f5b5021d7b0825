#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace Petrel::Smtp {

// One complete SMTP reply (RFC 5321 section 4.2): a 3-digit code shared by every line, the
// RFC 3463 enhanced status code when the server uses them, and the text of each line.
struct SmtpReply
{
    int code = 0;
    QString enhancedCode;    // "5.7.8", empty when absent
    QList<QByteArray> lines; // text after the code (and after the enhanced code), per line

    int codeClass() const { return code / 100; }
    bool isPositive() const { return codeClass() == 2; }     // 2xx: done
    bool isIntermediate() const { return codeClass() == 3; } // 3xx: go on (334, 354)
    bool isTransient() const { return codeClass() == 4; }    // 4xx: try again later
    bool isPermanent() const { return codeClass() == 5; }    // 5xx: do not repeat as is
    // The server's words, lines joined by '\n', decoded as UTF-8.
    QString text() const
    {
        QByteArray joined;
        for (qsizetype i = 0; i < lines.size(); ++i) {
            if (i)
                joined += '\n';
            joined += lines.at(i);
        }
        return QString::fromUtf8(joined);
    }
};

} // namespace Petrel::Smtp
