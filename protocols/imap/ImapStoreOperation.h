#pragma once

#include "imap/ImapCommandBuilder.h"
#include "imap/ImapFetchData.h"
#include "imap/ImapOperation.h"

#include <optional>

namespace Petrel::Imap {

// UID STORE +FLAGS.SILENT / -FLAGS.SILENT / FLAGS.SILENT, optionally UNCHANGEDSINCE a modseq
// (CONDSTORE). modified() holds the UIDs the server did not change because they changed since.
// With CONDSTORE the server still reports each message's new MODSEQ: those are in changes().
class ImapStoreOperation : public ImapOperation
{
    Q_OBJECT

public:
    ImapStoreOperation(ImapSession *session, const ImapSequenceSet &uids, ImapCommandBuilder::StoreMode mode,
                       const QList<QByteArray> &flags, QObject *parent = nullptr);

    void setUnchangedSince(quint64 modSeq) { m_unchangedSince = modSeq; }
    const ImapSequenceSet &modified() const { return m_modified; }
    const QList<ImapFetchData> &changes() const { return m_changes; }

protected:
    void run() override;

private:
    ImapSequenceSet m_uids;
    ImapCommandBuilder::StoreMode m_mode;
    QList<QByteArray> m_flags;
    std::optional<quint64> m_unchangedSince;
    ImapSequenceSet m_modified;
    QList<ImapFetchData> m_changes;
};

} // namespace Petrel::Imap
