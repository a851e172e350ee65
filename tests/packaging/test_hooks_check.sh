#!/bin/sh
# ctest: the test hooks of tessera_storage_testing (storage/testing) are in a program or not.
#   test_hooks_check.sh FILE absent|present
# "absent" for the shipped programs (tessera, tessera-cli); "present" for a test program that
# links the library, which shows that this check can find them. Reads the symbol table with
# binutils' nm (a stripped file is SKIPped) and the file's bytes for the hooks' messages.
set -eu
file=$1
expect=$2
command -v nm >/dev/null || { echo "SKIP: nm (binutils) is not installed"; exit 0; }
symbols=$(nm -C "$file" 2>/dev/null || true)
# Every Tessera program opens vaults: without this symbol the table is gone (stripped).
echo "$symbols" | grep -q "tessera::storage::Vault::open(" || {
  echo "SKIP: $file has no symbol table (stripped?)"
  exit 0
}
# By name in any namespace, so that a hook put back into storage's API (Vault::) is found too.
found=""
for hook in "createFileAtSchemaVersion(" "createUnencryptedForBenchmark(" "openUnencryptedForBenchmark(" \
            "tessera::storage::testing::" "Vault::Impl::adopt("; do
  echo "$symbols" | grep -qF "$hook" && found="$found $hook"
done
# The messages of the unencrypted vaults, which a stripped file would still hold.
grep -qa "unencrypted benchmark vault" "$file" && found="$found \"unencrypted benchmark vault\""

if [ "$expect" = absent ]; then
  if [ -n "$found" ]; then
    echo "FAIL: $file contains test hooks:$found" >&2
    exit 1
  fi
  echo "$file: no test hooks (createFileAtSchemaVersion, *UnencryptedForBenchmark, storage::testing, Vault::Impl::adopt)"
else
  case "$found" in
    # (Not adopt: an optimised build inlines it.)
    *createFileAtSchemaVersion*createUnencryptedForBenchmark*openUnencryptedForBenchmark*unencrypted*) ;;
    *)
      echo "FAIL: $file should contain every test hook; found only:$found" >&2
      exit 1
      ;;
  esac
  echo "$file: contains the test hooks, as a test program should:$found"
fi
