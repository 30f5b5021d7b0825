#!/usr/bin/env bash
# Installs what is missing, builds Petrel (preset "dev", or the preset named in $1) and runs the
# whole test suite with CTest: unit tests and integration tests against the real Dovecot, Postfix
# and gnome-keyring that the test fixtures start on loopback.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
preset=${1:-dev}

"$here/install-deps-debian.sh"
cd "$root"
cmake --preset "$preset"
cmake --build --preset "$preset"
ctest --preset "$preset"
