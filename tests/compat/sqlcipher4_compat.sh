#!/usr/bin/env bash
# Writes a vault with tessera-cli, checkpoints it, and reads it back with an independent
# SQLCipher 4 reader (sqlcipher4_check.mjs, Node's crypto only).
set -euo pipefail
cli=$1
node=${2:-node} # the Node.js that CMake found
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export TESSERA_PASSPHRASE='compat check passphrase'
cat > "$work/caseload.json" <<'JSON'
{"format": "tessera.caseload", "version": 1,
 "clients": [{"code": "C-1", "sessions": [{"date": "2026-01-07", "template": "dap",
   "sections": {"data": "COMPAT-MARKER-SECTION talked about the house"},
   "observations": [{"theme": "fear", "intensity": 2, "quote": "COMPAT-MARKER-QUOTE"}],
   "signed_at": "2026-01-07T18:00:00Z",
   "addenda": [{"at": "2026-01-08T09:00:00Z", "text": "COMPAT-MARKER-ADDENDUM"}]}]}]}
JSON
"$cli" --vault "$work/v.tessera" init >/dev/null
"$cli" --vault "$work/v.tessera" import "$work/caseload.json" >/dev/null
"$cli" --vault "$work/v.tessera" demo --clients 2 --sessions 5 >/dev/null
# Closing the vault checkpoints the WAL into the main file, which is what the reader reads.
test ! -s "$work/v.tessera-wal"
"$node" "$here/sqlcipher4_check.mjs" "$work/v.tessera" "$TESSERA_PASSPHRASE" \
  COMPAT-MARKER-SECTION COMPAT-MARKER-QUOTE COMPAT-MARKER-ADDENDUM
# A wrong passphrase must fail the independent reader too.
if "$node" "$here/sqlcipher4_check.mjs" "$work/v.tessera" 'not the passphrase' 2>/dev/null; then
  echo "FAIL: the reader accepted a wrong passphrase" >&2
  exit 1
fi
