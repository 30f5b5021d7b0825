#pragma once

#include "AccountSettings.h"

namespace Petrel::Store {
class StoreReader;
class StoreWriter;
} // namespace Petrel::Store

namespace Petrel::Core {

// Saves new settings of an existing account, as petrel-cli's "account set" and the settings dialog
// do: validated first; a changed protocol goes through ProtocolSwitch (which keeps the POP3 archive
// and refuses while IMAP changes are still queued); name, address and display name are stored in
// their columns. The password is not part of it (it lives in the keychain).
class AccountUpdate
{
public:
    struct Outcome
    {
        bool ok = false;
        QString error;             // for the user; nothing was changed (unless protocolSwitched)
        bool protocolSwitched = false;
    };

    // Never throws: store failures come back in Outcome::error.
    static Outcome apply(Store::StoreWriter &writer, Store::StoreReader &reader, qint64 accountId,
                         const AccountSettings &settings);
};

} // namespace Petrel::Core
