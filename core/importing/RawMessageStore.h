#pragma once

#include "store/MessageFlag.h"

#include <QByteArray>
#include <QString>

namespace Petrel::Store {
class StoreWriter;
}

namespace Petrel::Core {

// Stores one raw message the user made or handed in (an append, a draft, a Sent copy) in a folder:
// parsed for its envelope, search text and attachments, with the given flags, received now and
// without a remote id (so never skipped as a duplicate). Returns "" and *newId, else why not
// (nothing stored). Throws StoreError when the store fails.
QString storeRawMessage(Store::StoreWriter &writer, qint64 folderId, const QByteArray &raw, Store::MessageFlags flags,
                        qint64 *newId);

} // namespace Petrel::Core
