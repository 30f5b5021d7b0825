#pragma once

#include <QByteArray>
#include <QList>

namespace Petrel::Imap {

// One response cut from the stream, before parsing: its lines joined (CRLFs dropped) and its
// literals aside. literalEnds[i] is the offset in `text` just after the "{n}" that announced
// literals[i], which is where the literal sits in the grammar.
struct ImapRawResponse
{
    QByteArray text;
    QList<QByteArray> literals;
    QList<qsizetype> literalEnds;
    qint64 streamOffset = 0; // where the response began in the stream
};

} // namespace Petrel::Imap
