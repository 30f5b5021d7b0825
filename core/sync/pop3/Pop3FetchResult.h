#pragma once

#include "pop3/Pop3Result.h"

#include <QMetaType>
#include <QString>
#include <QStringList>

namespace Petrel::Core {

// Where one POP3 check stands; sent with Pop3Fetcher::progressed.
struct Pop3FetchProgress
{
    int done = 0;  // new messages handled so far (downloaded or skipped)
    int total = 0; // new messages found on the server
    qint64 bytesDone = 0;
    qint64 bytesTotal = 0; // by LIST's sizes
    int downloaded = 0;    // committed to the archive
    int deletedOnServer = 0;
};

// The one answer of a POP3 check.
struct Pop3FetchResult
{
    enum class Error {
        None,
        Server,    // connecting, logging in or a command failed: serverError and serverText say how
        Store,     // the archive could not be written; nothing uncommitted was deleted on the server
        Cancelled,
    };

    Error error = Error::None;
    Pop3::Pop3Result::Error serverError = Pop3::Pop3Result::Error::None;
    QString message;       // for the user: what failed, in the server's words where it spoke
    QByteArray serverText; // the server's status text, if any

    int onServer = 0;        // messages in the maildrop
    int alreadyArchived = 0; // on the server and downloaded before
    int downloaded = 0;      // committed to the archive by this check
    int skipped = 0;         // new but not downloaded (over the size limit, or RETR refused)
    int deletedOnServer = 0; // removed from the server (QUIT answered +OK)
    qint64 bytes = 0;        // downloaded bytes
    QStringList warnings;    // one line per skipped message

    bool isOk() const { return error == Error::None; }
};

} // namespace Petrel::Core

Q_DECLARE_METATYPE(Petrel::Core::Pop3FetchProgress)
Q_DECLARE_METATYPE(Petrel::Core::Pop3FetchResult)
