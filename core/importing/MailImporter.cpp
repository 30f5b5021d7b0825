#include "MailImporter.h"

#include "MessageRecordBuilder.h"
#include "mime/MailSource.h"
#include "mime/MessageParser.h"
#include "store/FolderRow.h"
#include "store/StoreError.h"
#include "store/StoreWriter.h"

#include <memory>

namespace Petrel::Core {

namespace {

// Flush a batch early when its raw bytes grow large, so memory stays bounded on big mailboxes.
constexpr qint64 maxBatchBytes = 64 * 1024 * 1024;

Store::MessageFlags flagsFrom(quint32 sourceFlags)
{
    Store::MessageFlags flags;
    if (sourceFlags & Mime::SourceMessage::Seen)
        flags |= Store::MessageFlag::Seen;
    if (sourceFlags & Mime::SourceMessage::Answered)
        flags |= Store::MessageFlag::Answered;
    if (sourceFlags & Mime::SourceMessage::Flagged)
        flags |= Store::MessageFlag::Flagged;
    if (sourceFlags & Mime::SourceMessage::Deleted)
        flags |= Store::MessageFlag::Deleted;
    if (sourceFlags & Mime::SourceMessage::Draft)
        flags |= Store::MessageFlag::Draft;
    return flags;
}

} // namespace

MailImporter::MailImporter(Store::StoreWriter &writer)
    : m_writer(writer)
{
}

ImportReport MailImporter::importPath(const QString &path, qint64 accountId, const QString &folderPath)
{
    ImportReport report;
    QString openError;
    std::unique_ptr<Mime::MailSource> source = Mime::MailSource::open(path, &openError);
    if (!source) {
        report.error = openError;
        return report;
    }

    qint64 folderId = 0;
    try {
        folderId = m_writer.ensureFolder(accountId, folderPath, roleForFolderName(folderPath), folderPath);
    } catch (const Store::StoreError &e) {
        report.error = QStringLiteral("Could not create the folder '%1': %2").arg(folderPath, e.text());
        return report;
    }

    QList<Store::MessageRecord> batch;
    qint64 batchBytes = 0;
    auto flush = [&]() -> bool {
        if (batch.isEmpty())
            return true;
        try {
            const Store::InsertResult result = m_writer.insertMessages(
                folderId, batch, Store::DuplicatePolicy::SkipSameContentHashInFolder);
            report.imported += int(result.insertedIds.size());
            report.duplicates += result.skipped;
        } catch (const Store::StoreError &e) {
            report.error = QStringLiteral("Writing to the local store failed after %1 messages: %2")
                               .arg(report.imported)
                               .arg(e.text());
            return false;
        }
        batch.clear();
        batchBytes = 0;
        if (m_progress)
            m_progress(report);
        return true;
    };

    Mime::SourceMessage message;
    while (source->next(message)) {
        ++report.read;
        const Mime::ParseResult parsed = Mime::MessageParser::parse(message.raw);
        if (!parsed.isOk()) {
            report.problems.append(QStringLiteral("%1: not a mail message (%2); skipped")
                                       .arg(message.origin, parsed.errorString));
            continue;
        }
        Store::MessageRecord record = buildMessageRecord(message.raw, parsed.message);
        record.flags = flagsFrom(message.flags);
        record.internalDate = message.receivedDate;
        batchBytes += message.raw.size();
        batch.append(std::move(record));
        if (batch.size() >= m_batchSize || batchBytes >= maxBatchBytes) {
            if (!flush())
                return report;
        }
    }
    if (!flush())
        return report;
    for (const QString &w : source->warnings())
        report.problems.append(w);
    if (!source->errorString().isEmpty())
        report.error = source->errorString();
    return report;
}

} // namespace Petrel::Core
