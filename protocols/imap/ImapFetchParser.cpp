#include "imap/ImapFetchParser.h"

#include "imap/ImapBodyStructureParser.h"
#include "imap/ImapEnvelopeParser.h"
#include "imap/ImapTokenizer.h"

namespace Petrel::Imap {

ImapFetchData ImapFetchParser::parse(ImapTokenizer &tokens, quint64 sequence)
{
    ImapFetchData data;
    data.sequence = sequence;
    tokens.expect('(');
    int items = 0;
    while (!tokens.consumeIf(')')) {
        tokens.checkItems(++items);
        const QByteArray name = tokens.readFetchItemName();
        tokens.expectSpace();
        parseItem(tokens, name, data);
        if (tokens.peek() != ')')
            tokens.expectSpace();
    }
    return data;
}

void ImapFetchParser::parseItem(ImapTokenizer &tokens, const QByteArray &name, ImapFetchData &data)
{
    const qsizetype bracket = name.indexOf('[');
    const QByteArray base = (bracket < 0 ? name : name.left(bracket)).toUpper();
    if (bracket >= 0) {
        ImapFetchSection section;
        section.item = base;
        const qsizetype close = name.lastIndexOf(']');
        section.section = name.mid(bracket + 1, close - bracket - 1);
        const qsizetype lt = name.indexOf('<', close);
        if (lt >= 0) {
            bool ok = false;
            section.origin = name.mid(lt + 1, name.size() - lt - 2).toULongLong(&ok);
            if (!ok)
                tokens.fail(QStringLiteral("invalid partial origin in %1").arg(QString::fromLatin1(name)));
        }
        if (base == "BINARY.SIZE") {
            section.size = tokens.readNumber();
        } else if (base == "BODY" || base == "BINARY") {
            section.bytes = tokens.consumeNil() ? std::nullopt : std::optional(tokens.readString());
        } else {
            data.otherItems.append({name.toUpper(), tokens.readValue(1)});
            return;
        }
        data.sections.append(section);
        return;
    }
    if (base == "UID") {
        data.uid = tokens.readNzNumber32();
    } else if (base == "FLAGS") {
        QList<QByteArray> flags;
        for (const ImapValue &v : tokens.readList(1)) {
            if (v.type != ImapValue::Type::Atom)
                tokens.fail(QStringLiteral("a flag must be an atom"));
            flags.append(v.bytes);
        }
        data.flags = flags;
    } else if (base == "INTERNALDATE") {
        data.internalDateText = ImapEnvelopeParser::readNStringLenient(tokens);
        if (data.internalDateText)
            data.internalDate = ImapEnvelopeParser::parseInternalDate(*data.internalDateText);
    } else if (base == "RFC822.SIZE") {
        data.rfc822Size = tokens.readNumber();
    } else if (base == "MODSEQ") {
        tokens.expect('(');
        data.modSeq = tokens.readNumber();
        tokens.expect(')');
    } else if (base == "ENVELOPE") {
        data.envelope = std::make_shared<ImapEnvelope>(ImapEnvelopeParser::parse(tokens, 1));
    } else if (base == "BODYSTRUCTURE" || base == "BODY") {
        data.bodyStructure = std::make_shared<ImapBodyStructure>(ImapBodyStructureParser::parse(tokens, 1));
    } else if (base == "RFC822" || base == "RFC822.HEADER" || base == "RFC822.TEXT") {
        ImapFetchSection section;
        section.item = base;
        section.bytes = tokens.consumeNil() ? std::nullopt : std::optional(tokens.readString());
        data.sections.append(section);
    } else {
        data.otherItems.append({base, tokens.readValue(1)});
    }
}

} // namespace Petrel::Imap
