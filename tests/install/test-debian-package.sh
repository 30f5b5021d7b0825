#!/usr/bin/env bash
# Builds Petrel's Debian package with CPack from a finished build tree, checks what it holds,
# validates the desktop entry and AppStream metadata, then unpacks it into an empty root that the
# test assembles (the package's files, the shared libraries they load, nothing else) and runs
# `petrel --version` and `petrel-cli --version` there under chroot: the installed files work on
# their own, not by reaching into the build tree.
# Usage: test-debian-package.sh BUILD-DIR WORK-DIR
set -euo pipefail
build=$1
work=$2
version=$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "$build/CPackConfig.cmake")

fail() { echo "FAIL: $*" >&2; exit 1; }

rm -rf "$work"
mkdir -p "$work/package"
cpack --config "$build/CPackConfig.cmake" -G DEB -B "$work/package" >"$work/cpack.log" 2>&1 \
  || { cat "$work/cpack.log" >&2; fail "cpack -G DEB failed"; }
deb=$(ls "$work"/package/petrel_*.deb 2>/dev/null | head -n1)
[ -n "$deb" ] || fail "no petrel_*.deb in $work/package"
echo "package: $(basename "$deb") ($(stat -c %s "$deb") bytes)"

# Control fields: name, version, dependencies found from the binaries' libraries.
[ "$(dpkg-deb -f "$deb" Package)" = petrel ] || fail "package name"
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "version $(dpkg-deb -f "$deb" Version) != $version"
depends=$(dpkg-deb -f "$deb" Depends)
for lib in libqt6widgets6 libqt6network6 libsqlite3 libgmime-3.0 libqt6keychain; do
  grep -q "$lib" <<<"$depends" || fail "Depends lacks $lib: $depends"
done

# Contents.
contents=$(dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|')
for f in /usr/bin/petrel /usr/bin/petrel-cli \
         /usr/share/applications/org.petrel_mail.Petrel.desktop \
         /usr/share/metainfo/org.petrel_mail.Petrel.metainfo.xml \
         /usr/share/icons/hicolor/scalable/apps/org.petrel_mail.Petrel.svg \
         /usr/share/icons/hicolor/48x48/apps/org.petrel_mail.Petrel.png \
         /usr/share/icons/hicolor/256x256/apps/org.petrel_mail.Petrel.png \
         /usr/share/man/man1/petrel.1.gz /usr/share/man/man1/petrel-cli.1.gz \
         /usr/share/petrel/translations/petrel_de.qm /usr/share/petrel/translations/petrel_fr.qm; do
  grep -qxF "$f" <<<"$contents" || fail "the package lacks $f"
done
for size in 16 22 24 32 48 64 128 256 512; do
  grep -qxF "/usr/share/icons/hicolor/${size}x${size}/apps/org.petrel_mail.Petrel.png" <<<"$contents" \
    || fail "the package lacks the ${size}x${size} icon"
done
if grep -E '^/(tmp|root|home|work)/|/build/' <<<"$contents"; then fail "build paths in the package"; fi

# Unpack into an empty root and add exactly the shared libraries the two programs load.
root="$work/root"
mkdir -p "$root"
dpkg-deb -x "$deb" "$root"
desktop-file-validate "$root/usr/share/applications/org.petrel_mail.Petrel.desktop" \
  || fail "desktop-file-validate"
appstreamcli validate --no-net "$root/usr/share/metainfo/org.petrel_mail.Petrel.metainfo.xml" \
  || fail "appstreamcli validate"
zcat "$root/usr/share/man/man1/petrel-cli.1.gz" | grep -q '^\.TH PETREL-CLI 1 .*'"$version" \
  || fail "petrel-cli.1 does not carry the version"

copy_into_root() {
  local file=$1
  [ -e "$root$file" ] && return 0
  mkdir -p "$root$(dirname "$file")"
  cp -L "$file" "$root$file"
}
for program in petrel petrel-cli; do
  while read -r lib; do
    copy_into_root "$lib"
  done < <(ldd "$root/usr/bin/$program" | grep -o '/[^ ]*' | sort -u)
done
mkdir -p "$root/tmp" && chmod 1777 "$root/tmp"
chroot_bin=$(PATH="$PATH:/usr/sbin:/sbin" command -v chroot) || fail "chroot not found"

for program in petrel petrel-cli; do
  out=$(env -i PATH=/usr/bin HOME=/tmp "$chroot_bin" "$root" "/usr/bin/$program" --version 2>&1) \
    || fail "$program --version in the clean root: $out"
  echo "$out"
  grep -q "^$program $version" <<<"$out" || fail "$program --version printed: $out"
done
echo "PASS: the Debian package installs and runs in a clean root"
