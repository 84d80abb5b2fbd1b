#!/usr/bin/env python3
"""Correctness self-check of the numpy peer (peer_numpy.py).

Checks, each printed as PASS/FAIL with its worst case:

1. **Linear model, Monte Carlo mean = expected mode.** With
   ``word_of_mouth = 0`` and a sales capacity that never binds
   (``leads_per_rep_per_week = market.size``; or no sales team at all) every
   flow is linear in the stocks, so the mean over runs must match the
   deterministic expected-mode computation: every per-source horizon total
   of the headline flows (new aware, visits, purchases, leads, worked, SQL,
   opportunities, won, lost, cold, churned, new customers, revenue) within
   4 standard errors (SE = sample SD / sqrt(runs)), and every weekly
   total-row flow and stock within a Bonferroni limit (about 4.9 SE for
   ~1,000 cells, family-wise false alarm rate 1e-3; a flat 4 SE over 1,000
   cells would fail a correct engine on a few per cent of seeds). Values
   with zero SE must match to 1e-9 relative. The expected mode is the same
   step function with every draw replaced by its expected value, so this
   tests the draws: binomials, conditional multinomials, the new-aware
   split, the Gamma deal values, the pipeline stages.
2. **People are conserved**, every week in every run:
   ``U + ΣA + ΣM + ΣO + ΣC + X = N`` exactly (integer counts), and no stock
   or flow is ever negative — on nonlinear scenarios (word of mouth on,
   binding capacity, pipeline stages, certain reach, 1e10-person markets,
   queues beyond numpy's hypergeometric limit).
3. **Worked-leads split**: per-group mean and variance of the multivariate
   hypergeometric draw match the exact formulas, for numpy's sequential
   hypergeometric draws and, for queues of 1e9 leads and more (beyond
   numpy's hypergeometric), for the exact urn.
4. With ``--rust-cli PATH`` (a built ``funnel-lab``): the peer's expected mode
   equals the Rust engine's expected mode to 1e-9 relative (every week, row,
   metric and KPI), which tests the equations the two modes share; and the
   Rust Monte Carlo means of the weekly totals and horizon KPIs agree with
   the peer's within 5 standard errors of the difference on the nonlinear
   benchmark scenarios (word of mouth on, capacity binding).

Usage: ``python check_peer.py [--runs N] [--rust-cli target/debug/funnel-lab]``.
Exit status 0 when every check passes, 1 otherwise.
"""

from __future__ import annotations

import argparse
import copy
import json
import math
import os
import subprocess
import sys
from statistics import NormalDist

import numpy as np

import peer_numpy as peer

HERE = os.path.dirname(os.path.abspath(__file__))
SCENARIOS = os.path.join(HERE, "scenarios")

#: Weekly total-row values compared in the linear check.
HEADLINE = ("new_aware", "visits", "purchases", "leads", "worked", "sql",
            "opportunities", "won", "lost", "cold", "churned", "new_customers",
            "revenue", "unaware", "aware", "mql_backlog",
            "open_opportunities", "customers", "churned_total")
#: Per-source horizon totals compared in the linear check.
TOTALS = ("new_aware", "visits", "purchases", "leads", "worked", "sql",
          "opportunities", "won", "lost", "cold", "churned", "new_customers", "revenue")


def load(name: str) -> dict:
    with open(os.path.join(SCENARIOS, name), encoding="utf-8") as f:
        return json.load(f)


def variant(doc: dict, name: str, **changes) -> dict:
    """A copy of a scenario document with dotted-path fields replaced."""
    d = copy.deepcopy(doc)
    d["name"] = name
    for path, value in changes.items():
        *parents, leaf = path.split("__")
        node = d
        for p in parents:
            node = node[p]
        node[leaf] = value
    return d


def linear(doc: dict, name: str, **changes) -> dict:
    """Word of mouth off and a capacity no queue can exceed: a linear model."""
    d = variant(doc, name, market__word_of_mouth=0.0, **changes)
    if d["sales"]["reps"] > 0:
        d["sales"]["leads_per_rep_per_week"] = d["market"]["size"]
    return d


