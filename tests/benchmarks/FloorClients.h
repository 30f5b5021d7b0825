#pragma once

#include "TestServers.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QStringList>
#include <QString>

namespace Petrel::Bench {

// The references of the benchmark: what the protocol itself costs, measured by RawClient over
// the same kind of connection Petrel uses (implicit TLS to the fixture). Each returns the elapsed
// seconds of the measured part (connect and login included, as they are for Petrel), or a
// negative number with *error set.
struct FloorResult
{
    double seconds = -1;
    qint64 bytes = 0;
    QString error;
    bool ok() const { return seconds >= 0; }
};

// One pipelined "UID FETCH <set> <items>" of INBOX, every byte read and discarded.
FloorResult imapFetchFloor(const Test::TestServers &servers, const Test::TestUser &user, const QByteArray &uidSet,
                           const QByteArray &items);
// Log in, SELECT INBOX with QRESYNC (uidValidity, modSeq): the least a resync can do.
FloorResult imapQresyncFloor(const Test::TestServers &servers, const Test::TestUser &user, quint64 uidValidity,
                             quint64 modSeq);
// INBOX's UIDVALIDITY and HIGHESTMODSEQ, read by a SELECT.
bool imapSelectState(const Test::TestServers &servers, const Test::TestUser &user, quint64 *uidValidity,
                     quint64 *modSeq, QString *error);
// Another client's changes: +FLAGS.SILENT on flagSet, then \Deleted and EXPUNGE on expungeSet.
bool imapChangeAsOtherClient(const Test::TestServers &servers, const Test::TestUser &user, const QByteArray &flagSet,
                             const QByteArray &expungeSet, QString *error);
// USER/PASS, then RETR 1..count all written at once, each reply read and discarded.
FloorResult pop3RetrFloor(const Test::TestServers &servers, const Test::TestUser &user, int count);
// The messages over one submissions connection: AUTH PLAIN, then per message MAIL, RCPT, DATA
// pipelined, and the body with the next message's commands.
FloorResult smtpSubmitFloor(const Test::TestServers &servers, const Test::TestUser &user, const QString &recipient,
                            const QList<QByteArray> &messages);

// INBOX's UIDs and their flags (sorted, without \Recent), as another client sees them.
bool imapUidFlags(const Test::TestServers &servers, const Test::TestUser &user, QMap<quint32, QStringList> *out,
                  QString *error);

// "1:5,9,11:12" for sorted UIDs.
QByteArray uidSetOf(QList<quint32> uids);

} // namespace Petrel::Bench
