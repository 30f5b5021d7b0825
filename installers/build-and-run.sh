#!/usr/bin/env bash
# Installs what is missing, builds Petrel (release preset) and launches the desktop client.
# Extra arguments are passed to petrel, e.g. --profile DIR.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)

PETREL_SKIP_TEST_DEPS=${PETREL_SKIP_TEST_DEPS:-1} "$here/install-deps-debian.sh"
cd "$root"
cmake --preset release -DPETREL_BUILD_TESTS=OFF
cmake --build --preset release --target petrel petrel-cli
exec "$root/build/release/bin/petrel" "$@"
