#pragma once

#include "imap/ImapSequenceSet.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace Petrel::Imap {

// Untagged data about mailboxes: LIST/LSUB, STATUS, NAMESPACE. Small value types kept together
// because they are only ever read side by side by the folder-list operations.

struct ImapListEntry
{
    enum class SpecialUse { None, All, Archive, Drafts, Flagged, Junk, Sent, Trash };

    QList<QByteArray> attributes;      // as sent, e.g. "\\HasNoChildren", "\\Sent"
    std::optional<char> delimiter;     // nullopt for NIL (flat namespace)
    QByteArray nameBytes;              // exactly as sent: use it to address the mailbox
    QString name;                      // decoded from mUTF-7 (or UTF-8 when enabled)
    bool nameDecodeFailed = false;     // name is a best-effort rendering of nameBytes
    QList<QByteArray> childInfo;       // LIST-EXTENDED CHILDINFO, e.g. "SUBSCRIBED"
    std::optional<QByteArray> oldName; // LIST-EXTENDED OLDNAME
    SpecialUse specialUse = SpecialUse::None;

    bool hasAttribute(const QByteArray &attribute) const
    {
        for (const auto &a : attributes) {
            if (a.compare(attribute, Qt::CaseInsensitive) == 0)
                return true;
        }
        return false;
    }
};

struct ImapMailboxStatus
{
    QByteArray nameBytes;
    QString name;
    std::optional<quint64> messages;
    std::optional<quint64> recent;
    std::optional<quint64> uidNext;
    std::optional<quint64> uidValidity;
    std::optional<quint64> unseen;
    std::optional<quint64> highestModSeq;
    std::optional<quint64> size;
    std::optional<quint64> deleted;
};

struct ImapNamespace
{
    QByteArray prefix;
    std::optional<char> delimiter;
};

struct ImapNamespaces
{
    QList<ImapNamespace> personal;
    QList<ImapNamespace> otherUsers;
    QList<ImapNamespace> shared;
};

// SEARCH and ESEARCH results: numbers for SEARCH, a set for ESEARCH ALL.
struct ImapSearchResult
{
    QList<quint32> numbers;        // SEARCH (may be long: one entry per match)
    std::optional<quint64> modSeq; // "(MODSEQ n)" / ESEARCH MODSEQ
    QByteArray tag;                // ESEARCH (TAG "a1")
    bool isUid = false;            // ESEARCH ... UID
    bool isExtended = false;       // came as ESEARCH
    std::optional<quint32> min;
    std::optional<quint32> max;
    std::optional<quint64> count;
    ImapSequenceSet all;
};

struct ImapVanished
{
    bool earlier = false;
    ImapSequenceSet uids;
};

} // namespace Petrel::Imap
