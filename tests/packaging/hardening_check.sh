#!/bin/sh
# ctest: an executable carries the hardening that cmake/TesseraCompilerSettings.cmake asks for.
#   hardening_check.sh FILE FORTIFIED(0|1)
# PIE, full RELRO (GNU_RELRO + BIND_NOW), a non-executable stack, the stack protector, and, in an
# optimised build, _FORTIFY_SOURCE's checked functions. Read with binutils' readelf.
set -eu
file=$1
fortified=$2
fail() {
  echo "FAIL: $file: $1" >&2
  exit 1
}
command -v readelf >/dev/null || { echo "SKIP: readelf (binutils) is not installed"; exit 0; }
readelf -h "$file" | grep -q "Type:.*DYN" || fail "not a position-independent executable"
readelf -l "$file" | grep -q "GNU_RELRO" || fail "no RELRO segment"
readelf -d "$file" | grep -Eq "BIND_NOW|FLAGS_1.*NOW" || fail "not linked with -z now (partial RELRO only)"
readelf -lW "$file" | grep "GNU_STACK" | grep -q "RWE" && fail "executable stack"
readelf --dyn-syms -W "$file" | grep -q "__stack_chk_fail" || fail "no stack protector"
if [ "$fortified" = 1 ]; then
  readelf --dyn-syms -W "$file" | grep -Eq "__[a-z_]+_chk(@|$| )" || fail "no _FORTIFY_SOURCE checked function"
fi
echo "$file: PIE, full RELRO, non-executable stack, stack protector$([ "$fortified" = 1 ] && echo ', fortified')"
