# Funnel Lab: two commands for a newcomer.
#
#   make serve   install what is missing, then serve the app on http://127.0.0.1:8080
#   make test    install what is missing, then run every test (native, in-browser,
#                release build, end-to-end); .ci/run runs exactly this
#   make bench   native benchmarks (samplers, engine, CLI vs the numpy peer) + browser
#                benchmark; figures in bench/results.md
#   make bench-ab BASE=<rev>   the command line of <rev> against the working tree,
#                in interleaved runs (PAIRS=9, THREADS=1)
#
# Finer steps: make setup | test-native | test-wasm | dist | e2e | bench-native |
# bench-browser | preview (serves the release dist/ like a static host).
#
# Tools live in ~/.cargo/bin (trunk, wasm-bindgen) and node_modules/.bin
# (wasm-opt); scripts/setup.sh installs them, quietly skipping what is there.

SHELL := /usr/bin/env bash
.SHELLFLAGS := -euo pipefail -c
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)
# Trunk must never reach for the network (tool downloads, update checks).
export TRUNK_SKIP_VERSION_CHECK := true

PORT ?= 8080

.PHONY: serve test bench setup setup-build test-native test-wasm dist e2e \
        bench-native bench-browser bench-ab preview

# The dev server builds into target/ so dist/ stays the release build the
# end-to-end tests and the benchmark use.
serve: setup-build
	trunk serve --offline --address 127.0.0.1 --port $(PORT) --dist target/trunk-serve

test: setup
	@scripts/test.sh

bench: bench-native bench-browser

setup:
	@scripts/setup.sh all

setup-build:
	@scripts/setup.sh build

test-native:
	@scripts/test.sh native

test-wasm: setup
	@scripts/test.sh wasm

# The split at the first chart profiles the build in headless Chromium, so
# dist needs the full setup.
dist: setup
	@scripts/test.sh dist

e2e: setup
	@scripts/test.sh dist e2e

# Engine micro-benchmarks (samplers, Monte Carlo per thread count), then
# whole `funnel-lab simulate` processes against the numpy peer (numpy is
# installed into target/bench-venv for the benchmark only).
bench-native:
	@mkdir -p target
	cargo bench -p funnel-samplers --bench draws | tee target/bench-native.txt
	cargo bench -p funnel-engine --bench throughput | tee -a target/bench-native.txt
	cargo bench -p funnel-engine --bench decide | tee -a target/bench-native.txt
	cargo build --release -p funnel-lab-cli
	@bench/peer/setup_peer.sh target/bench-venv
	target/bench-venv/bin/python bench/native.py --cli target/release/funnel-lab \
		--python target/bench-venv/bin/python --out target/bench-cli.md

bench-browser: setup
	@scripts/test.sh dist
	node bench/browser.mjs

# Interleaved A/B of the command line: BASE (a git revision) against the
# working tree, alternating runs so the VM's drift hits both alike.
PAIRS ?= 9
THREADS ?= 1
bench-ab:
	@[ -n "$(BASE)" ] || { echo "make bench-ab needs BASE=<git revision>" >&2; exit 2; }
	bench/ab.sh --pairs $(PAIRS) --threads $(THREADS) $(BASE)

preview: dist
	node tests/e2e/lib/server.mjs dist $(PORT)
