#pragma once

#include <QByteArray>
#include <QString>

namespace Petrel::Store {
class StoreReader;
class StoreWriter;
} // namespace Petrel::Store

namespace Petrel::Core {

struct AccountSettings;

// Files the copy of a sent message in the account's Sent folder (role Sent; "Sent" is created
// when the account has none), marked \Seen. IMAP: stored at once and appended on the server by
// the next sync; skipped when the account says the server files sent mail itself
// (AccountSettings::saveSentCopy false). POP3: the local Sent folder. Fits
// OutboxSender::setSentFiler: returns "" when filed (or skipped), else why not.
class SentFiler
{
public:
    static constexpr const char *DefaultFolderName = "Sent";

    SentFiler(Store::StoreWriter &writer, Store::StoreReader &reader) : m_writer(writer), m_reader(reader) {}

    // *newId (optional) gets the stored copy's id, 0 when skipped. Catches StoreError (returned
    // as text: the message was sent, only its copy is missing).
    QString file(qint64 accountId, const AccountSettings &settings, const QByteArray &raw, qint64 *newId = nullptr);

private:
    Store::StoreWriter &m_writer;
    Store::StoreReader &m_reader;
};

} // namespace Petrel::Core
