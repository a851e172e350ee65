#!/usr/bin/env bash
# Installs the Debian 12 packages Tessera needs to build and test, when any is missing.
# Safe to run repeatedly: it does nothing when everything is there.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config ccache clang-format git
  npm                                   # fetches SQLite3MultipleCiphers (npm pack) at configure time
  wamerican                             # the English word list de-identification tells names from words with
  libnuspell-dev hunspell-en-us hunspell-en-gb hunspell-en-med   # spell checking in the note editor
  libsqlitecpp-dev libsodium-dev libzxcvbn-dev nlohmann-json3-dev libcli11-dev libfmt-dev catch2 libbenchmark-dev
  libcairo2-dev libpango1.0-dev cmark poppler-utils qpdf   # PDF summaries; cmark, pdftotext and qpdf check them in tests
  libimgui-dev libglfw3-dev libfreetype-dev libstb-dev fonts-inter fonts-noto-core fonts-dejavu-core   # the desktop app
  xvfb xdotool desktop-file-utils   # GUI tests under a virtual display; the desktop entry is validated
  imagemagick                       # import: screenshots of the app under Xvfb when driving it by hand
  gdb                               # gcore: the core of the locked app is searched for notes (issue 13)
  clang libclang-rt-14-dev          # the clang build (-Werror) and the libFuzzer run over the interchange reader
  clang-tidy python3                # scripts/tidy.py: .clang-tidy's checks on every C++ file, cached
  default-jre-headless              # runs the W3C Nu HTML checker over summaries (tests/node)
)

missing=()
for package in "${packages[@]}"; do
  # Node.js from NodeSource ships its own npm and conflicts with Debian's npm package: an npm
  # on PATH is as good.
  if [[ $package == npm ]] && command -v npm >/dev/null; then
    continue
  fi
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

echo "Installing Debian packages: ${missing[*]}"
if [[ $(id -u) -eq 0 ]]; then
  sudo=()
elif command -v sudo >/dev/null; then
  sudo=(sudo)
else
  echo "These packages are missing and there is no sudo: ${missing[*]}" >&2
  echo "Install them as root (apt-get install ${missing[*]}) and run this again." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
