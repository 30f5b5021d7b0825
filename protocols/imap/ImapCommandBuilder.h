#pragma once

#include "imap/ImapCapabilities.h"
#include "imap/ImapCommand.h"
#include "imap/ImapSequenceSet.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace Petrel::Imap {

struct ImapListOptions
{
    bool subscribedOnly = false;    // LIST (SUBSCRIBED) ...
    bool returnSubscribed = false;  // RETURN (SUBSCRIBED)
    bool returnChildren = false;    // RETURN (CHILDREN)
    bool returnSpecialUse = false;  // RETURN (SPECIAL-USE)
    QList<QByteArray> returnStatus; // RETURN (STATUS (MESSAGES UIDNEXT ...)), LIST-STATUS
};

struct ImapSelectOptions
{
    bool readOnly = false;  // EXAMINE instead of SELECT
    bool condStore = false; // (CONDSTORE)
    struct QResync
    {
        quint64 uidValidity = 0;
        quint64 modSeq = 0;
        ImapSequenceSet knownUids; // may be empty
        // Optional sequence-match data (RFC 7162 3.2.5.2): message numbers and their UIDs, so the
        // server can tell which of the known UIDs still hold; sent only when both are set.
        ImapSequenceSet matchSequenceNumbers;
        ImapSequenceSet matchUids;
    };
    std::optional<QResync> qresync; // (QRESYNC (uv modseq [uids]))
};

// One search key piece: an atom written as is ("UNSEEN", "SINCE", "1-Jan-2026", "1:*") or a
// string that gets quoted or sent as a literal (and makes the search CHARSET UTF-8 when 8-bit).
struct ImapSearchArg
{
    QByteArray atom;
    QString string;
    bool isString = false;
    static ImapSearchArg key(const QByteArray &a) { return {a, {}, false}; }
    static ImapSearchArg text(const QString &s) { return {{}, s, true}; }
};

// Encodes typed commands into bytes. It knows the server's capabilities (to choose LITERAL+ or
// LITERAL- non-synchronising literals, SASL-IR, BINARY) and whether UTF8=ACCEPT is enabled (for
// mailbox names). Tags run a1, a2, ...; the caller owns the ordering of sends.
class ImapCommandBuilder
{
public:
    enum class StoreMode { Add, Remove, Replace };
    using IdParams = QList<QPair<QByteArray, QString>>;

    explicit ImapCommandBuilder(const QByteArray &tagPrefix = QByteArrayLiteral("a"));

    void setCapabilities(const ImapCapabilities &capabilities) { m_caps = capabilities; }
    const ImapCapabilities &capabilities() const { return m_caps; }
    void setUtf8Enabled(bool enabled) { m_utf8 = enabled; }
    bool isUtf8Enabled() const { return m_utf8; }
    QByteArray nextTag();

    ImapCommand capability() { return simple("CAPABILITY"); }
    ImapCommand noop() { return simple("NOOP"); }
    ImapCommand logout() { return simple("LOGOUT"); }
    ImapCommand startTls() { return simple("STARTTLS"); }
    ImapCommand namespaceCommand() { return simple("NAMESPACE"); }
    ImapCommand idle() { return simple("IDLE"); }
    ImapCommand close() { return simple("CLOSE"); }
    ImapCommand unselect() { return simple("UNSELECT"); }
    ImapCommand expunge() { return simple("EXPUNGE"); }
    static ImapCommandChunk done() { return {QByteArrayLiteral("DONE\r\n"), false}; }

    ImapCommand login(const QString &user, const QString &password);
    ImapCommand authenticatePlain(const QString &user, const QString &password, const QString &authzid = {});
    ImapCommand enable(const QList<QByteArray> &capabilities);
    ImapCommand id(const IdParams &params); // empty: "ID NIL"
    ImapCommand list(const QString &reference, const QString &pattern, const ImapListOptions &options = {});
    ImapCommand lsub(const QString &reference, const QString &pattern);
    ImapCommand subscribe(const QString &mailbox);
    ImapCommand unsubscribe(const QString &mailbox);
    ImapCommand status(const QString &mailbox, const QList<QByteArray> &items);
    ImapCommand select(const QString &mailbox, const ImapSelectOptions &options = {});
    ImapCommand uidFetch(const ImapSequenceSet &uids, const QList<QByteArray> &items,
                         std::optional<quint64> changedSince = std::nullopt, bool vanished = false);
    ImapCommand fetch(const ImapSequenceSet &sequenceNumbers, const QList<QByteArray> &items); // plain FETCH
    ImapCommand uidStore(const ImapSequenceSet &uids, StoreMode mode, const QList<QByteArray> &flags,
                         bool silent = true, std::optional<quint64> unchangedSince = std::nullopt);
    ImapCommand uidCopy(const ImapSequenceSet &uids, const QString &mailbox);
    ImapCommand uidMove(const ImapSequenceSet &uids, const QString &mailbox);
    ImapCommand uidExpunge(const ImapSequenceSet &uids);
    ImapCommand append(const QString &mailbox, const QByteArray &message, const QList<QByteArray> &flags = {},
                       const QDateTime &internalDate = {});
    ImapCommand create(const QString &mailbox);
    ImapCommand rename(const QString &from, const QString &to);
    ImapCommand deleteMailbox(const QString &mailbox);
    ImapCommand uidSearch(const QList<ImapSearchArg> &criteria, bool extendedAll = false);

    // The mailbox name as it goes on the wire, before quoting: mUTF-7, or UTF-8 when enabled.
    QByteArray encodeMailboxName(const QString &mailbox) const;
    // INTERNALDATE form: "17-Jul-1996 09:44:25 +0000" (always sent in UTC).
    static QByteArray formatInternalDate(const QDateTime &dateTime);

    // A copy of a command's bytes safe for logs: LOGIN password and AUTHENTICATE data become ***.
    // Works on raw bytes so a logger can apply it to anything it is about to write.
    static QByteArray redactedForLog(const QByteArray &commandBytes);

private:
    ImapCommand simple(const char *name);
    ImapCommand withMailbox(const char *name, const QString &mailbox);
    ImapCommand uidCopyOrMove(const char *name, const ImapSequenceSet &uids, const QString &mailbox);

    QByteArray m_tagPrefix;
    quint64 m_counter = 0;
    ImapCapabilities m_caps;
    bool m_utf8 = false;
};

} // namespace Petrel::Imap
