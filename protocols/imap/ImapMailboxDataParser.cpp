#include "imap/ImapMailboxDataParser.h"

#include "imap/ImapModifiedUtf7.h"
#include "imap/ImapTokenizer.h"

#include <QStringDecoder>

#include <algorithm>

namespace Petrel::Imap {

namespace {

using SpecialUse = ImapListEntry::SpecialUse;

SpecialUse specialUseOf(const QList<QByteArray> &attributes)
{
    static const struct
    {
        const char *name;
        SpecialUse use;
    } uses[] = {{"\\ALL", SpecialUse::All},       {"\\ARCHIVE", SpecialUse::Archive},
                {"\\DRAFTS", SpecialUse::Drafts}, {"\\FLAGGED", SpecialUse::Flagged},
                {"\\JUNK", SpecialUse::Junk},     {"\\SENT", SpecialUse::Sent},
                {"\\TRASH", SpecialUse::Trash}};
    for (const QByteArray &a : attributes) {
        const QByteArray upper = a.toUpper();
        for (const auto &u : uses) {
            if (upper == u.name)
                return u.use;
        }
    }
    return SpecialUse::None;
}

std::optional<QString> strictUtf8(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder(bytes);
    if (decoder.hasError())
        return std::nullopt;
    return text;
}

} // namespace

QString ImapMailboxDataParser::decodeMailboxName(const QByteArray &bytes, bool utf8, bool *failed)
{
    *failed = false;
    if (bytes.compare("INBOX", Qt::CaseInsensitive) == 0)
        return QStringLiteral("INBOX");
    if (utf8) {
        if (const auto text = strictUtf8(bytes))
            return *text;
        *failed = true;
        return QString::fromUtf8(bytes);
    }
    if (const auto text = ImapModifiedUtf7::decode(bytes))
        return *text;
    // Some servers send raw UTF-8 without UTF8=ACCEPT; 8-bit bytes that form valid UTF-8 are
    // unambiguous enough to accept.
    const bool eightBit = std::any_of(bytes.begin(), bytes.end(), [](char c) { return uchar(c) >= 0x80; });
    if (eightBit) {
        if (const auto text = strictUtf8(bytes))
            return *text;
    }
    *failed = true;
    return ImapModifiedUtf7::decodeLenient(bytes);
}

std::optional<char> ImapMailboxDataParser::readDelimiter(ImapTokenizer &tokens)
{
    if (tokens.consumeNil())
        return std::nullopt;
    const QByteArray d = tokens.readString();
    if (d.size() != 1)
        tokens.fail(QStringLiteral("hierarchy delimiter must be one character"));
    return d.at(0);
}

ImapListEntry ImapMailboxDataParser::parseList(ImapTokenizer &tokens, bool utf8)
{
    ImapListEntry entry;
    for (const ImapValue &v : tokens.readList(1)) {
        if (v.type != ImapValue::Type::Atom)
            tokens.fail(QStringLiteral("a mailbox attribute must be an atom"));
        entry.attributes.append(v.bytes);
    }
    entry.specialUse = specialUseOf(entry.attributes);
    tokens.expectSpace();
    entry.delimiter = readDelimiter(tokens);
    tokens.expectSpace();
    entry.nameBytes = tokens.readAString();
    entry.name = decodeMailboxName(entry.nameBytes, utf8, &entry.nameDecodeFailed);
    if (tokens.consumeIf(' ')) {
        // LIST-EXTENDED: ("CHILDINFO" ("SUBSCRIBED") "OLDNAME" ("old"))
        const QList<ImapValue> ext = tokens.readList(1);
        for (qsizetype i = 0; i + 1 < ext.size(); i += 2) {
            const QByteArray tag = ext.at(i).bytes.toUpper();
            const ImapValue &value = ext.at(i + 1);
            if (tag == "CHILDINFO") {
                for (const ImapValue &c : value.items)
                    entry.childInfo.append(c.bytes.toUpper());
            } else if (tag == "OLDNAME" && !value.items.isEmpty()) {
                entry.oldName = value.items.first().bytes;
            }
        }
    }
    return entry;
}

ImapMailboxStatus ImapMailboxDataParser::parseStatus(ImapTokenizer &tokens, bool utf8)
{
    ImapMailboxStatus status;
    status.nameBytes = tokens.readAString();
    bool failed = false;
    status.name = decodeMailboxName(status.nameBytes, utf8, &failed);
    tokens.expectSpace();
    const QList<ImapValue> items = tokens.readList(1);
    if (items.size() % 2 != 0)
        tokens.fail(QStringLiteral("STATUS items must come in pairs"));
    for (qsizetype i = 0; i < items.size(); i += 2) {
        const QByteArray name = items.at(i).bytes.toUpper();
        const std::optional<quint64> value = items.at(i + 1).toNumber();
        if (!value)
            continue; // an extension with a non-numeric value
        if (name == "MESSAGES")
            status.messages = value;
        else if (name == "RECENT")
            status.recent = value;
        else if (name == "UIDNEXT")
            status.uidNext = value;
        else if (name == "UIDVALIDITY")
            status.uidValidity = value;
        else if (name == "UNSEEN")
            status.unseen = value;
        else if (name == "HIGHESTMODSEQ")
            status.highestModSeq = value;
        else if (name == "SIZE")
            status.size = value;
        else if (name == "DELETED")
            status.deleted = value;
    }
    return status;
}

QList<ImapNamespace> ImapMailboxDataParser::parseNamespaceList(ImapTokenizer &tokens)
{
    QList<ImapNamespace> list;
    if (tokens.consumeNil())
        return list;
    tokens.expect('(');
    while (!tokens.consumeIf(')')) {
        tokens.expect('(');
        ImapNamespace ns;
        ns.prefix = tokens.readString();
        tokens.expectSpace();
        ns.delimiter = readDelimiter(tokens);
        while (tokens.consumeIf(' ')) // namespace extensions: kept out of the typed value
            tokens.readValue(2);
        tokens.expect(')');
        list.append(ns);
        tokens.checkItems(list.size());
        while (tokens.consumeIf(' ')) {
        }
    }
    return list;
}

ImapNamespaces ImapMailboxDataParser::parseNamespace(ImapTokenizer &tokens)
{
    ImapNamespaces namespaces;
    namespaces.personal = parseNamespaceList(tokens);
    tokens.expectSpace();
    namespaces.otherUsers = parseNamespaceList(tokens);
    tokens.expectSpace();
    namespaces.shared = parseNamespaceList(tokens);
    return namespaces;
}

} // namespace Petrel::Imap
