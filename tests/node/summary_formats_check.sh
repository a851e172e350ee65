#!/usr/bin/env bash
# Checks the Markdown and HTML supervision summaries tessera-cli writes for a demo vault with
# independent tools: the W3C Nu HTML checker (npm vnu-jar, run with Java) and markdownlint
# (npm markdownlint-cli2, with tests/node/summary.markdownlint.jsonc, documented in
# docs/summaries.md). Prints "SKIP: why" when Java or the npm packages are missing.
set -euo pipefail
cli=$1
node=${2:-node}
here=$(cd "$(dirname "$0")" && pwd)
vnu="$here/node_modules/vnu-jar/build/dist/vnu.jar"
lint="$here/node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs"
if [[ ! -f "$vnu" || ! -f "$lint" ]]; then
  echo "SKIP: vnu-jar or markdownlint-cli2 is not installed (run scripts/install-test-tools.sh)"
  exit 0
fi
if ! command -v java >/dev/null; then
  echo "SKIP: no Java to run the Nu HTML checker (apt-get install default-jre-headless)"
  exit 0
fi
source "$here/common.sh"
demo_vault 2 30
codes=$("$cli" --vault "$work/v.tessera" clients | awk 'NR > 1 {print $1}')
[[ -n $codes ]] || { echo "FAIL: the demo vault lists no clients" >&2; exit 1; }
for code in $codes; do
  for format in md html; do
    "$cli" --vault "$work/v.tessera" summary --client "$code" --format "$format" --out "$work/$code.$format" \
      --sections presenting,interventions >/dev/null 2>&1
  done
done
# An unknown --sections key is refused with the valid ones, and nothing is written.
if "$cli" --vault "$work/v.tessera" summary --client "${codes%%$'\n'*}" --format md --out "$work/refused.md" \
  --sections nonsense 2>"$work/refused.err"; then
  echo "FAIL: --sections accepted an unknown key" >&2
  exit 1
fi
grep -q "Unknown section 'nonsense' for --sections: the templates' other sections are presenting" "$work/refused.err"
test ! -e "$work/refused.md"
# --errors-only would hide warnings; every message fails the check.
java -jar "$vnu" --Werror "$work"/*.html
cp "$here/summary.markdownlint.jsonc" "$work/.markdownlint.jsonc"
(cd "$work" && "$node" "$lint" ./*.md)
echo "summary formats check: $(echo $codes | wc -w) clients, HTML valid, Markdown lint clean"
