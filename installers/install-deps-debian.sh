#!/usr/bin/env bash
# Installs every build and test dependency of Petrel on Debian 12 / Ubuntu 22.04+ with apt.
# Non-interactive and idempotent: packages already present are not touched, and apt is not even
# asked when nothing is missing. Needs root or sudo.
set -euo pipefail

build_packages=(
  build-essential cmake ninja-build pkg-config git ccache
  qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
  libqt6svg6 libgl-dev
  qtkeychain-qt6-dev libsqlite3-dev sqlite3 libgmime-3.0-dev libglib2.0-dev libssl-dev
)
test_packages=(
  dovecot-core dovecot-imapd dovecot-pop3d dovecot-lmtpd postfix
  gnome-keyring dbus dbus-x11 libsecret-tools xvfb xauth openssl ca-certificates python3 procps
  qt6-qpa-plugins fonts-dejavu-core desktop-file-utils appstream dpkg-dev fakeroot file
  # The libFuzzer targets (tests/fuzz): clang, and libclang-rt-14-dev for libclang_rt.fuzzer.
  clang libclang-rt-14-dev
)

wanted=("${build_packages[@]}")
[ "${PETREL_SKIP_TEST_DEPS:-0}" = 1 ] || wanted+=("${test_packages[@]}")

missing=()
for p in "${wanted[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#wanted[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
# Postfix asks which mail setup to use; "No configuration" leaves the system instance unconfigured,
# as the tests start their own private instance.
echo "postfix postfix/main_mailer_type select No configuration" | "${sudo_cmd[@]}" debconf-set-selections
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
# The packaged daemons must not hold the ports or sockets: the tests run private instances.
for svc in dovecot postfix; do
  if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
    "${sudo_cmd[@]}" systemctl disable --now "$svc" >/dev/null 2>&1 || true
  elif command -v service >/dev/null 2>&1; then
    "${sudo_cmd[@]}" service "$svc" stop >/dev/null 2>&1 || true
  fi
done
echo "install-deps: done"