def certain_reach() -> dict:
    """One channel whose reach probability is exactly 1 every week (reach
    cap 1, impressions ≫ people) next to a normal one: the certain-reach rule."""
    d = load("spec_example.json")
    d["name"] = "certain reach"
    d["channels"][0].update(reach_cap=1.0, awareness_per_impression=1.0, cpm=0.001)
    return d


def huge_queue(capacity_per_rep: float) -> dict:
    """A 1e10 market whose lead queue passes 1e9 within weeks (everyone
    reached, frequent visits, every visit a lead, leads never go cold)."""
    d = load("spec_example.json")
    d["name"] = f"huge queue, capacity {capacity_per_rep:g}/rep"
    d["weeks"] = 12
    d["market"].update(size=1e10, forget_rate=0.0, organic_engagement_rate=0.5, organic_lead_rate=1.0)
    d["budget"]["per_week"] = 1e12
    for c in d["channels"]:
        c.update(reach_cap=1.0, engagement_rate=0.5, lead_rate=1.0)
    d["sales"].update(lead_decay=0.0, leads_per_rep_per_week=capacity_per_rep)
    return d


class Results:
    """Collects PASS/FAIL lines."""

    def __init__(self):
        self.failed = 0

    def report(self, ok: bool, label: str, detail: str) -> None:
        self.failed += not ok
        print(f"{'PASS' if ok else 'FAIL'}  {label}: {detail}", flush=True)


def event_units(model, metrics) -> np.ndarray:
    """Per metric, the value one random event adds: 1 person for counts; for
    revenue the largest of a deal (its second moment over its mean,
    deal_value·(1 + cv²)), an order and a week of recurring revenue."""
    rev = model.deal_value * (1 + model.deal_value_cv ** 2)
    rev = max(rev, model.order_value, model.recurring, 1.0)
    return np.array([rev if m == "revenue" else 1.0 for m in metrics])


def standard_errors(samples: np.ndarray, reference: np.ndarray, units: np.ndarray) -> np.ndarray:
    """SE of the mean over axis 0 (runs).

    A rare event (a churned customer in week 3, a lead left over in a week
    where capacity almost always suffices) is seen in few runs or none, and
    then the sample SD underestimates the spread (it is 0 when no run saw
    one). Where fewer than 10 % of the runs differ from the median, the
    variance is floored at the Poisson variance of events of size ``unit``
    with mean ``|reference|``: unit × |reference|.
    """
    runs = samples.shape[0]
    var = samples.var(axis=0, ddof=1) if runs > 1 else np.zeros(samples.shape[1:])
    off_median = (samples != np.median(samples, axis=0)).mean(axis=0)
    floor = units * np.abs(reference)
    var = np.where(off_median < 0.1, np.maximum(var, floor), var)
    return np.sqrt(var / runs)


def z_scores(samples: np.ndarray, expected: np.ndarray, units: np.ndarray):
    """|mean − expected| / SE over axis 0. Truly deterministic cells (zero
    spread and zero SE) must match to 1e-9 relative: returns their worst
    relative error separately."""
    mean = samples.mean(axis=0)
    se = standard_errors(samples, expected, units)
    diff = np.abs(mean - expected)
    spread = se > 0
    z = np.where(spread, diff / np.where(spread, se, 1.0), 0.0)
    rel = np.where(spread, 0.0, diff / np.maximum(1.0, np.abs(expected)))
    return z, rel


