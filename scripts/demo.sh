#!/usr/bin/env bash
# Command 1: build Tessera and open the desktop app on a fresh demo vault.
# Where there is no display, it renders the main views to PNG files instead (on Xvfb).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset release
cmake --build --preset demo # the app, the CLI and the screenshot tool (CMakePresets.json)

app=build/release/app/tessera
cli=build/release/app/tessera-cli
screenshots=build/release/tests/tessera-screenshots # a test tool: unlocks from the environment
vault_dir="$PWD/demo-vault"
mkdir -p "$vault_dir"
chmod 700 "$vault_dir"
vault="$vault_dir/demo-$(date +%Y%m%d-%H%M%S).tessera"
passphrase="${TESSERA_PASSPHRASE:-demo passphrase}"
# The demo's preferences (recent vaults, theme) stay beside the demo, not in ~/.config.
export XDG_CONFIG_HOME="$vault_dir/config"

TESSERA_PASSPHRASE="$passphrase" "$cli" --vault "$vault" demo
echo
echo "Demo vault: $vault"
echo "Passphrase: $passphrase"
echo

# The app never takes the passphrase from the environment in normal use: the clinician types it.
unset TESSERA_PASSPHRASE
if [[ -n "${DISPLAY:-}" || -n "${WAYLAND_DISPLAY:-}" ]]; then
  echo "Opening Tessera. Type the passphrase above to unlock; Ctrl+L locks, Vault > Quit closes."
  exec "$app" --vault "$vault"
fi

echo "There is no display here (\$DISPLAY and \$WAYLAND_DISPLAY are empty), so Tessera cannot open a window."
echo "Rendering its main views to PNG files on a virtual display (Xvfb) instead..."
shots="$vault_dir/screenshots"
rm -rf "$shots"
# Xvfb picks a free display number itself and writes it to fd 3 (no race with other X servers).
display_file="$vault_dir/xvfb-display"
rm -f "$display_file"
Xvfb -displayfd 3 -screen 0 1440x900x24 -nolisten tcp 3>"$display_file" >"$vault_dir/xvfb.log" 2>&1 &
xvfb_pid=$!
trap 'kill "$xvfb_pid" 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  [[ -s $display_file ]] && break
  sleep 0.1
done
if [[ ! -s $display_file ]]; then
  echo "Xvfb did not start; its output is in $vault_dir/xvfb.log." >&2
  exit 1
fi
if ! paths=$(DISPLAY=":$(head -n 1 "$display_file")" TESSERA_PASSPHRASE="$passphrase" \
               "$screenshots" --vault "$vault" --out "$shots"); then
  echo "Rendering the screenshots failed." >&2
  exit 1
fi
echo
echo "Screenshots of the main views:"
while IFS= read -r path; do
  [[ -n $path ]] && echo "  $path"
done <<<"$paths"
echo
echo "On a machine with a display, run: $app --vault '$vault'"
