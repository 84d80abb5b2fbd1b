#!/usr/bin/env python3
"""Native Monte Carlo figures for `make bench`: the whole `funnel-lab
simulate` process against the numpy peer (bench/peer/peer_numpy.py), timed
in the same run on the same scenarios, with the ratios printed.

    python3 bench/native.py --cli target/release/funnel-lab --python VENV/bin/python [--repeats N] [--out FILE]

Figures (median and best of N repeats, wall time):
- 1,000 runs x 52 weeks of the 8-channel preset: Rust on 1 thread and on all
  threads (whole process: start-up, simulation, weekly percentiles, JSON
  written to /dev/null), and the peer (simulation plus the same summaries,
  timed inside Python, so its start-up and numpy import are not counted);
- the same preset at market size 1e10, budget 1e12 per week, 520 weeks,
  200 runs, against the same horizon and runs at size 2e5, budget 1e4: the
  cost per run must not grow with the market (target: at most 3x).

Nothing here passes or fails: it prints a table and writes it (markdown)
to --out.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_cli(cli: str, scenario: Path, *args: str) -> float:
    """Wall time of one whole `funnel-lab simulate` process, in seconds."""
    start = time.perf_counter()
    subprocess.run(
        [cli, "simulate", str(scenario), "--mode", "monte-carlo", *args],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def timed(repeats: int, f) -> tuple[float, float]:
    """(median, best) of `repeats` calls of f(), after one warm-up call."""
    f()
    times = [f() for _ in range(repeats)]
    return statistics.median(times), min(times)


def run_peer(python: str, scenario: Path, repeats: int) -> tuple[float, float]:
    """(median, best) seconds of the numpy peer, as it times itself."""
    out = subprocess.run(
        [python, str(ROOT / "bench/peer/peer_numpy.py"), str(scenario), "--repeat", str(repeats)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result = json.loads(out.strip().splitlines()[-1])
    return result["seconds_median"], result["seconds"]


def preset(cli: str, name: str) -> dict:
    text = subprocess.run([cli, "preset", name], check=True, capture_output=True, text=True).stdout
    return json.loads(text)


def write(directory: Path, name: str, scenario: dict) -> Path:
    path = directory / f"{name}.json"
    path.write_text(json.dumps(scenario))
    return path


def ms(seconds: float) -> str:
    return f"{seconds * 1e3:,.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cli", default=str(ROOT / "target/release/funnel-lab"))
    parser.add_argument("--python", default=sys.executable, help="a Python with numpy, for the peer")
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--out", type=Path)
    a = parser.parse_args()
    threads = os.cpu_count() or 1

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        eight = preset(a.cli, "eight-channels")
        eight["simulation"].update(mode="monte-carlo", runs=1000)
        base = write(tmp, "eight", eight)

        huge = json.loads(json.dumps(eight))
        huge["market"]["size"] = 1e10
        huge["budget"]["per_week"] = 1e12
        huge["weeks"] = 520
        huge["simulation"]["runs"] = 200
        small = json.loads(json.dumps(huge))
        small["market"]["size"] = 2e5
        small["budget"]["per_week"] = 1e4
        huge_path, small_path = write(tmp, "huge", huge), write(tmp, "small", small)

        one = timed(a.repeats, lambda: run_cli(a.cli, base, "--threads", "1"))
        every = timed(a.repeats, lambda: run_cli(a.cli, base, "--threads", str(threads)))
        peer = run_peer(a.python, base, a.repeats)
        stress_repeats = max(3, a.repeats // 2)
        huge_t = timed(stress_repeats, lambda: run_cli(a.cli, huge_path, "--threads", "1"))
        small_t = timed(stress_repeats, lambda: run_cli(a.cli, small_path, "--threads", "1"))

    rows = [
        ("8 channels, 1,000 x 52 weeks, Rust, 1 thread", one, f"{peer[0] / one[0]:.1f}x faster than numpy", "≥ 5x"),
        (f"8 channels, 1,000 x 52 weeks, Rust, {threads} threads", every, f"{peer[0] / every[0]:.1f}x faster than numpy", "≥ 10x"),
        ("8 channels, 1,000 x 52 weeks, numpy peer", peer, "the peer", ""),
        ("size 2e5, budget 1e4, 200 x 520 weeks, 1 thread", small_t, "", ""),
        ("size 1e10, budget 1e12, 200 x 520 weeks, 1 thread", huge_t, f"{huge_t[0] / small_t[0]:.2f}x the small market", "≤ 3x"),
    ]
    header = (
        f"{time.strftime('%Y-%m-%d')}, {platform.processor() or platform.machine()}, {threads} cores, "
        f"load average {os.getloadavg()[0]:.1f}; whole `funnel-lab simulate` processes (JSON to /dev/null), "
        f"median (best) of {a.repeats}; the numpy peer times its simulation and summaries itself"
    )
    table = ["| figure | median (best) | ratio | target |", "| --- | ---: | --- | --- |"]
    table += [f"| {name} | {ms(m)} ({ms(b)}) | {ratio} | {target} |" for name, (m, b), ratio, target in rows]
    text = "\n".join([header, "", *table])
    print(text)
    if a.out:
        a.out.write_text(text + "\n")


if __name__ == "__main__":
    main()
