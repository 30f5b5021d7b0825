#pragma once

#include <QByteArray>
#include <QByteArrayList>
#include <QString>

#include <optional>

namespace Petrel::Core {

// One queued IMAP local action as the pending_operations table keeps it (kind + JSON payload).
// Written by ImapLocalActions, read back by ImapPendingReplay; the row may have been tampered
// with, so reading validates everything and refuses what it cannot replay safely.
struct ImapPendingAction
{
    enum class Kind { Flags, Move, Expunge, Copy, Append, CreateFolder, RenameFolder, DeleteFolder, Subscribe, Unsubscribe };

    Kind kind = Kind::Flags;
    QString folder;       // the folder acted in, or the folder acted on; the name it had when queued
    quint32 uid = 0;      // Flags, Move, Expunge, Copy: the message's UID in folder
    QString target;       // Move, Copy: the target folder; RenameFolder: the new name
    qint64 localId = 0;   // Move, Copy, Append: the local UID-less row the replay settles
    QByteArrayList add;    // Flags: system flags to set; Append: the message's flags
    QByteArrayList remove; // Flags: system flags to clear

    static QString kindName(Kind kind); // "imap.flags", "imap.move", ...
    // True for the kinds that act on messages of `folder` and so need it selected.
    bool needsSelectedFolder() const { return kind == Kind::Flags || kind == Kind::Move || kind == Kind::Expunge || kind == Kind::Copy; }

    QByteArray toJson() const;
    // nullopt for an unknown kind, bad JSON, a missing or empty name, a UID out of range, a
    // missing local id, or a flag other than the system flags (\Seen \Flagged \Answered
    // \Deleted \Draft).
    static std::optional<ImapPendingAction> fromRow(const QString &kind, const QByteArray &payloadJson);
};

} // namespace Petrel::Core
