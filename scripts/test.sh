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

preset=${TESSERA_TEST_PRESET:-dev}
cmake --preset "$preset"
cmake --build --preset "$preset"
ctest --preset "$preset"

# The same code under AddressSanitizer and UndefinedBehaviorSanitizer (the asan preset): every test
# that runs in-process or spawns tessera-cli. The real-window, kill, memory-limit and benchmark
# tests run in the dev build above only (ASan reserves terabytes of address space and slows the
# kill tests' writers past the point they measure). TESSERA_ASAN=0 skips this stage.
if [[ ${TESSERA_ASAN:-1} == 1 ]]; then
  asan_configure=()
  tarball=build/$preset/_deps/sqlite3mc/better-sqlite3-multiple-ciphers-13.0.3.tgz
  if [[ -f $tarball ]]; then
    asan_configure+=("-DTESSERA_SQLITE3MC_TARBALL=$PWD/$tarball") # no second download
  fi
  cmake --preset asan "${asan_configure[@]}"
  cmake --build --preset asan --target tests_core tests_report tests_storage tests_cli tests_text tests_viewmodels \
    tests_app
  ctest --preset asan -R '^tests_(core|report|storage|cli|text|viewmodels|app):'
fi

# Performance at the scale of a career (issue 7, docs/performance.md). ctest above already ran
# `tessera-bench --quick`, which proves the benchmark works; TESSERA_BENCH=1 also runs the full
# benchmark in a Release build (about two minutes; the figures go to build/release/bench.json).
if [[ ${TESSERA_BENCH:-0} == 1 ]]; then
  cmake --preset release
  cmake --build --preset release --target tessera-bench
  build/release/tests/bench/tessera-bench --json build/release/bench.json
fi

# Fuzzing the interchange reader for a minute with libFuzzer (needs clang and its runtime,
# libclang-rt-14-dev; the long run is in docs/reliability.md). A crash fails the script and
# leaves the input that caused it in build/fuzz/ (crash-<sha1>).
fuzzer_runtime=$( (command -v clang++ >/dev/null && clang++ -print-file-name=libclang_rt.fuzzer-x86_64.a) || true)
if [[ $fuzzer_runtime == /* && -f $fuzzer_runtime ]]; then
  fuzz_configure=()
  tarball=build/$preset/_deps/sqlite3mc/better-sqlite3-multiple-ciphers-13.0.3.tgz
  if [[ -f $tarball ]]; then
    fuzz_configure+=("-DTESSERA_SQLITE3MC_TARBALL=$PWD/$tarball") # no second download
  fi
  cmake --preset fuzz "${fuzz_configure[@]}"
  cmake --build --preset fuzz
  rm -rf build/fuzz/corpus && mkdir -p build/fuzz/corpus
  (cd build/fuzz && tests/interchange_fuzz -max_total_time="${TESSERA_FUZZ_SECONDS:-60}" -timeout=10 \
    -rss_limit_mb=2048 -print_final_stats=1 corpus ../../tests/fuzz/corpus ../../tests/fuzz/regressions)
else
  echo "fuzz: clang++ with the libFuzzer runtime (libclang-rt-14-dev) not found; skipping the fuzz run" >&2
fi
