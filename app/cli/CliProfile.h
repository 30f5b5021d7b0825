#pragma once

#include "CliContext.h"

#include "accounts/AccountRegistry.h"
#include "credentials/CredentialStore.h"
#include "store/StoreReader.h"
#include "store/StoreWriter.h"

#include <memory>

namespace Petrel::Cli {

// The profile's store, opened for one command: the writer (which applies migrations) first, then
// a reader of its own.
struct CliProfile
{
    std::unique_ptr<Store::StoreWriter> writer;
    std::unique_ptr<Store::StoreReader> reader;
    Core::CredentialStore credentials;
    std::unique_ptr<Core::AccountRegistry> accounts;
};

// False (with the error printed and *exitCode set) when the profile cannot be opened.
bool openProfile(const CliContext &ctx, CliProfile *profile, int *exitCode);

} // namespace Petrel::Cli
