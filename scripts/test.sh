#!/usr/bin/env bash
# Command 2: build Tessera and run the whole test suite (what CI runs).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh

preset=${TESSERA_TEST_PRESET:-dev}
cmake --preset "$preset"
cmake --build --preset "$preset"
ctest --preset "$preset"

# House style: every C++ file of ours is clang-formatted.
mapfile -t sources < <(git ls-files -- '*.cpp' '*.hpp' 2>/dev/null || true)
if ((${#sources[@]} > 0)); then
  clang-format --dry-run --Werror "${sources[@]}"
  echo "clang-format: ${#sources[@]} files clean"
fi
