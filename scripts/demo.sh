#!/usr/bin/env bash
# Command 1: build Tessera and run it on a fresh demo vault.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset release
cmake --build --preset release

vault_dir="$PWD/demo-vault"
mkdir -p "$vault_dir"
chmod 700 "$vault_dir"
vault="$vault_dir/demo-$(date +%Y%m%d-%H%M%S).tessera"
export TESSERA_PASSPHRASE="${TESSERA_PASSPHRASE:-demo passphrase}"

cli=build/release/app/tessera-cli
"$cli" --vault "$vault" demo
"$cli" --vault "$vault" clients
echo
echo "Demo vault: $vault"
echo "Passphrase: $TESSERA_PASSPHRASE"
echo "Try: TESSERA_PASSPHRASE='$TESSERA_PASSPHRASE' $cli --vault '$vault' search \"hope\""
