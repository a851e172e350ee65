#!/usr/bin/env bash
# Checks interchange files against docs/interchange.schema.json with an independent validator
# (ajv, run by the Node that CMake found): the CLI's export of a demo vault and the example in
# docs/interchange.md must be valid, and documents that break the format must be rejected.
set -euo pipefail
cli=$1
node=${2:-node}
here=$(cd "$(dirname "$0")" && pwd)
schema="$here/../../docs/interchange.schema.json"
if [[ ! -d "$here/node_modules/ajv" || ! -d "$here/node_modules/ajv-formats" ]]; then
  echo "SKIP: ajv is not installed (run scripts/install-test-tools.sh)"
  exit 0
fi
source "$here/common.sh"
demo_vault 3 12
# A client with a case formulation (kept in the vault, written back by export).
cat > "$work/formulation.json" <<'JSON'
{"format": "tessera.caseload", "version": 1, "clients": [{"code": "F-1",
 "formulation": "Presenting: self-blame after years of criticism.\nGoals: a safe space.",
 "sessions": [{"date": "2026-01-07", "observations": [{"theme": "fear", "intensity": 2}]}]}]}
JSON
"$cli" --vault "$work/v.tessera" import "$work/formulation.json" >/dev/null
"$cli" --vault "$work/v.tessera" export "$work/export.json" >/dev/null 2>&1
grep -qF '"formulation": "Presenting: self-blame after years of criticism.\nGoals: a safe space."' "$work/export.json" ||
  { echo "FAIL: the export lost the case formulation" >&2; exit 1; }
# The complete example of docs/interchange.md (its first json block).
awk '/^```json$/{on=1; next} /^```$/{if (on) exit} on' "$here/../../docs/interchange.md" > "$work/example.json"
"$node" "$here/validate_interchange.mjs" "$schema" "$work/export.json" "$work/example.json"

# Each of these breaks one rule and must be rejected.
valid='{"format": "tessera.caseload", "version": 1, "clients": [{"code": "C-1", "sessions": [
  {"date": "2026-01-07", "observations": [{"theme": "fear", "intensity": 2}],
   "signed_at": "2026-01-07T18:00:00Z"}]}]}'
echo "$valid" > "$work/valid.json"
"$node" "$here/validate_interchange.mjs" "$schema" "$work/valid.json" >/dev/null
n=0
while IFS='|' read -r what from to; do
  n=$((n + 1))
  echo "${valid/"$from"/"$to"}" > "$work/invalid-$n.json"
  if "$node" "$here/validate_interchange.mjs" "$schema" "$work/invalid-$n.json" >/dev/null; then
    echo "FAIL: the schema accepted a document with $what" >&2
    exit 1
  fi
done <<'CASES'
another format|"tessera.caseload"|"tessera.other"
version 2|"version": 1|"version": 2
no version|"version": 1, |
an intensity of 4|"intensity": 2|"intensity": 4
an intensity as text|"intensity": 2|"intensity": "2"
a date that is not a date|"2026-01-07"|"2026-02-30"
a date in another form|"2026-01-07"|"07/01/2026"
a timestamp without a zone|"2026-01-07T18:00:00Z"|"2026-01-07T18:00:00"
a client code with a space|"C-1"|"C 1"
a theme key in capitals|"fear"|"Fear"
a session without a date|"date": "2026-01-07", |
a formulation that is not text|"code": "C-1", |"code": "C-1", "formulation": 3, 
CASES
echo "schema check: export and example valid, $n invalid documents rejected"