def check_linear(res: Results, doc: dict, runs: int, seed: int) -> None:
    scenario = peer.parse_scenario(doc)
    model = peer.Model(scenario)
    exp = peer.expected(model)["trace"]  # (weeks, rows, metrics)
    idx = [peer.M[m] for m in HEADLINE]
    weekly = np.empty((runs, model.weeks, len(idx)))
    sums = np.zeros((runs, model.sources, len(peer.METRICS)))

    def collect(week, state, rows):
        weekly[:, week, :] = rows[:, -1, idx]
        sums[:] += rows[:, :-1, :]

    peer.monte_carlo(model, runs, seed, on_week=collect)
    z_w, rel_w = z_scores(weekly, exp[:, -1, idx], event_units(model, HEADLINE))
    tot_idx = [peer.M[m] for m in TOTALS]
    z_t, rel_t = z_scores(sums[:, :, tot_idx], exp[:, :-1, tot_idx].sum(axis=0),
                          event_units(model, TOTALS))
    rel = max(rel_w.max(), rel_t.max())
    weekly_limit = bonferroni(z_w.size)
    where = np.unravel_index(np.argmax(z_w), z_w.shape)
    where_t = np.unravel_index(np.argmax(z_t), z_t.shape)
    ok = z_t.max() <= 4.0 and z_w.max() <= weekly_limit and rel <= 1e-9
    res.report(ok, f"linear MC mean = expected [{doc['name']}]",
               f"{runs} runs; {z_t.size} horizon totals (per source): max |z| = {z_t.max():.2f} "
               f"({model.names[where_t[0]]} {TOTALS[where_t[1]]}; limit 4); "
               f"{z_w.size} weekly totals: max |z| = {z_w.max():.2f} (week {where[0] + 1} "
               f"{HEADLINE[where[1]]}; limit {weekly_limit:.2f}), over 3 SE: {int((z_w > 3).sum())} "
               f"(~{0.0027 * z_w.size:.0f} expected by chance); zero-spread max rel. error {rel:.1e}")


def bonferroni(cells: int, family_error: float = 1e-3) -> float:
    """|z| limit for ``cells`` comparisons with a family-wise false alarm rate
    of ``family_error``: with ~1,000 weekly cells a 4-SE limit per cell would
    fail a correct engine on a few per cent of seeds."""
    return max(4.0, NormalDist().inv_cdf(1.0 - family_error / (2.0 * cells)))


def check_conservation(res: Results, doc: dict, runs: int, seed: int) -> None:
    scenario = peer.parse_scenario(doc)
    model = peer.Model(scenario)
    size = int(model.size)
    worst = {"people": 0, "negative": 0, "weeks": 0}

    def conserve(week, st, rows):
        worst["weeks"] += 1
        worst["people"] = max(worst["people"], int(np.abs(st.people() - size).max()))
        stocks = min(st.u.min(), st.a.min(), st.m.min(), st.o.min(), st.c.min(), st.x.min())
        # Gross profit is the only value that may be negative.
        flows = np.delete(rows, peer.M["gross_profit"], axis=2).min()
        worst["negative"] = min(worst["negative"], float(stocks), float(flows))
        assert st.u.dtype == np.int64 and st.a.dtype == np.int64

    peer.monte_carlo(model, runs, seed, on_week=conserve)
    ok = worst["people"] == 0 and worst["negative"] >= 0
    res.report(ok, f"people conserved [{doc['name']}]",
               f"{runs} runs × {worst['weeks']} weeks, N = {size:.3g}: max |people − N| = "
               f"{worst['people']}, most negative stock/flow = {worst['negative']}")


