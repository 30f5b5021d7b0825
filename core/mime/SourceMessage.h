#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace Petrel::Mime {

// One message read from a mail file or folder, raw and unparsed.
struct SourceMessage {
    enum Flag : quint32 {
        Seen = 1,
        Answered = 2,
        Flagged = 4,
        Deleted = 8,
        Draft = 16,
    };

    QByteArray raw;
    quint32 flags = 0;     // Flag bits: maildir file name, mbox Status headers; 0 for eml
    QString origin;        // "path#n" (1-based) for mbox, the file path otherwise
    QDateTime receivedDate; // from the mbox From_ line or the maildir file name; may be invalid
};

} // namespace Petrel::Mime
