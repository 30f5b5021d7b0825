#pragma once

#include "mime/MailSource.h"

#include <QFile>

namespace Petrel::Mime {

// Streams an mbox file message by message. Every line starting with "From " starts a message (as
// in mboxo/mboxrd; writers escape such body lines as ">From "). A Content-Length header is honoured when it lands exactly on the
// next "From " line or the end of the file (mboxcl2: body not escaped); otherwise ">From " lines are
// unescaped (mboxrd: one '>' removed from ">…>From "). Lines are read in bounded chunks.
class MboxReader : public MailSource {
public:
    explicit MboxReader(const QString &path);
    bool next(SourceMessage &out) override;

    // The date of a From_ line ("From addr Sat Jan  3 01:05:34 1996"), UTC; invalid if absent.
    static QDateTime dateFromFromLine(const QByteArray &line);
    // Flag bits from the header block's Status / X-Status (mutt, Pine) or X-Mozilla-Status
    // (Thunderbird) headers: R → Seen; A → Answered; F → Flagged; D → Deleted; T → Draft.
    static quint32 flagsFromHeaders(const QByteArray &headers);

private:
    QByteArray readLine();
    bool open();
    bool bodyByContentLength(const QByteArray &headers, QByteArray *body);
    void skipBlankLines();
    bool readMessage(SourceMessage &out, bool *skipped);

    QString m_path;
    QFile m_file;
    QByteArray m_fromLine; // the From_ line of the next message, already consumed
    QByteArray m_peeked;   // a line read ahead, to be returned by readLine() first
    bool m_opened = false;
    int m_index = 0;
};

} // namespace Petrel::Mime
