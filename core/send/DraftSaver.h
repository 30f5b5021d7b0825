#pragma once

#include "store/AccountRow.h"

#include <QByteArray>
#include <QString>

namespace Petrel::Store {
class StoreReader;
class StoreWriter;
} // namespace Petrel::Store

namespace Petrel::Core {

// Saves a composed draft in the account's Drafts folder (role Drafts; "Drafts" is created when
// the account has none), flagged \Draft and \Seen, and drops the version it replaces. IMAP: both
// happen locally at once and the next sync appends the new version, then removes the old one
// for good (\Deleted and EXPUNGE, never through Trash). POP3: local only. The new version is
// stored before the old one goes, so a failure never loses both.
class DraftSaver
{
public:
    static constexpr const char *DefaultFolderName = "Drafts";

    DraftSaver(Store::StoreWriter &writer, Store::StoreReader &reader) : m_writer(writer), m_reader(reader) {}

    // replacesId: the previous version's message id (0: a new draft); it must be a draft of the
    // same account, else nothing is saved. Returns "" and *newId on success, else why not.
    // Throws StoreError when the store fails.
    QString save(qint64 accountId, const QByteArray &raw, qint64 replacesId, qint64 *newId);
    // The draft is not wanted any more (it was sent, or thrown away): removed for good.
    QString discard(qint64 accountId, qint64 draftId);

private:
    QString checkReplaceable(qint64 accountId, qint64 replacesId);
    QString drop(const Store::AccountRow &account, qint64 draftId);

    Store::StoreWriter &m_writer;
    Store::StoreReader &m_reader;
};

} // namespace Petrel::Core
