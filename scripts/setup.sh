#!/usr/bin/env bash
# Installs everything Funnel Lab needs to build, serve and test, skipping
# whatever is already present at the right version. Safe to run repeatedly.
#
#   scripts/setup.sh          everything (build + browser tests)
#   scripts/setup.sh build    only what `trunk serve` needs
set -euo pipefail
cd "$(dirname "$0")/.."

want=${1:-all}
TRUNK_VERSION=0.21.14
# wasm-bindgen-cli must equal the wasm-bindgen that Cargo.lock pins.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

say() { printf '[setup] %s\n' "$*" >&2; }
quiet() { # run a command, showing its output only if it fails
  local log; log=$(mktemp)
  if ! "$@" >"$log" 2>&1; then cat "$log" >&2; rm -f "$log"; return 1; fi
  rm -f "$log"
}

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  quiet rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (about 10 minutes the first time)"
  quiet cargo install --locked trunk --version "$TRUNK_VERSION"
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 3 minutes the first time)"
  # --locked fails on this crate's lockfile here; the version pin is what matters.
  quiet cargo install --force wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# npm tools: wasm-opt (binaryen 132) and, for tests, playwright-core.
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] \
   || [ package.json -nt node_modules/.package-lock.json ]; then
  say "installing npm tools (binaryen, playwright-core)"
  quiet npm ci --no-audit --no-fund
fi

if [ "$want" = all ]; then
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    say "installing Debian chromium and chromium-driver"
    export DEBIAN_FRONTEND=noninteractive
    quiet apt-get update
    quiet apt-get install -y --no-install-recommends chromium chromium-driver
  fi
fi