def check_worked_split(res: Results, seed: int) -> None:
    """The multivariate hypergeometric split of the worked leads against its
    exact per-group mean and variance: numpy's sequential hypergeometric
    draws (queues below 1e9), and above numpy's 1e9 limit the exact urn and
    its "draw what stays behind" path."""
    rng = np.random.default_rng(seed)
    draws = peer.RandomDraws(rng)
    runs = 20000
    lines, ok = [], True
    for groups, ks in (([60, 90, 50, 0, 3], (1, 30, 190)),
                       ([6 * 10**8, 9 * 10**8, 5 * 10**8, 3], (300, 2 * 10**9 + 3 - 300))):
        groups = np.array(groups, dtype=np.int64)
        pop = int(groups.sum())
        for k in ks:
            g = np.tile(groups, (runs, 1))
            out = draws.draw_from_groups(np.full(runs, k, dtype=np.int64), g)
            if not (out.sum(axis=1) == k).all() or (out > g).any() or (out < 0).any():
                ok = False
            share = groups / pop
            mean = k * share
            var = k * share * (1 - share) * (pop - k) / (pop - 1)
            se = np.sqrt(var / runs)
            z = np.abs(out.mean(axis=0) - mean) / np.where(se > 0, se, 1)
            # The sample variance of a near-normal count has SE ≈ var·sqrt(2/runs);
            # only groups with a sizeable variance are tested.
            big = var > 1
            vz = np.abs(out.var(axis=0, ddof=1) - var) / np.where(var > 0, var * math.sqrt(2 / runs), 1)
            vmax = float(vz[big].max()) if big.any() else 0.0
            ok &= bool(z.max() <= 4 and vmax <= 4)
            lines.append(f"N = {pop:.3g}, k = {k}: mean |z| ≤ {z.max():.2f}, variance |z| ≤ {vmax:.2f}")
    res.report(ok, "worked-leads split = multivariate hypergeometric", "; ".join(lines))


# ---------------------------------------------------------------------------
# Against the Rust engine (optional)
# ---------------------------------------------------------------------------

def rust_json(cli: str, doc: dict, *flags: str) -> dict:
    text = json.dumps(doc)
    done = subprocess.run([cli, "simulate", "-", *flags], input=text, capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout)


def check_rust_expected(res: Results, cli: str, doc: dict) -> None:
    scenario = peer.parse_scenario(doc)
    model = peer.Model(scenario)
    ours = peer.expected(model)
    theirs = rust_json(cli, doc, "--mode", "expected")
    worst, where = 0.0, ""
    names = model.names
    for w, week in enumerate(theirs["weeks"]):
        rows = [(model.sources, week["total"])] + [(s, week["by_source"][names[s]])
                                                    for s in range(model.sources)]
        for r, row in rows:
            for metric, value in row.items():
                if value is None:
                    continue
                a = ours["trace"][w, r, peer.M[metric]]
                err = abs(a - value) / max(1.0, abs(value))
                if err > worst:
                    worst, where = err, f"week {w + 1} {names[r] if r < model.sources else 'total'} {metric}"
    for name, value in theirs["kpis"].items():
        if name == "by_source":
            continue
        a = ours["kpis"][name]
        if value is None or math.isnan(a):
            if (value is None) != math.isnan(a):
                worst, where = math.inf, f"kpi {name}: none in one engine only"
            continue
        err = abs(a - value) / max(1.0, abs(value))
        if err > worst:
            worst, where = err, f"kpi {name}"
    res.report(worst <= 1e-9, f"expected mode = Rust expected mode [{doc['name']}]",
               f"max relative difference {worst:.1e}" + (f" ({where})" if where else ""))


