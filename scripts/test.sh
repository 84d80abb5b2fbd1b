#!/usr/bin/env bash
# Runs Funnel Lab's tests and prints one summary at the end.
#
#   scripts/test.sh                    every step, in order
#   scripts/test.sh native wasm ...    only the named steps
#
# Steps:
#   native  cargo fmt --check, then cargo test (engine, CLI; tests/*_wasm.rs compile to nothing)
#   wasm    cargo test --target wasm32-unknown-unknown on tests/*_wasm.rs, in
#           headless Chromium through wasm-bindgen-test-runner
#   dist    trunk build --release --offline (the static site in dist/), then
#           scripts/split-wasm.mjs: the page's wasm split at the first chart
#   e2e     node --test tests/e2e/*.test.mjs: Playwright against dist/
#
# Expects the tools from scripts/setup.sh on PATH (the Makefile sets PATH).
# Stops at the first failing step; its output says what failed.
set -euo pipefail
cd "$(dirname "$0")/.."

steps=("$@")
[ ${#steps[@]} -gt 0 ] || steps=(native wasm dist e2e)

logs=target/test-logs
mkdir -p "$logs"
rm -f "$logs"/*.log

# wasm-bindgen-test-runner: Debian's chromedriver and Chromium, with the
# same offline-friendly flags as the end-to-end tests; generous timeouts
# because CI has two cores.
export CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}
export WASM_BINDGEN_TEST_WEBDRIVER_JSON=${WASM_BINDGEN_TEST_WEBDRIVER_JSON:-$PWD/scripts/webdriver.json}
export WASM_BINDGEN_TEST_TIMEOUT=${WASM_BINDGEN_TEST_TIMEOUT:-120}
export WASM_BINDGEN_TEST_ONLY_WEB=1
# Trunk: never look for updates or tools online.
export TRUNK_SKIP_VERSION_CHECK=true

banner() { printf '\n==> %s\n' "$*"; }
run_logged() { # name command...: run, mirror output to the terminal and a log
  local name=$1; shift
  "$@" 2>&1 | tee "$logs/$name.log"
}

for step in "${steps[@]}"; do
  case $step in
    native)
      banner "formatting: cargo fmt --check (rustfmt.toml)"
      cargo fmt --version >/dev/null 2>&1 || { echo "rustfmt is missing: run make setup (rustup component add rustfmt)" >&2; exit 1; }
      run_logged fmt cargo fmt --all --check
      banner "native tests: cargo test"
      run_logged native cargo test --workspace --quiet
      ;;
    wasm)
      banner "in-browser tests: cargo test --target wasm32-unknown-unknown (headless Chromium)"
      shopt -s nullglob
      wasm_tests=(tests/*_wasm.rs)
      shopt -u nullglob
      if [ ${#wasm_tests[@]} -eq 0 ]; then
        echo "no in-browser tests found (tests/*_wasm.rs)" >&2
        exit 1
      fi
      args=()
      for f in "${wasm_tests[@]}"; do args+=(--test "$(basename "$f" .rs)"); done
      run_logged wasm cargo test -p funnel-lab --target wasm32-unknown-unknown "${args[@]}"
      ;;
    dist)
      banner "release build: trunk build --release --offline"
      run_logged dist trunk build --release --offline
      banner "first-chart split: scripts/split-wasm.mjs (crates/split, profiled in headless Chromium)"
      cargo build --quiet -p funnel-lab-split
      run_logged split node scripts/split-wasm.mjs --split-tool target/debug/funnel-lab-split dist
      ;;
    e2e)
      banner "end-to-end tests: node --test tests/e2e (Playwright, Chromium, release dist/)"
      [ -f dist/index.html ] || { echo "dist/index.html missing: run the dist step first" >&2; exit 1; }
      # The native command line, which one test holds the browser's numbers against.
      cargo build --release --quiet -p funnel-lab-cli
      run_logged e2e node --test --test-concurrency=1 --test-reporter=spec tests/e2e/*.test.mjs
      ;;
    *)
      echo "unknown step '$step' (native, wasm, dist, e2e)" >&2
      exit 2
      ;;
  esac
done

# One summary from the runners' own closing lines: cargo's and
# wasm-bindgen-test-runner's "test result: ok. N passed; M failed; K ignored"
# and node's "ℹ pass N" / "ℹ fail N" / "ℹ skipped N".
count_cargo() { # log field -> sum of "N <field>" in cargo's result lines
  [ -f "$1" ] || { echo 0; return; }
  grep -ao "test result: [A-Za-z]*\. .*" "$1" \
    | grep -ao "[0-9]\+ $2" | awk '{s += $1} END {print s + 0}'
}
count_node() { # log field -> N from node's summary line "ℹ <field> N" (or TAP "# <field> N")
  [ -f "$1" ] || { echo 0; return; }
  grep -a -E "^(ℹ|#) $2 [0-9]+$" "$1" | awk '{s += $3} END {print s + 0}'
}

ran_tests=false
for step in "${steps[@]}"; do [ "$step" = dist ] || ran_tests=true; done
$ran_tests || exit 0

banner "summary"
total_pass=0 total_fail=0 total_skip=0
for step in "${steps[@]}"; do
  log=$logs/$step.log
  case $step in
    native | wasm)
      p=$(count_cargo "$log" passed) f=$(count_cargo "$log" failed) s=$(count_cargo "$log" ignored)
      label=$([ "$step" = native ] && echo "native (cargo test)" || echo "in-browser (wasm-bindgen-test)")
      ;;
    e2e)
      p=$(count_node "$log" pass) f=$(count_node "$log" fail) s=$(count_node "$log" skipped)
      label="end-to-end (node --test)"
      ;;
    *) continue ;;
  esac
  printf '  %-32s %4d passed  %3d failed  %3d skipped\n' "$label" "$p" "$f" "$s"
  total_pass=$((total_pass + p)) total_fail=$((total_fail + f)) total_skip=$((total_skip + s))
done
if [ "$total_pass" -eq 0 ]; then
  echo "no test ran" >&2
  exit 1
fi
echo "tests: $total_pass passed, $total_fail failed, $total_skip skipped"
[ "$total_fail" -eq 0 ]
