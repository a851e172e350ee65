#!/usr/bin/env bash
# Command 2: build Tessera and run the whole test suite (what CI runs).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
# The independent checkers of what Tessera writes (W3C Nu HTML checker, markdownlint, ajv), pinned
# by tests/node/package-lock.json, into tests/node/node_modules.
scripts/install-test-tools.sh

# House style: every C++ file of ours is clang-formatted (first: a format error fails in seconds).
mapfile -t sources < <(git ls-files -- '*.cpp' '*.hpp' 2>/dev/null || true)
if ((${#sources[@]} > 0)); then
  clang-format --dry-run --Werror "${sources[@]}"
  echo "clang-format: ${#sources[@]} files clean"
fi

# The first configure fetches SQLite3MultipleCiphers (npm pack); later ones reuse its tarball.
configure() {
  local tarballs=(build/*/_deps/sqlite3mc/better-sqlite3-multiple-ciphers-13.0.3.tgz)
  if [[ -f ${tarballs[0]} ]]; then
    cmake --preset "$1" "-DTESSERA_SQLITE3MC_TARBALL=$PWD/${tarballs[0]}"
  else
    cmake --preset "$1"
  fi
}

# The whole code built with clang, warnings as errors (issue 14: "the code also builds with clang"),
# in the fuzz preset: one clang build serves this, clang-tidy and the fuzz run below. It is
# optimised (-O2, _FORTIFY_SOURCE), with the address and undefined-behaviour sanitizers and
# libFuzzer's coverage hooks. Then clang-tidy (.clang-tidy) on every C++ file of ours, with
# this build's compile_commands.json; clean results are cached in ~/.cache/tessera/clang-tidy,
# so a run re-checks only the files whose code changed (scripts/tidy.py). Static checks first:
# they fail in minutes, not after the tests.
configure fuzz
cmake --build --preset fuzz
scripts/tidy.py build/fuzz

preset=${TESSERA_TEST_PRESET:-dev}
configure "$preset"
cmake --build --preset "$preset"
ctest --preset "$preset"

# The same code under AddressSanitizer and UndefinedBehaviorSanitizer (the asan preset): every test
# that runs in-process or spawns tessera-cli. The real-window, kill, memory-limit and benchmark
# tests run in the dev build above only (ASan reserves terabytes of address space and slows the
# kill tests' writers past the point they measure). TESSERA_ASAN=0 skips this stage.
if [[ ${TESSERA_ASAN:-1} == 1 ]]; then
  configure asan
  cmake --build --preset asan --target tests_core tests_report tests_storage tests_cli tests_text tests_viewmodels \
    tests_app
  ctest --preset asan -R '^tests_(core|report|storage|cli|text|viewmodels|app):'
fi

# The Release build of everything, warnings as errors: GCC reports some defects only when it
# optimises (a dangling reference; an unchecked write() under _FORTIFY_SOURCE). TESSERA_RELEASE=0
# skips it.
if [[ ${TESSERA_RELEASE:-1} == 1 ]]; then
  configure release
  cmake --build --preset release
fi

# Performance at the scale of a career (issue 7, docs/performance.md). ctest above already ran
# `tessera-bench --quick`, which proves the benchmark works; TESSERA_BENCH=1 also runs the full
# benchmark in the Release build (about two minutes; the figures go to build/release/bench.json).
if [[ ${TESSERA_BENCH:-0} == 1 ]]; then
  configure release
  cmake --build --preset release --target tessera-bench
  build/release/tests/bench/tessera-bench --json build/release/bench.json
fi

# Fuzzing the interchange reader for a minute with libFuzzer (the clang build above; the long run
# is in docs/reliability.md). A crash fails the script and leaves the input that caused it in
# build/fuzz/ (crash-<sha1>).
rm -rf build/fuzz/corpus && mkdir -p build/fuzz/corpus
(cd build/fuzz && tests/interchange_fuzz -max_total_time="${TESSERA_FUZZ_SECONDS:-60}" -timeout=10 \
  -rss_limit_mb=2048 -print_final_stats=1 corpus ../../tests/fuzz/corpus ../../tests/fuzz/regressions)
