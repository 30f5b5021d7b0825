#include "imap/ImapCommandBuilder.h"

#include "imap/ImapCommandWriter.h"
#include "imap/ImapModifiedUtf7.h"

namespace Petrel::Imap {

namespace {

const char *const MonthNames[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

QByteArray joinList(const QList<QByteArray> &items)
{
    return '(' + items.join(' ') + ')';
}

ImapCommandWriter::LiteralPolicy policyFor(const ImapCapabilities &caps, bool utf8)
{
    return {caps.has(ImapCapability::LiteralPlus), caps.has(ImapCapability::LiteralMinus), utf8};
}

} // namespace

ImapCommandBuilder::ImapCommandBuilder(const QByteArray &tagPrefix) : m_tagPrefix(tagPrefix) {}

QByteArray ImapCommandBuilder::nextTag()
{
    return m_tagPrefix + QByteArray::number(++m_counter);
}

QByteArray ImapCommandBuilder::encodeMailboxName(const QString &mailbox) const
{
    if (mailbox.compare(QLatin1String("INBOX"), Qt::CaseInsensitive) == 0)
        return QByteArrayLiteral("INBOX");
    return m_utf8 ? mailbox.toUtf8() : ImapModifiedUtf7::encode(mailbox);
}

QByteArray ImapCommandBuilder::formatInternalDate(const QDateTime &dateTime)
{
    const QDateTime utc = dateTime.toUTC();
    const QDate d = utc.date();
    const QTime t = utc.time();
    const auto two = [](int v) { return QByteArray::number(v).rightJustified(2, '0'); };
    return two(d.day()) + '-' + MonthNames[d.month() - 1] + '-' + QByteArray::number(d.year()) + ' ' +
           two(t.hour()) + ':' + two(t.minute()) + ':' + two(t.second()) + " +0000";
}

ImapCommand ImapCommandBuilder::simple(const char *name)
{
    return ImapCommandWriter(nextTag(), name, policyFor(m_caps, m_utf8)).finish();
}

ImapCommand ImapCommandBuilder::withMailbox(const char *name, const QString &mailbox)
{
    return ImapCommandWriter(nextTag(), name, policyFor(m_caps, m_utf8))
        .astring(encodeMailboxName(mailbox))
        .finish();
}

ImapCommand ImapCommandBuilder::login(const QString &user, const QString &password)
{
    return ImapCommandWriter(nextTag(), "LOGIN", policyFor(m_caps, m_utf8))
        .astring(user.toUtf8())
        .astring(password.toUtf8())
        .finish();
}

ImapCommand ImapCommandBuilder::authenticatePlain(const QString &user, const QString &password,
                                                  const QString &authzid)
{
    const QByteArray message = authzid.toUtf8() + '\0' + user.toUtf8() + '\0' + password.toUtf8();
    const QByteArray encoded = message.toBase64();
    ImapCommandWriter writer(nextTag(), "AUTHENTICATE", policyFor(m_caps, m_utf8));
    writer.atom("PLAIN");
    if (m_caps.has(ImapCapability::SaslIr))
        return writer.atom(encoded).finish();
    ImapCommand command = writer.finish();
    command.chunks.last().waitForContinuation = true;
    command.chunks.append({encoded + "\r\n", false});
    return command;
}

ImapCommand ImapCommandBuilder::enable(const QList<QByteArray> &capabilities)
{
    ImapCommandWriter writer(nextTag(), "ENABLE", policyFor(m_caps, m_utf8));
    for (const QByteArray &c : capabilities)
        writer.atom(c);
    return writer.finish();
}

ImapCommand ImapCommandBuilder::id(const IdParams &params)
{
    ImapCommandWriter writer(nextTag(), "ID", policyFor(m_caps, m_utf8));
    if (params.isEmpty())
        return writer.atom("NIL").finish();
    writer.raw(" (");
    for (const auto &p : params)
        writer.string(p.first).string(p.second.toUtf8());
    writer.raw(")");
    return writer.finish();
}

ImapCommand ImapCommandBuilder::list(const QString &reference, const QString &pattern,
                                     const ImapListOptions &options)
{
    ImapCommandWriter writer(nextTag(), "LIST", policyFor(m_caps, m_utf8));
    if (options.subscribedOnly)
        writer.atom("(SUBSCRIBED)");
    writer.string(encodeMailboxName(reference)).listMailbox(encodeMailboxName(pattern));
    QList<QByteArray> returns;
    if (options.returnSubscribed)
        returns.append("SUBSCRIBED");
    if (options.returnChildren)
        returns.append("CHILDREN");
    if (options.returnSpecialUse)
        returns.append("SPECIAL-USE");
    if (!options.returnStatus.isEmpty())
        returns.append("STATUS " + joinList(options.returnStatus));
    if (!returns.isEmpty())
        writer.atom("RETURN").atom(joinList(returns));
    return writer.finish();
}

ImapCommand ImapCommandBuilder::lsub(const QString &reference, const QString &pattern)
{
    return ImapCommandWriter(nextTag(), "LSUB", policyFor(m_caps, m_utf8))
        .string(encodeMailboxName(reference))
        .listMailbox(encodeMailboxName(pattern))
        .finish();
}

ImapCommand ImapCommandBuilder::subscribe(const QString &mailbox)
{
    return withMailbox("SUBSCRIBE", mailbox);
}
ImapCommand ImapCommandBuilder::unsubscribe(const QString &mailbox)
{
    return withMailbox("UNSUBSCRIBE", mailbox);
}
ImapCommand ImapCommandBuilder::create(const QString &mailbox)
{
    return withMailbox("CREATE", mailbox);
}
ImapCommand ImapCommandBuilder::deleteMailbox(const QString &mailbox)
{
    return withMailbox("DELETE", mailbox);
}

ImapCommand ImapCommandBuilder::rename(const QString &from, const QString &to)
{
    return ImapCommandWriter(nextTag(), "RENAME", policyFor(m_caps, m_utf8))
        .astring(encodeMailboxName(from))
        .astring(encodeMailboxName(to))
        .finish();
}

ImapCommand ImapCommandBuilder::status(const QString &mailbox, const QList<QByteArray> &items)
{
    return ImapCommandWriter(nextTag(), "STATUS", policyFor(m_caps, m_utf8))
        .astring(encodeMailboxName(mailbox))
        .atom(joinList(items))
        .finish();
}

ImapCommand ImapCommandBuilder::select(const QString &mailbox, const ImapSelectOptions &options)
{
    ImapCommandWriter writer(nextTag(), options.readOnly ? "EXAMINE" : "SELECT", policyFor(m_caps, m_utf8));
    writer.astring(encodeMailboxName(mailbox));
    if (options.qresync) {
        QByteArray params = QByteArray::number(options.qresync->uidValidity) + ' ' +
                            QByteArray::number(options.qresync->modSeq);
        const auto &q = *options.qresync;
        // The grammar puts known UIDs before the match data, so the match data needs known UIDs.
        if (!q.knownUids.isEmpty()) {
            params += ' ' + q.knownUids.toString();
            if (!q.matchSequenceNumbers.isEmpty() && !q.matchUids.isEmpty())
                params += " (" + q.matchSequenceNumbers.toString() + ' ' + q.matchUids.toString() + ')';
        }
        writer.atom("(QRESYNC (" + params + "))");
    } else if (options.condStore) {
        writer.atom("(CONDSTORE)");
    }
    return writer.finish();
}

ImapCommand ImapCommandBuilder::uidFetch(const ImapSequenceSet &uids, const QList<QByteArray> &items,
                                         std::optional<quint64> changedSince, bool vanished)
{
    ImapCommandWriter writer(nextTag(), "UID FETCH", policyFor(m_caps, m_utf8));
    writer.atom(uids.toString()).atom(joinList(items));
    if (changedSince) {
        QByteArray modifiers = "CHANGEDSINCE " + QByteArray::number(*changedSince);
        if (vanished)
            modifiers += " VANISHED";
        writer.atom('(' + modifiers + ')');
    }
    return writer.finish();
}

ImapCommand ImapCommandBuilder::fetch(const ImapSequenceSet &sequenceNumbers, const QList<QByteArray> &items)
{
    ImapCommandWriter writer(nextTag(), "FETCH", policyFor(m_caps, m_utf8));
    writer.atom(sequenceNumbers.toString()).atom(joinList(items));
    return writer.finish();
}

ImapCommand ImapCommandBuilder::uidStore(const ImapSequenceSet &uids, StoreMode mode,
                                         const QList<QByteArray> &flags, bool silent,
                                         std::optional<quint64> unchangedSince)
{
    ImapCommandWriter writer(nextTag(), "UID STORE", policyFor(m_caps, m_utf8));
    writer.atom(uids.toString());
    if (unchangedSince)
        writer.atom("(UNCHANGEDSINCE " + QByteArray::number(*unchangedSince) + ')');
    const QByteArray prefix = mode == StoreMode::Add ? "+" : mode == StoreMode::Remove ? "-" : "";
    writer.atom(prefix + "FLAGS" + (silent ? ".SILENT" : ""));
    writer.atom(joinList(flags));
    return writer.finish();
}

ImapCommand ImapCommandBuilder::uidCopyOrMove(const char *name, const ImapSequenceSet &uids,
                                              const QString &mailbox)
{
    return ImapCommandWriter(nextTag(), name, policyFor(m_caps, m_utf8))
        .atom(uids.toString())
        .astring(encodeMailboxName(mailbox))
        .finish();
}

ImapCommand ImapCommandBuilder::uidCopy(const ImapSequenceSet &uids, const QString &mailbox)
{
    return uidCopyOrMove("UID COPY", uids, mailbox);
}

ImapCommand ImapCommandBuilder::uidMove(const ImapSequenceSet &uids, const QString &mailbox)
{
    return uidCopyOrMove("UID MOVE", uids, mailbox);
}

ImapCommand ImapCommandBuilder::uidExpunge(const ImapSequenceSet &uids)
{
    return ImapCommandWriter(nextTag(), "UID EXPUNGE", policyFor(m_caps, m_utf8))
        .atom(uids.toString())
        .finish();
}

ImapCommand ImapCommandBuilder::append(const QString &mailbox, const QByteArray &message,
                                       const QList<QByteArray> &flags, const QDateTime &internalDate)
{
    ImapCommandWriter writer(nextTag(), "APPEND", policyFor(m_caps, m_utf8));
    writer.astring(encodeMailboxName(mailbox));
    if (!flags.isEmpty())
        writer.atom(joinList(flags));
    if (internalDate.isValid())
        writer.atom('"' + formatInternalDate(internalDate) + '"');
    // A NUL byte is only legal in a BINARY literal8.
    const bool binary = message.contains('\0') && m_caps.has(ImapCapability::Binary);
    writer.literal(message, binary);
    return writer.finish();
}

ImapCommand ImapCommandBuilder::uidSearch(const QList<ImapSearchArg> &criteria, bool extendedAll)
{
    ImapCommandWriter writer(nextTag(), "UID SEARCH", policyFor(m_caps, m_utf8));
    if (extendedAll)
        writer.atom("RETURN (ALL)");
    bool eightBit = false;
    for (const ImapSearchArg &arg : criteria) {
        if (arg.isString) {
            for (const QChar c : arg.string)
                eightBit = eightBit || c.unicode() >= 0x80;
        }
    }
    if (eightBit && !m_utf8)
        writer.atom("CHARSET UTF-8");
    for (const ImapSearchArg &arg : criteria) {
        if (arg.isString)
            writer.string(arg.string.toUtf8());
        else
            writer.atom(arg.atom);
    }
    return writer.finish();
}

namespace {

// Length of one astring at `from` in raw command bytes (atom, quoted or literal); -1 if unclear.
qsizetype astringLength(const QByteArray &bytes, qsizetype from)
{
    if (from >= bytes.size())
        return -1;
    if (bytes.at(from) == '"') {
        for (qsizetype i = from + 1; i < bytes.size(); ++i) {
            if (bytes.at(i) == '\\')
                ++i;
            else if (bytes.at(i) == '"')
                return i + 1 - from;
        }
        return -1;
    }
    if (bytes.at(from) == '{') {
        const qsizetype close = bytes.indexOf('}', from);
        if (close < 0)
            return -1;
        bool ok = false;
        const qint64 n = bytes.mid(from + 1, close - from - 1).replace('+', "").toLongLong(&ok);
        if (!ok || close + 3 + n > bytes.size())
            return -1;
        return close + 3 + n - from;
    }
    qsizetype end = from;
    while (end < bytes.size() && bytes.at(end) != ' ' && bytes.at(end) != '\r')
        ++end;
    return end - from;
}

} // namespace

QByteArray ImapCommandBuilder::redactedForLog(const QByteArray &commandBytes)
{
    const qsizetype tagEnd = commandBytes.indexOf(' ');
    if (tagEnd < 0)
        return commandBytes;
    const qsizetype nameEnd = commandBytes.indexOf(' ', tagEnd + 1);
    if (nameEnd < 0)
        return commandBytes;
    const QByteArray name = commandBytes.mid(tagEnd + 1, nameEnd - tagEnd - 1).toUpper();
    if (name == "LOGIN") {
        const qsizetype user = astringLength(commandBytes, nameEnd + 1);
        // Unsure where the user name ends: hide everything rather than risk the password.
        if (user < 0)
            return commandBytes.left(nameEnd) + " ***\r\n";
        return commandBytes.left(nameEnd + 1 + user) + " ***\r\n";
    }
    if (name == "AUTHENTICATE") {
        const qsizetype mechEnd = commandBytes.indexOf(' ', nameEnd + 1);
        const qsizetype lineEnd = commandBytes.indexOf('\r', nameEnd + 1);
        if (mechEnd < 0 || (lineEnd >= 0 && lineEnd < mechEnd)) {
            // No initial response on the command line; anything after it is SASL data.
            if (lineEnd >= 0 && lineEnd + 2 < commandBytes.size())
                return commandBytes.left(lineEnd) + "\r\n***\r\n";
            return commandBytes;
        }
        return commandBytes.left(mechEnd) + " ***\r\n";
    }
    return commandBytes;
}

} // namespace Petrel::Imap
