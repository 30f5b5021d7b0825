#include "sync/imap/ImapRecordBuilder.h"

#include "importing/MessageRecordBuilder.h"
#include "mime/MessageParser.h"
#include "store/ContentHash.h"
#include "sync/imap/ImapSyncPlan.h"


namespace Petrel::Core {

namespace {

constexpr int MaxStructureDepth = 64; // the parser's own limit is lower; this keeps recursion bounded anyway

// The header section a FETCH answered: HEADER, or HEADER.FIELDS with the field list as the server
// echoed it (its case and spacing are the server's).
const Imap::ImapFetchSection *headerSection(const Imap::ImapFetchData &data)
{
    for (const Imap::ImapFetchSection &s : data.sections) {
        if (s.item == "BODY" && (s.section == "HEADER" || s.section.toUpper().startsWith("HEADER.FIELDS ")))
            return &s;
    }
    return nullptr;
}

} // namespace

QByteArray headerFetchItem()
{
    // Every header Mime::MessageParser::parseHeadersOnly reads (EnvelopeReader), Sender and Bcc included.
    return QByteArrayLiteral("BODY.PEEK[HEADER.FIELDS (DATE SUBJECT FROM SENDER REPLY-TO TO CC BCC MESSAGE-ID "
                             "IN-REPLY-TO REFERENCES)]");
}

bool hasAttachmentPart(const Imap::ImapBodyStructure &structure, int depth)
{
    if (depth > MaxStructureDepth)
        return false;
    if (structure.isMultipart()) {
        for (const Imap::ImapBodyStructure &part : structure.parts) {
            if (hasAttachmentPart(part, depth + 1))
                return true;
        }
        return false;
    }
    return structure.disposition && *structure.disposition == "attachment";
}

Store::MessageRecord recordFromFetch(const Imap::ImapFetchData &data)
{
    Store::MessageRecord record;
    const Imap::ImapFetchSection *full = data.section("BODY", QByteArray());
    const Imap::ImapFetchSection *header = headerSection(data);
    if (full && full->bytes) {
        const Mime::ParseResult parsed = Mime::MessageParser::parse(*full->bytes);
        // Unparseable mail is still mail: keep its bytes even when nothing else is known.
        record = buildMessageRecord(*full->bytes, parsed.isOk() ? parsed.message : Mime::ParsedMessage());
        // Hashed here, on the sync's thread, not by the store's writer thread, the busier of the
        // two while bodies download (SHA-256 of 220 MB: 1.5 s; tests/benchmarks/README.md, item 4).
        record.contentHash = Store::contentHash(*full->bytes);
    } else {
        Mime::ParsedMessage headersOnly;
        if (header && header->bytes)
            headersOnly.envelope = Mime::MessageParser::parseHeadersOnly(*header->bytes);
        record = buildMessageRecord(QByteArray(), headersOnly);
        if (data.bodyStructure)
            record.hasAttachments = hasAttachmentPart(*data.bodyStructure);
    }
    record.uid = data.uid ? std::optional<qint64>(*data.uid) : std::nullopt;
    if (data.rfc822Size)
        record.size = qint64(*data.rfc822Size);
    if (data.internalDate.isValid())
        record.internalDate = data.internalDate;
    if (data.flags) {
        const Store::ImapFlagUpdate flags = ImapSyncPlan::flagUpdate(data.uid.value_or(0), *data.flags);
        record.flags = flags.flags;
        record.keywords = flags.keywords;
    }
    return record;
}

} // namespace Petrel::Core