def check_rust_monte_carlo(res: Results, cli: str, doc: dict, runs: int, seed: int) -> None:
    """Rust and numpy Monte Carlo means agree within 5 SE of the difference
    (both engines' runs are independent samples of the same model; the
    peer's sample SD stands for both)."""
    scenario = peer.parse_scenario(doc)
    model = peer.Model(scenario)
    idx = [peer.M[m] for m in HEADLINE]
    weekly = np.empty((runs, model.weeks, len(idx)))

    def collect(week, state, rows):
        weekly[:, week, :] = rows[:, -1, idx]

    ours = peer.monte_carlo(model, runs, seed, on_week=collect)
    theirs = rust_json(cli, doc, "--mode", "monte-carlo", "--runs", str(runs))
    rust_mean = np.array([[week["total"][m]["mean"] for m in HEADLINE] for week in theirs["weeks"]])
    # SE of a difference of two independent means of equal size.
    reference = np.maximum(np.abs(rust_mean), np.abs(weekly.mean(axis=0)))
    se = standard_errors(weekly, reference, event_units(model, HEADLINE)) * math.sqrt(2.0)
    diff = np.abs(weekly.mean(axis=0) - rust_mean)
    z = np.where(se > 0, diff / np.where(se > 0, se, 1),
                 np.where(diff > 1e-9 * np.maximum(1, np.abs(rust_mean)), np.inf, 0))
    kz = []
    for name in ("new_customers", "won", "leads", "sql", "opportunities", "visits", "new_aware",
                 "revenue", "gross_profit", "leads_gone_cold", "customers_end"):
        v = ours["kpi_values"][name]
        s = v.std(ddof=1) * math.sqrt(2.0 / runs)
        d = abs(v.mean() - theirs["kpis"][name]["mean"])
        kz.append(d / s if s > 0 else (0.0 if d <= 1e-9 * max(1, abs(v.mean())) else math.inf))
    # Per source: who gets worked (the hypergeometric split) shows here.
    sums = ours["source_totals"]
    for s, name in enumerate(model.names):
        for metric in ("leads", "new_customers"):
            v = sums[:, s, peer.M[metric]]
            sd = v.std(ddof=1) * math.sqrt(2.0 / runs)
            d = abs(v.mean() - theirs["kpis"]["by_source"][name][metric]["mean"])
            kz.append(d / sd if sd > 0 else (0.0 if d <= 1e-9 * max(1, abs(v.mean())) else math.inf))
    limit = bonferroni(z.size)
    where = np.unravel_index(np.argmax(z), z.shape)
    ok = max(kz) <= 5.0 and z.max() <= limit
    res.report(ok, f"Monte Carlo means = Rust Monte Carlo means [{doc['name']}]",
               f"{runs} runs each; {len(kz)} horizon totals: max |z| = {max(kz):.2f} (limit 5); "
               f"{z.size} weekly totals: max |z| = {z.max():.2f} (week {where[0] + 1} {HEADLINE[where[1]]}; "
               f"limit {limit:.2f}), over 3 SE: {int((z > 3).sum())} (~{0.0027 * z.size:.0f} expected by chance)")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=2000, help="Monte Carlo runs per linear check")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--rust-cli", help="a built funnel-lab binary to compare with")
    args = ap.parse_args(argv)
    res = Results()
    spec, eight = load("spec_example.json"), load("eight_channels.json")
    shop, local = load("dtc-shop.json"), load("local-services.json")
    enterprise = load("b2b-enterprise.json")

    print("1. Linear model (word of mouth 0, ample capacity): Monte Carlo mean vs expected mode")
    for doc in (linear(spec, "spec example"),
                linear(eight, "8 channels"),
                linear(eight, "8 channels, 4 pipeline stages", sales__pipeline_stages=4),
                linear(enterprise, "enterprise, 39-week cycle in 12 stages", sales__pipeline_stages=12),
                linear(shop, "shop: no sales team, purchases + recurring revenue"),
                linear(certain_reach(), "certain reach")):
        check_linear(res, doc, args.runs, args.seed)

    print("2. Conservation of people (nonlinear scenarios)")
    for doc, runs in ((spec, 500), (eight, 500),
                      (variant(eight, "8 channels, 6 stages", sales__pipeline_stages=6), 300),
                      (shop, 300), (local, 300), (certain_reach(), 300),
                      (variant(load("stress_eight_channels.json"), "stress, 104 weeks", weeks=104), 50),
                      (huge_queue(100.0), 50), (huge_queue(1e6), 20)):
        check_conservation(res, doc, runs, args.seed)

    print("3. Worked-leads split (multivariate hypergeometric), below and above numpy's 1e9 limit")
    check_worked_split(res, args.seed)

    if args.rust_cli:
        print(f"4. Against the Rust engine ({args.rust_cli})")
        for doc in (spec, eight, shop, local, enterprise):
            check_rust_expected(res, args.rust_cli, doc)
        for doc in (spec, eight, local):
            check_rust_monte_carlo(res, args.rust_cli, doc, 1000, args.seed)

    print("ALL PASS" if res.failed == 0 else f"{res.failed} CHECK(S) FAILED")
    return 0 if res.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
