#!/usr/bin/env bash
# Installs the independent checkers the test suite runs on what Tessera writes (the W3C Nu HTML
# checker, markdownlint, ajv with ajv-formats) into tests/node/node_modules, at the versions pinned
# by tests/node/package-lock.json. Nothing is installed globally. Without them the tests that use
# them report "SKIP".
set -euo pipefail
cd "$(dirname "$0")/../tests/node"
npm ci --no-audit --no-fund
