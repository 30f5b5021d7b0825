#pragma once

namespace Petrel::Core {

// A core dump holds the process's memory, and with it every password read from the keychain:
// Petrel's programs turn them off first thing (as gpg-agent and ssh-agent do), unless the
// environment variable PETREL_ALLOW_CORE_DUMPS is set to 1 for debugging a crash.
// Returns false when the platform refused (the program goes on: this is a precaution).
bool disableCoreDumps();

} // namespace Petrel::Core
