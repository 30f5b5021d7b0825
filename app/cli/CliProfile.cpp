#include "CliProfile.h"

#include "accounts/ProfileDirectory.h"
#include "store/StoreError.h"

namespace Petrel::Cli {

bool openProfile(const CliContext &ctx, CliProfile *profile, int *exitCode)
{
    const Core::ProfileDirectory dir(ctx.profileDir);
    QString error;
    if (!dir.prepare(&error)) {
        *exitCode = ctx.fail(error);
        return false;
    }
    try {
        profile->writer = std::make_unique<Store::StoreWriter>(dir.databasePath());
        profile->reader = std::make_unique<Store::StoreReader>(dir.databasePath());
        profile->accounts =
            std::make_unique<Core::AccountRegistry>(*profile->writer, *profile->reader, profile->credentials);
    } catch (const Store::StoreError &e) {
        *exitCode = ctx.fail(QStringLiteral("cannot open the profile database %1: %2")
                                 .arg(dir.databasePath(), e.text()));
        return false;
    }
    return true;
}

} // namespace Petrel::Cli
