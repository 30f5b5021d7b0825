#pragma once

#include <QString>
#include <QStringList>

#include <functional>

namespace Petrel::Store {
class StoreWriter;
}

namespace Petrel::Core {

struct ImportReport
{
    int read = 0;        // messages found in the source
    int imported = 0;    // new in the folder
    int duplicates = 0;  // already in the folder (same bytes): importing twice adds nothing
    QStringList problems; // messages skipped or read with trouble, each with its origin
    QString error;       // empty unless the import stopped early
    bool isOk() const { return error.isEmpty(); }
};

// Imports a .eml file, an mbox file or a maildir folder into one local folder of an account.
// Messages are parsed and written in batched transactions, so an interrupted import leaves whole
// messages only, and running it again picks up where it stopped without duplicates.
class MailImporter
{
public:
    using Progress = std::function<void(const ImportReport &soFar)>;

    explicit MailImporter(Store::StoreWriter &writer);

    void setBatchSize(int messages) { m_batchSize = qMax(1, messages); }
    void setProgressCallback(Progress progress) { m_progress = std::move(progress); }

    ImportReport importPath(const QString &path, qint64 accountId, const QString &folderPath);

private:
    Store::StoreWriter &m_writer;
    int m_batchSize = 500;
    Progress m_progress;
};

} // namespace Petrel::Core
