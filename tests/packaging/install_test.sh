#!/bin/sh
# install_test.sh BUILD_DIR [CMAKE] [CPACK]
# Installs a built tree into a temporary DESTDIR and checks what a desktop needs is there and
# nothing else; then, where the Debian tools are installed, builds the .deb and checks that it
# carries the same files and declares its dependencies.
set -eu
build=$(cd "$1" && pwd)
cmake=${2:-cmake}
cpack=${3:-cpack}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

DESTDIR="$work/root" "$cmake" --install "$build" --prefix /usr >"$work/install.log" 2>&1 ||
  { cat "$work/install.log" >&2; fail "cmake --install failed"; }

expected='usr/bin/tessera
usr/bin/tessera-cli
usr/share/applications/tessera.desktop
usr/share/icons/hicolor/scalable/apps/tessera.svg'
actual=$(cd "$work/root" && find . -type f | sed 's|^\./||' | LC_ALL=C sort)
[ "$actual" = "$expected" ] || fail "installed files differ from the expected layout:
$actual"
[ -x "$work/root/usr/bin/tessera" ] || fail "tessera is not executable"

desktop="$work/root/usr/share/applications/tessera.desktop"
grep -qx 'Exec=tessera' "$desktop" || fail "the desktop entry does not run tessera"
grep -qx 'Icon=tessera' "$desktop" || fail "the desktop entry does not name the tessera icon"
grep -qx 'Type=Application' "$desktop" || fail "the desktop entry is not an application"
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$desktop" || fail "desktop-file-validate rejects the entry"
else
  echo "note: desktop-file-validate is not installed (desktop-file-utils); skipped"
fi
icon="$work/root/usr/share/icons/hicolor/scalable/apps/tessera.svg"
grep -q '<svg' "$icon" && grep -q '</svg>' "$icon" || fail "the icon is not an SVG document"

if ! command -v dpkg-deb >/dev/null || ! command -v dpkg-shlibdeps >/dev/null; then
  echo "note: dpkg-deb or dpkg-shlibdeps missing (dpkg-dev); the .deb was not built"
  exit 0
fi
(cd "$work" && "$cpack" --config "$build/CPackConfig.cmake" -G DEB -B "$work/package" >"$work/cpack.log" 2>&1) ||
  { cat "$work/cpack.log" >&2; fail "cpack -G DEB failed"; }
deb=$(find "$work/package" -maxdepth 1 -name 'tessera_*.deb' | head -n 1)
[ -n "$deb" ] || fail "cpack wrote no tessera_*.deb"
depends=$(dpkg-deb -f "$deb" Depends)
for needed in libglfw3 libsodium23 libfreetype6 libgl1 libc6 'fonts-inter | fonts-noto-core'; do
  case "$depends" in
    *"$needed"*) ;;
    *) fail "the package does not depend on $needed: $depends" ;;
  esac
done
contents=$(dpkg-deb -c "$deb")
for file in ./usr/bin/tessera ./usr/bin/tessera-cli ./usr/share/applications/tessera.desktop \
            ./usr/share/icons/hicolor/scalable/apps/tessera.svg; do
  echo "$contents" | grep -q " $file\$" || fail "the package lacks $file"
done
echo "ok: $(basename "$deb"); Depends: $depends"
