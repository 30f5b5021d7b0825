#pragma once

#include <QByteArray>
#include <QtGlobal>

namespace Petrel::Pop3 {

// Typed values of STAT, LIST and UIDL. Message numbers are per session (they change after QUIT);
// the unique id is the identity that survives sessions.
struct Pop3Stat
{
    quint32 count = 0;
    qint64 size = 0;
};

struct Pop3ScanListing
{
    quint32 number = 0;
    qint64 size = 0; // as announced by the server: a hint, never trusted to size a buffer
};

struct Pop3UniqueId
{
    quint32 number = 0;
    QByteArray uid; // 1-70 characters 0x21-0x7E (RFC 1939)
};

} // namespace Petrel::Pop3
