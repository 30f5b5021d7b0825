#pragma once

#include "imap/ImapCapabilities.h"
#include "imap/ImapFetchData.h"
#include "imap/ImapMailboxData.h"
#include "imap/ImapResponseCode.h"
#include "imap/ImapValue.h"

#include <QByteArray>
#include <QList>
#include <QPair>

#include <optional>
#include <variant>

namespace Petrel::Imap {

// One complete server response. `type` says tagged / untagged / continuation; for untagged data
// `kind` says which typed member of `data` is set.
struct ImapResponse
{
    enum class Type { Tagged, Untagged, Continuation };
    enum class Status { None, Ok, No, Bad, Bye, Preauth };
    enum class Kind {
        None,          // tagged or continuation
        Status,        // * OK/NO/BAD/BYE/PREAUTH [code] text
        Capability,    // data: ImapCapabilities
        Flags,         // data: QList<QByteArray>
        List,          // data: ImapListEntry
        Lsub,          // data: ImapListEntry
        MailboxStatus, // data: ImapMailboxStatus
        Exists,        // number
        Recent,        // number
        Expunge,       // number (sequence number)
        Vanished,      // data: ImapVanished
        Search,        // data: ImapSearchResult
        ESearch,       // data: ImapSearchResult
        Enabled,       // data: QList<QByteArray> (upper-cased)
        Id,            // data: IdParams
        Namespace,     // data: ImapNamespaces
        Fetch,         // number + data: ImapFetchData
        Generic,       // anything else: name + data: QList<ImapValue>
    };
    using IdParams = QList<QPair<QByteArray, std::optional<QByteArray>>>;
    using Data = std::variant<std::monostate, ImapCapabilities, QList<QByteArray>, ImapListEntry,
                              ImapMailboxStatus, ImapVanished, ImapSearchResult, IdParams, ImapNamespaces,
                              ImapFetchData, QList<ImapValue>>;

    Type type = Type::Untagged;
    Kind kind = Kind::None;
    QByteArray tag;  // Tagged only
    QByteArray name; // untagged keyword, upper-cased ("FETCH", "OK", "XFOO")
    Status status = Status::None;
    ImapResponseCode code;
    QByteArray text;    // human-readable text; continuation data (e.g. base64 challenge)
    quint64 number = 0; // EXISTS, RECENT, EXPUNGE, FETCH
    Data data;

    bool isTagged() const { return type == Type::Tagged; }
    bool isContinuation() const { return type == Type::Continuation; }

    const ImapCapabilities *capabilities() const { return std::get_if<ImapCapabilities>(&data); }
    const QList<QByteArray> *flags() const { return std::get_if<QList<QByteArray>>(&data); }
    const ImapListEntry *listEntry() const { return std::get_if<ImapListEntry>(&data); }
    const ImapMailboxStatus *mailboxStatus() const { return std::get_if<ImapMailboxStatus>(&data); }
    const ImapVanished *vanished() const { return std::get_if<ImapVanished>(&data); }
    const ImapSearchResult *search() const { return std::get_if<ImapSearchResult>(&data); }
    const IdParams *idParams() const { return std::get_if<IdParams>(&data); }
    const ImapNamespaces *namespaces() const { return std::get_if<ImapNamespaces>(&data); }
    const ImapFetchData *fetch() const { return std::get_if<ImapFetchData>(&data); }
    const QList<ImapValue> *generic() const { return std::get_if<QList<ImapValue>>(&data); }
};

} // namespace Petrel::Imap
