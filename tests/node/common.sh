# Shared by the checks in this folder: sourced after `cli`, `node` and `here` are set. Makes a
# temporary folder (removed on exit) with a fresh demo vault in it.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export TESSERA_PASSPHRASE='independent check passphrase'
demo_vault() { # clients sessions
  "$cli" --vault "$work/v.tessera" init >/dev/null
  "$cli" --vault "$work/v.tessera" demo --clients "$1" --sessions "$2" >/dev/null
}
