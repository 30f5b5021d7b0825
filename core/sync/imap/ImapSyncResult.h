#pragma once

#include "imap/ImapResult.h"

#include <QMetaType>
#include <QString>

namespace Petrel::Core {

// Where one IMAP sync pass stands; sent with ImapSyncEngine::progressed.
struct ImapSyncProgress
{
    QString folder;      // the folder being synced ("" before the folder list is known)
    int folderIndex = 0; // 1-based position of folder among folderCount
    int folderCount = 0;
    enum class Phase {
        Messages, // new messages' headers and structure (with bodies where fetched together)
        Bodies,   // bodies the offline policy wants, for messages cached headers-only
    };
    Phase phase = Phase::Messages;
    int fetched = 0;  // Messages: new messages stored in this folder so far; Bodies: bodies stored
    int toFetch = 0;  // Messages: new messages found in this folder; Bodies: bodies to download
    int totalNew = 0; // new messages stored by the whole pass so far
};

// The one answer of an IMAP sync pass. Counts cover everything done before an error, too.
struct ImapSyncResult
{
    enum class Error {
        None,
        Server,    // connecting, logging in or a command failed: message and serverText say how
        Store,     // the cache could not be written
        Cancelled,
    };
    Error error = Error::None;
    Imap::ImapResult::Kind serverError = Imap::ImapResult::Kind::Ok;
    QString message;    // for the user: what failed, in the server's words where it spoke
    QString serverText; // the server's own text, if any

    int folders = 0;          // selectable folders on the server
    int foldersAdded = 0;     // new in the cache
    int foldersRemoved = 0;   // gone from the server, so dropped from the cache
    int foldersDiscarded = 0; // UIDVALIDITY changed: cache dropped and refetched
    int newMessages = 0;      // stored by this pass
    int withBody = 0;         // of newMessages, stored with their full body by the end of the pass
    int bodiesCompleted = 0;  // bodies downloaded for messages cached headers-only by an earlier pass
    int bodiesTooLarge = 0;   // bodies the policy wants but too large to download (headers kept)
    int flagChanges = 0;      // cached messages whose flags changed
    int expunged = 0;         // cached messages removed because the server no longer has them
    int replayed = 0;         // pending local operations replayed on the server
    QStringList warnings;     // one line per thing skipped (e.g. a replay the server refused)

    bool isOk() const { return error == Error::None; }
};

} // namespace Petrel::Core

Q_DECLARE_METATYPE(Petrel::Core::ImapSyncProgress)
Q_DECLARE_METATYPE(Petrel::Core::ImapSyncResult)
