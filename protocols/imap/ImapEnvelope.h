#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>

#include <optional>

namespace Petrel::Imap {

// One address of an ENVELOPE. Group syntax arrives as a start marker (host NIL, mailbox = group
// name) and an end marker (mailbox and host NIL); both are kept so the group can be rebuilt.
struct ImapAddress
{
    std::optional<QByteArray> name; // raw bytes: RFC 2047 decoding is a later layer's job
    std::optional<QByteArray> adl;
    std::optional<QByteArray> mailbox;
    std::optional<QByteArray> host;

    bool isGroupStart() const { return !host && mailbox; }
    bool isGroupEnd() const { return !host && !mailbox; }
    QByteArray address() const { return mailbox.value_or(QByteArray()) + '@' + host.value_or(QByteArray()); }
    bool operator==(const ImapAddress &) const = default;
};

struct ImapEnvelope
{
    std::optional<QByteArray> date;    // as the server sent it
    QDateTime dateTime;                // parsed to UTC when possible, else invalid
    std::optional<QByteArray> subject; // raw bytes
    QList<ImapAddress> from;
    QList<ImapAddress> sender;
    QList<ImapAddress> replyTo;
    QList<ImapAddress> to;
    QList<ImapAddress> cc;
    QList<ImapAddress> bcc;
    std::optional<QByteArray> inReplyTo;
    std::optional<QByteArray> messageId;

    bool operator==(const ImapEnvelope &) const = default;
};

} // namespace Petrel::Imap
