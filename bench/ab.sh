#!/usr/bin/env bash
# Interleaved A/B of the command line: is a change faster than a base
# revision? On a shared VM whose speed drifts by ±30 % between minutes,
# only runs taken in alternation say that (`make bench` gives same-run
# ratios against numpy; this compares two builds of our own).
#
#   bench/ab.sh [--pairs N] [--threads T] BASE
#   make bench-ab BASE=<rev> [PAIRS=N] [THREADS=T]
#
# A is BASE, built from a git worktree in target/ab/ with a target dir of
# its own (never shared with the working tree's); B is the working tree's
# release build. Each pair runs A then B (the order alternates every pair)
# on 1,000 runs × 52 weeks of the 8-channel preset in Monte Carlo mode,
# whole processes, JSON to /dev/null. It also checks that both print the
# same bytes, since a speed-up must not change the numbers for a seed.
set -euo pipefail
cd "$(dirname "$0")/.."

pairs=9
threads=1
while [ $# -gt 0 ]; do
  case $1 in
    --pairs) pairs=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    -*) echo "bench/ab.sh: unknown option $1" >&2; exit 2 ;;
    *) break ;;
  esac
done
[ $# -eq 1 ] || { echo "usage: bench/ab.sh [--pairs N] [--threads T] BASE" >&2; exit 2; }
case $pairs in ''|*[!0-9]*|0) echo "bench/ab.sh: --pairs must be a whole number ≥ 1, got $pairs" >&2; exit 2 ;; esac
case $threads in ''|*[!0-9]*|0) echo "bench/ab.sh: --threads must be a whole number ≥ 1, got $threads" >&2; exit 2 ;; esac

base=$(git rev-parse --verify --quiet "$1^{commit}") || { echo "bench/ab.sh: $1 is not a commit" >&2; exit 2; }
short=$(git rev-parse --short "$base")
tree=target/ab/tree-$short
if [ ! -d "$tree" ]; then
  mkdir -p target/ab
  git worktree add --detach --quiet "$tree" "$base"
fi
echo "building A = $short (worktree $tree) and B = the working tree"
CARGO_TARGET_DIR="$PWD/target/ab/target-$short" cargo build --quiet --release -p funnel-lab-cli --manifest-path "$tree/Cargo.toml"
cargo build --quiet --release -p funnel-lab-cli
a=target/ab/target-$short/release/funnel-lab
b=target/release/funnel-lab

scenario=target/ab/eight-1000.json
"$b" preset eight-channels > "$scenario"

if ! cmp -s <("$a" simulate "$scenario" --mode monte-carlo --runs 1000 --threads "$threads") \
            <("$b" simulate "$scenario" --mode monte-carlo --runs 1000 --threads "$threads"); then
  echo "note: A and B print different numbers for this seed (expected only if the change alters the draws)"
fi

ms() { # command...: wall time of one run in ms
  local start end
  start=$(date +%s%N)
  "$@" > /dev/null
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}
run() { ms "$1" simulate "$scenario" --mode monte-carlo --runs 1000 --threads "$threads"; }

times_a=() times_b=()
for i in $(seq "$pairs"); do
  if [ $((i % 2)) -eq 1 ]; then
    times_a+=("$(run "$a")"); times_b+=("$(run "$b")")
  else
    times_b+=("$(run "$b")"); times_a+=("$(run "$a")")
  fi
done

stats() { # values...: "median X ms, best Y ms"
  printf '%s\n' "$@" | sort -n | awk '{v[NR] = $1} END {printf "median %d ms, best %d ms", v[int((NR + 1) / 2)], v[1]}'
}
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
echo "8 channels, 1,000 runs x 52 weeks, $threads thread(s), $pairs interleaved pairs:"
echo "  A $short:        $(stats "${times_a[@]}")"
echo "  B working tree: $(stats "${times_b[@]}")"
awk -v a="$(median "${times_a[@]}")" -v b="$(median "${times_b[@]}")" \
  'BEGIN {printf "  B / A = %.2f (below 1: B is faster)\n", b / a}'
