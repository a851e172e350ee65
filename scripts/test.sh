#!/usr/bin/env bash
# Command 2: build Tessera and run the whole test suite (what CI runs).
#
# Stages, static first so that a style, compile or clang-tidy error fails in minutes:
#   dependencies, clang-format, asan build (clang, -Werror), clang-tidy, dev build (gcc, -Werror),
#   release build of what scripts/demo.sh builds (+ its hardening), dev tests (ctest), asan tests,
#   a minute of fuzzing. Three builds: gcc Debug, gcc Release, clang with sanitizers. Each stage's
#   time is printed at the end. TESSERA_BENCH=1 adds the full benchmark, TESSERA_FUZZ_SECONDS
#   changes the fuzz run's length.
set -euo pipefail
cd "$(dirname "$0")/.."

# Per-stage wall times, printed when the script ends (also when a stage fails).
stage_names=()
stage_times=()
stage_name=
stage_start=0
script_start=$SECONDS
end_stage() {
  if [[ -n $stage_name ]]; then
    stage_names+=("$stage_name")
    stage_times+=($((SECONDS - stage_start)))
    stage_name=
  fi
}
stage() {
  end_stage
  stage_name=$1
  stage_start=$SECONDS
  echo "==> $1"
}
report() {
  local status=$?
  end_stage
  echo "==> stage times (s):"
  for i in "${!stage_names[@]}"; do
    printf '%6d  %s\n' "${stage_times[$i]}" "${stage_names[$i]}"
  done
  printf '%6d  total%s\n' $((SECONDS - script_start)) "$( ((status == 0)) || echo ", FAILED (exit $status)")"
}
trap report EXIT

stage "dependencies"
scripts/install-deps.sh
# The independent checkers of what Tessera writes (W3C Nu HTML checker, markdownlint, ajv), pinned
# by tests/node/package-lock.json, into tests/node/node_modules.
scripts/install-test-tools.sh

# House style: every C++ file of ours is clang-formatted.
stage "clang-format"
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

# Everything built with clang, warnings as errors (the asan preset): the one clang build, so
# "the code builds with clang" is checked on every run. It is optimised (RelWithDebInfo, so
# _FORTIFY_SOURCE is on), with AddressSanitizer, UndefinedBehaviorSanitizer and libFuzzer's
# coverage hooks: the same build runs the sanitizer tests, the fuzzer and gives clang-tidy its
# compile commands.
stage "asan build (clang)"
configure asan
cmake --build --preset asan

# clang-tidy (.clang-tidy) on every C++ file of ours with the asan build's compile commands.
# Clean results are cached outside the clone (~/.cache/tessera/clang-tidy, as ccache's objects),
# keyed by the file and every header it read, so a run checks only what changed.
stage "clang-tidy"
scripts/tidy.py build/asan

preset=${TESSERA_TEST_PRESET:-dev}
stage "$preset build"
configure "$preset"
cmake --build --preset "$preset"

# What scripts/demo.sh (command 1) builds, in the release preset and with warnings as errors:
# GCC reports some defects only when it optimises (format truncation, a dangling reference).
# The shipped executables must carry the release hardening (PIE, full RELRO, stack protector,
# _FORTIFY_SOURCE's checked functions).
stage "release build"
configure release
cmake --build --preset demo
for executable in build/release/app/tessera build/release/app/tessera-cli; do
  tests/packaging/hardening_check.sh "$executable" 1
done

stage "$preset tests"
ctest --preset "$preset"

# The same code under AddressSanitizer and UndefinedBehaviorSanitizer (the asan build above):
# every test that runs in-process or spawns tessera-cli. The real-window, kill, memory-limit and
# benchmark tests run in the dev build only (ASan reserves terabytes of address space and slows
# the kill tests' writers past the point they measure).
stage "asan tests"
ctest --preset asan -R '^tests_(core|report|storage|cli|text|viewmodels|app):'

# Performance at the scale of a career (issue 7, docs/performance.md). ctest above already ran
# `tessera-bench --quick`, which proves the benchmark works; TESSERA_BENCH=1 also runs the full
# benchmark in the release build (about two minutes; the figures go to build/release/bench.json).
if [[ ${TESSERA_BENCH:-0} == 1 ]]; then
  stage "benchmark"
  cmake --build --preset release --target tessera-bench
  build/release/tests/bench/tessera-bench --json build/release/bench.json
fi

# Fuzzing the interchange reader for a minute with libFuzzer (the asan build above; the long run
# is in docs/reliability.md). A crash fails the script and leaves the input that caused it in
# build/asan/ (crash-<sha1>).
stage "fuzz"
rm -rf build/asan/corpus && mkdir -p build/asan/corpus
(cd build/asan && tests/interchange_fuzz -max_total_time="${TESSERA_FUZZ_SECONDS:-60}" -timeout=10 \
  -rss_limit_mb=2048 -print_final_stats=1 corpus ../../tests/fuzz/corpus ../../tests/fuzz/regressions)
