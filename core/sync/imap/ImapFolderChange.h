#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

namespace Petrel::Core {

// What one catch-up of a watched IMAP folder changed in the cache (see ImapFolderWatcher).
struct ImapFolderChange
{
    QString folder;              // the folder's path on the server
    QList<qint64> newMessageIds; // store ids of the messages this catch-up added, in storing order
    int expunged = 0;            // cached messages removed because the server no longer has them
    int flagChanges = 0;         // cached messages whose flags changed
    // The first catch-up since the watcher started: what was there before watching began, not
    // mail that arrived while watching (later catch-ups after a reconnect are not initial).
    bool initial = false;

    bool isEmpty() const { return newMessageIds.isEmpty() && expunged == 0 && flagChanges == 0; }
};

} // namespace Petrel::Core

Q_DECLARE_METATYPE(Petrel::Core::ImapFolderChange)
