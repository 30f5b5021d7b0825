#pragma once

#include "accounts/AccountSettings.h"

namespace Petrel::Store {
class StoreReader;
class StoreWriter;
} // namespace Petrel::Store

namespace Petrel::Core {

// Switches an account between POP3 and IMAP, keeping the messages already archived (see
// Store::ProtocolSwitchStore): POP3 to IMAP puts the archive under the local-only folder
// ArchiveRoot, which the IMAP sync leaves alone; IMAP to POP3 brings it back and downloads nothing
// that was downloaded before. Returns "" on success, else why not (nothing changed then); throws
// StoreError when the store fails.
class ProtocolSwitch
{
public:
    static constexpr const char *ArchiveRoot = "POP3 Archive";

    // settings: the account's new settings, whose protocol differs from the stored one.
    static QString apply(Store::StoreWriter &writer, Store::StoreReader &reader, qint64 accountId,
                         const AccountSettings &settings);
};

} // namespace Petrel::Core
