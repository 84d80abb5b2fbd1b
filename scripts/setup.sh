#!/usr/bin/env bash
# Installs everything Funnel Lab needs to build, serve and test, skipping
# whatever is already present at the right version. Safe to run repeatedly
# (and concurrently: a lock makes a second run wait for the first); prints
# nothing when all is installed.
#
#   scripts/setup.sh          everything (build + in-browser and end-to-end tests)
#   scripts/setup.sh build    only what `trunk serve` / `trunk build` need
#
# Nothing here downloads a prebuilt binary: tools come from crates.io, npm
# and Debian's packages only (Trunk is told never to fetch its own tools).
set -euo pipefail
cd "$(dirname "$0")/.."

want=${1:-all}
case $want in all | build) ;; *) echo "usage: $0 [all|build]" >&2; exit 2 ;; esac

TRUNK_VERSION=0.21.14
NODE_MAJOR_MIN=20
# wasm-bindgen-cli must equal the wasm-bindgen that Cargo.lock pins, or the
# generated JS glue and the wasm disagree.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

say() { printf '[setup] %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }
quiet() { # run a command, showing its output only if it fails
  local log status=0
  log=$(mktemp)
  "$@" >"$log" 2>&1 || status=$?
  if [ "$status" -ne 0 ]; then cat "$log" >&2; fi
  rm -f "$log"
  return "$status"
}
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Two setups at once (say `make serve` in one terminal, `make test` in
# another) would build the same tools twice: let the second wait.
mkdir -p target
if command -v flock >/dev/null; then
  exec 9>target/.setup.lock
  flock 9
fi

command -v cargo >/dev/null || die "cargo not found: install Rust with rustup (https://rustup.rs) first"
[ -n "$WASM_BINDGEN_VERSION" ] || die "no wasm-bindgen in Cargo.lock"
command -v node >/dev/null || die "node not found: install Node.js $NODE_MAJOR_MIN or newer"
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge "$NODE_MAJOR_MIN" ] || die "Node.js $NODE_MAJOR_MIN or newer needed, found $(node --version)"

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  quiet rustup target add wasm32-unknown-unknown
fi

# rustfmt: the native tests check the formatting (rustfmt.toml).
if ! cargo fmt --version >/dev/null 2>&1; then
  say "adding the rustfmt component"
  quiet rustup component add rustfmt
fi

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (about 10 minutes the first time)"
  quiet cargo install --locked trunk --version "$TRUNK_VERSION"
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ] \
   || ! command -v wasm-bindgen-test-runner >/dev/null; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 3 minutes the first time)"
  # --locked fails on this crate's lockfile here; the version pin is what matters.
  quiet cargo install --force wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# npm tools: wasm-opt (binaryen 132, which Trunk.toml pins) and, for the
# end-to-end tests, playwright-core (it drives Debian's Chromium; it never
# downloads a browser of its own) and axe-core (the accessibility checks).
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ] \
   || [ package.json -nt node_modules/.package-lock.json ] \
   || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm tools (binaryen, playwright-core, axe-core)"
  quiet npm ci --no-audit --no-fund
fi

if [ "$want" = all ]; then
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    say "installing Debian chromium and chromium-driver"
    export DEBIAN_FRONTEND=noninteractive
    quiet as_root apt-get update
    quiet as_root apt-get install -y --no-install-recommends chromium chromium-driver
  fi
fi
