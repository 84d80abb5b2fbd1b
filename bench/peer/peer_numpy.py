#!/usr/bin/env python3
"""A vectorised numpy implementation of the Funnel Lab model: the benchmark peer.

The Rust engine's Monte Carlo speed is reported as a ratio against this
program, so it runs the *same model* (MODEL.md v1 + "Pipeline stages", as
docs/model.md states the equations) with the same outputs in substance, in
the way a competent numpy programmer would write it: every run at once,
state held in arrays of shape ``(runs, sources)`` (and
``(runs, sources, stages)`` for the sales pipeline), one week at a time.

Semantics follow the Rust engine (``crates/engine/src/model.rs``, ``sampler.rs``):

* every flow is a draw: binomial; competing outcomes as conditional
  binomials (``Binomial(n, p1)``, then ``Binomial(n - x1, p2 / (1 - p1))``);
  the new-aware split over sources as a multinomial done as conditional
  binomials in source order; the worked leads as a multivariate
  hypergeometric done as sequential hypergeometric draws; the value of
  ``n`` won deals as one ``Gamma(n / cv², deal_value · cv²)`` draw;
* sales capacity is ``floor(reps × leads_per_rep_per_week)``, the initial
  aware head count is rounded, "certain reach" (some ``p[s] == 1``) makes
  those sources share the new aware equally;
* weekly means are over all runs, weekly percentiles over the first
  ``R = min(runs, max(50, 16e6 / weekly cells))`` runs, KPI summaries over
  the runs where the KPI is defined (``None`` never becomes NaN in output).

The random streams differ from Rust's (one ``numpy.random.Generator`` for
all runs); only the distributions are the same.

Usage::

    python peer_numpy.py SCENARIO.json [--runs N] [--seed S] [--repeat N] [--out FILE]

Prints one JSON line: ``{"peer": "numpy", "numpy": ..., "runs": R, "weeks": W,
"channels": K, "seconds": best, ...}``; ``--out`` also writes the full
summary (same shape as ``funnel-lab simulate --mode monte-carlo`` JSON).
The timed phase is the simulation plus the summary (not Python start-up,
the numpy import, reading the scenario or writing ``--out``).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time

import numpy as np

# ---------------------------------------------------------------------------
# Output vocabulary (names and order as the Rust engine's Metric / Kpi enums)
# ---------------------------------------------------------------------------

METRICS = (
    "spend", "impressions", "new_aware", "visits", "purchases", "leads",
    "worked", "sql", "opportunities", "won", "lost", "cold", "churned",
    "new_customers", "revenue", "cost", "gross_profit", "sales_utilization",
    "unaware", "aware", "mql_backlog", "open_opportunities", "customers",
    "churned_total",
)
M = {name: i for i, name in enumerate(METRICS)}
#: Metrics reported per source: unaware people have no source, and
#: utilisation is a property of the shared sales team (total row only).
PER_SOURCE = tuple(m for m in METRICS if m not in ("unaware", "sales_utilization"))

KPIS = (
    "new_customers", "purchases", "won", "leads", "sql", "opportunities",
    "visits", "new_aware", "revenue", "marketing_spend", "sales_cost", "cost",
    "gross_profit", "cost_per_lead", "cost_per_sql", "cac", "marketing_cac",
    "roas", "roi", "visit_to_lead", "visit_to_purchase", "lead_to_sql",
    "sql_to_opportunity", "opportunity_to_won", "lead_to_customer",
    "leads_gone_cold", "cold_lead_spend", "sales_utilization",
    "pipeline_value", "sales_velocity", "payback_week", "customers_end",
    "churned_total",
)
SOURCE_KPIS = ("spend", "leads", "new_customers", "revenue", "cac", "roi")

ORGANIC = "organic"

#: Weekly values kept for percentiles (runs × weeks × rows × metrics), as in
#: the Rust engine's SAMPLE_BUDGET / MIN_SAMPLE_RUNS.
SAMPLE_BUDGET = 16_000_000
MIN_SAMPLE_RUNS = 50

#: numpy's hypergeometric refuses ngood or nbad >= 1e9.
HYPERGEOMETRIC_LIMIT = 10**9
#: Above the limit, up to this many draws are made exactly with an urn.
URN_MAX_DRAWS = 4096


# ---------------------------------------------------------------------------
# Scenario file
# ---------------------------------------------------------------------------

class ScenarioError(ValueError):
    """A scenario file that cannot be simulated; the message names the field."""


_SECTIONS = {
    "market": ("size", "initially_aware", "initial_customers", "forget_rate",
               "word_of_mouth", "organic_engagement_rate", "organic_lead_rate",
               "organic_purchase_rate"),
    "budget": ("per_week",),
    "sales": ("reps", "leads_per_rep_per_week", "cost_per_rep_per_week",
              "qualification_rate", "opportunity_rate", "lead_decay",
              "cycle_weeks", "win_rate"),
    "revenue": ("deal_value", "deal_value_cv", "order_value",
                "recurring_per_week", "gross_margin", "churn_rate"),
}
_CHANNEL = ("name", "share", "cpm", "awareness_per_impression", "reach_cap",
            "carryover", "engagement_rate", "lead_rate", "purchase_rate")
#: Fields that may be left out, with the value they then take.
_OPTIONAL = {("sales", "pipeline_stages"): 1}
_SIMULATION_DEFAULTS = {"mode": "monte-carlo", "runs": 1000, "seed": 42}


def _number(value, field):
    # bool is an int subclass in Python; a JSON true is not a number.
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ScenarioError(f"{field} must be a number, got {value!r}")
    if not math.isfinite(value):
        raise ScenarioError(f"{field} must be finite, got {value!r}")
    return float(value)


def _section(doc, name, fields):
    block = doc.get(name)
    if not isinstance(block, dict):
        raise ScenarioError(f"{name} is missing or not a JSON object")
    known = set(fields) | {f for (s, f) in _OPTIONAL if s == name}
    unknown = sorted(set(block) - known)
    if unknown:
        raise ScenarioError(f"{name}.{unknown[0]} is not a known field")
    out = {}
    for f in fields:
        if f not in block:
            raise ScenarioError(f"{name}.{f} is missing")
        out[f] = _number(block[f], f"{name}.{f}")
    for (s, f), default in _OPTIONAL.items():
        if s == name:
            out[f] = _number(block.get(f, default), f"{name}.{f}")
    return out


def parse_scenario(doc: dict) -> dict:
    """Checks a version-1 scenario (a parsed JSON object) and returns it as
    plain dicts of floats. Every field of MODEL.md is required except
    ``name``, ``sales.pipeline_stages`` (default 1) and the ``simulation``
    block (default 1000 runs, seed 42); unknown fields are refused so a typo
    cannot silently change the model."""
    if not isinstance(doc, dict):
        raise ScenarioError("a scenario must be a JSON object")
    if doc.get("version") != 1 or isinstance(doc.get("version"), bool):
        raise ScenarioError(f"version {doc.get('version')!r} is not supported (expected 1)")
    top = {"version", "name", "weeks", "market", "budget", "channels", "sales",
           "revenue", "simulation"}
    unknown = sorted(set(doc) - top)
    if unknown:
        raise ScenarioError(f"{unknown[0]} is not a known field")
    s = {"name": str(doc.get("name", "")), "weeks": _number(doc.get("weeks"), "weeks")}
    for name, fields in _SECTIONS.items():
        s[name] = _section(doc, name, fields)
    channels = doc.get("channels", [])
    if not isinstance(channels, list):
        raise ScenarioError("channels must be a JSON array")
    s["channels"] = []
    for i, c in enumerate(channels):
        if not isinstance(c, dict):
            raise ScenarioError(f"channels[{i}] must be a JSON object")
        unknown = sorted(set(c) - set(_CHANNEL))
        if unknown:
            raise ScenarioError(f"channels[{i}].{unknown[0]} is not a known field")
        ch = {}
        for f in _CHANNEL:
            if f not in c:
                raise ScenarioError(f"channels[{i}].{f} is missing")
            ch[f] = str(c[f]) if f == "name" else _number(c[f], f"channels[{i}].{f}")
        s["channels"].append(ch)
    sim = dict(_SIMULATION_DEFAULTS)
    sim.update(doc.get("simulation", {}) or {})
    s["simulation"] = {"runs": int(_number(sim["runs"], "simulation.runs")),
                       "seed": int(_number(sim["seed"], "simulation.seed"))}
    _validate(s)
    return s


def _validate(s: dict) -> None:
    """The rules of MODEL.md "Validation" that keep the simulation defined."""
    def rate(v, f):
        if not 0.0 <= v <= 1.0:
            raise ScenarioError(f"{f} must be in [0, 1], got {v}")

    m, sales, rev = s["market"], s["sales"], s["revenue"]
    if not (1 <= s["weeks"] <= 520 and s["weeks"] == int(s["weeks"])):
        raise ScenarioError(f"weeks must be a whole number in 1..=520, got {s['weeks']}")
    if not (1 <= m["size"] <= 1e10 and m["size"] == int(m["size"])):
        raise ScenarioError(f"market.size must be a whole number in 1..=1e10, got {m['size']}")
    for f in ("initially_aware", "forget_rate", "organic_engagement_rate",
              "organic_lead_rate", "organic_purchase_rate"):
        rate(m[f], f"market.{f}")
    if m["word_of_mouth"] < 0 or m["initial_customers"] < 0:
        raise ScenarioError("market.word_of_mouth and market.initial_customers must be >= 0")
    if m["initially_aware"] * m["size"] + m["initial_customers"] > m["size"]:
        raise ScenarioError("market.initially_aware × size + initial_customers exceeds market.size")
    for f in ("qualification_rate", "opportunity_rate", "lead_decay", "win_rate"):
        rate(sales[f], f"sales.{f}")
    for f in ("gross_margin", "churn_rate"):
        rate(rev[f], f"revenue.{f}")
    k = sales["pipeline_stages"]
    if not (1 <= k <= 12 and k == int(k)):
        raise ScenarioError(f"sales.pipeline_stages must be a whole number in 1..=12, got {k}")
    if sales["cycle_weeks"] < max(1.0, k):
        raise ScenarioError("sales.cycle_weeks must be >= 1 and >= sales.pipeline_stages")
    for f in ("reps", "leads_per_rep_per_week", "cost_per_rep_per_week"):
        if sales[f] < 0:
            raise ScenarioError(f"sales.{f} must be >= 0")
    if s["budget"]["per_week"] < 0 or min(rev["deal_value"], rev["order_value"],
                                          rev["recurring_per_week"], rev["deal_value_cv"]) < 0:
        raise ScenarioError("money fields must be >= 0")
    if len(s["channels"]) > 16:
        raise ScenarioError("at most 16 channels")
    shares = 0.0
    for i, c in enumerate(s["channels"]):
        for f in ("share", "awareness_per_impression", "carryover", "engagement_rate",
                  "lead_rate", "purchase_rate"):
            rate(c[f], f"channels[{i}].{f}")
        if c["cpm"] <= 0:
            raise ScenarioError(f"channels[{i}].cpm must be > 0")
        if not 0 < c["reach_cap"] <= 1:
            raise ScenarioError(f"channels[{i}].reach_cap must be in (0, 1]")
        if c["engagement_rate"] + m["forget_rate"] > 1:
            raise ScenarioError(f"channels[{i}].engagement_rate + market.forget_rate exceeds 1")
        if c["purchase_rate"] + c["lead_rate"] > 1:
            raise ScenarioError(f"channels[{i}].purchase_rate + lead_rate exceeds 1")
        shares += c["share"]
    if s["channels"] and abs(shares - 1.0) > 1e-6:
        raise ScenarioError(f"channel shares sum to {shares}, not 1")
    if m["organic_engagement_rate"] + m["forget_rate"] > 1:
        raise ScenarioError("market.organic_engagement_rate + forget_rate exceeds 1")
    if m["organic_purchase_rate"] + m["organic_lead_rate"] > 1:
        raise ScenarioError("market.organic_purchase_rate + organic_lead_rate exceeds 1")
    if not 1 <= s["simulation"]["runs"] <= 100_000:
        raise ScenarioError("simulation.runs must be in 1..=100000")


def load_scenario(path: str) -> dict:
    """Reads and checks a scenario file (``-`` for standard input)."""
    text = sys.stdin.read() if path == "-" else open(path, encoding="utf-8").read()
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as e:
        raise ScenarioError(f"not a valid scenario file: {e}") from None
    return parse_scenario(doc)


# ---------------------------------------------------------------------------
# The model, prepared once per scenario
# ---------------------------------------------------------------------------

class Model:
    """Everything that does not depend on the run, computed once.

    Paid reach depends only on spend, which is the same every week, so the
    adstock and each channel's weekly reach probability are a
    ``(weeks, channels)`` table shared by every run (as in the Rust engine);
    only word of mouth depends on the run.
    """

    def __init__(self, s: dict):
        self.scenario = s
        m, sales, rev = s["market"], s["sales"], s["revenue"]
        ch = s["channels"]
        self.weeks = int(s["weeks"])
        self.channels = len(ch)
        self.sources = self.channels + 1
        self.names = [c["name"] for c in ch] + [ORGANIC]
        self.size = m["size"]
        self.initially_aware = m["initially_aware"]
        self.initial_customers = m["initial_customers"]
        self.forget_rate = m["forget_rate"]
        self.word_of_mouth = m["word_of_mouth"]

        per_week = s["budget"]["per_week"]
        self.spend = np.array([per_week * c["share"] for c in ch], dtype=float)
        cpm = np.array([c["cpm"] for c in ch], dtype=float)
        self.impressions = 1000.0 * self.spend / cpm
        carry = np.array([c["carryover"] for c in ch], dtype=float)
        api = np.array([c["awareness_per_impression"] for c in ch], dtype=float)
        cap = np.array([c["reach_cap"] for c in ch], dtype=float)
        adstock = np.zeros(self.channels)
        self.channel_reach = np.zeros((self.weeks, self.channels))
        for t in range(self.weeks):
            adstock = (1.0 - carry) * self.impressions + carry * adstock
            # Poisson reach inside the channel's reachable pool reach_cap × N.
            self.channel_reach[t] = cap * -np.expm1(-api * adstock / (cap * self.size))

        def per_source(field, organic):
            return np.array([c[field] for c in ch] + [organic], dtype=float)

        self.engagement = per_source("engagement_rate", m["organic_engagement_rate"])
        self.lead_rate = per_source("lead_rate", m["organic_lead_rate"])
        self.purchase_rate = per_source("purchase_rate", m["organic_purchase_rate"])
        #: Media spend per source row (organic costs nothing).
        self.source_spend = np.append(self.spend, 0.0)
        self.source_impressions = np.append(self.impressions, 0.0)

        self.capacity = sales["reps"] * sales["leads_per_rep_per_week"]
        self.has_sales_team = self.capacity > 0
        self.sales_cost = sales["reps"] * sales["cost_per_rep_per_week"]
        self.qualification_rate = sales["qualification_rate"]
        self.opportunity_rate = sales["opportunity_rate"]
        self.lead_decay = sales["lead_decay"]
        self.cycle_weeks = sales["cycle_weeks"]
        self.win_rate = sales["win_rate"]
        self.stages = int(sales["pipeline_stages"])
        # Per-stage advance probability a = k / cycle_weeks; the last stage
        # decides: won with a × win_rate, lost with a × (1 − win_rate).
        # (Written so that k = 1 gives exactly win_rate / cycle_weeks.)
        self.advance = self.stages / self.cycle_weeks
        self.decide_win = self.win_rate * self.stages / self.cycle_weeks
        self.decide_lose = (1.0 - self.win_rate) * self.stages / self.cycle_weeks
        self.churn_rate = rev["churn_rate"]
        self.deal_value = rev["deal_value"]
        self.deal_value_cv = rev["deal_value_cv"]
        self.order_value = rev["order_value"]
        self.recurring = rev["recurring_per_week"]
        self.margin = rev["gross_margin"]

    def sample_runs(self, runs: int) -> int:
        """Runs whose weekly values feed the weekly percentiles (Rust's rule)."""
        cells = max(1, self.weeks * (self.sources + 1) * len(METRICS))
        return min(runs, max(SAMPLE_BUDGET // cells, MIN_SAMPLE_RUNS))


# ---------------------------------------------------------------------------
# How a flow is resolved: expected value or random draw
# ---------------------------------------------------------------------------

def _unit(p):
    """Probabilities forced into [0, 1] (ratios can round just outside)."""
    return np.clip(np.nan_to_num(p, nan=0.0), 0.0, 1.0)


class ExpectedDraws:
    """Expected mode: every flow is its expected value (real numbers)."""

    count_dtype = float

    def head_count(self, x):
        return x

    def capacity(self, w):
        return w

    def binomial(self, n, p):
        return n * p

    def competing(self, n, p1, p2):
        return n * p1, n * p2

    def split(self, n, weights):
        """``n`` (runs,) split over sources in proportion to ``weights`` (runs, S)."""
        total = weights.sum(axis=1, keepdims=True)
        with np.errstate(invalid="ignore", divide="ignore"):
            share = np.where(total > 0, weights / total, 0.0)
        return n[:, None] * share

    def draw_from_groups(self, k, groups):
        total = groups.sum(axis=1, keepdims=True)
        with np.errstate(invalid="ignore", divide="ignore"):
            part = np.where(total > 0, k[:, None] * groups / total, 0.0)
        # Everything drawn: exact, with no rounding left in groups − out.
        return np.where(k[:, None] >= total, groups, part)

    def deal_values(self, n, mean, cv):
        return n * mean


class RandomDraws:
    """Monte Carlo: every flow is a draw, vectorised over runs.

    Counts are int64 arrays (exact; the market is at most 1e10 people).
    """

    count_dtype = np.int64

    def __init__(self, rng: np.random.Generator):
        self.rng = rng

    def head_count(self, x):
        # Round half away from zero, as Rust's f64::round (np.rint rounds half to even).
        return math.floor(x + 0.5)

    def capacity(self, w):
        return math.floor(w)

    def binomial(self, n, p):
        # numpy returns 0 for n = 0 or p = 0 and n for p = 1 without drawing.
        return self.rng.binomial(n, _unit(p))

    def competing(self, n, p1, p2):
        """Multinomial over (first, second, stay) as conditional binomials."""
        first = self.rng.binomial(n, _unit(p1))
        rest = 1.0 - np.asarray(p1, dtype=float)
        with np.errstate(invalid="ignore", divide="ignore"):
            cond = np.where(rest > 0, np.asarray(p2, dtype=float) / np.where(rest > 0, rest, 1.0), 0.0)
        return first, self.rng.binomial(n - first, _unit(cond))

    def split(self, n, weights):
        """Multinomial split of ``n`` (runs,) over ``weights`` (runs, S) as
        conditional binomials in source order; the last source with a
        positive weight takes what is left (so rounding in the ratios can
        never lose a person)."""
        runs, s = weights.shape
        out = np.zeros((runs, s), dtype=np.int64)
        positive = weights > 0
        if not positive.any():
            return out
        last = s - 1 - np.argmax(positive[:, ::-1], axis=1)
        remaining_n = np.asarray(n, dtype=np.int64).copy()
        remaining_w = weights.sum(axis=1)
        for i in range(int(last[positive.any(axis=1)].max()) + 1):
            w = weights[:, i]
            with np.errstate(invalid="ignore", divide="ignore"):
                p = np.where(remaining_w > 0, w / remaining_w, 0.0)
            p = np.where(last == i, 1.0, np.where(positive[:, i], _unit(p), 0.0))
            x = self.rng.binomial(remaining_n, p)
            out[:, i] = x
            remaining_n -= x
            remaining_w = remaining_w - w
        return out

    def draw_from_groups(self, k, groups):
        """Multivariate hypergeometric: ``k`` (runs,) items drawn without
        replacement from the groups (runs, S), counted per group. Runs whose
        queue fits the capacity take everything without a draw."""
        total = groups.sum(axis=1)
        out = groups.copy()
        need = np.flatnonzero(k < total)
        if need.size == 0:
            return out
        g, kk, pop = groups[need], np.asarray(k, dtype=np.int64)[need], total[need]
        drawn = np.zeros_like(g)
        small = pop < HYPERGEOMETRIC_LIMIT
        if small.any():
            drawn[small] = self._sequential_hypergeometric(g[small], kk[small], pop[small])
        if (~small).any():
            drawn[~small] = self._large_population(g[~small], kk[~small], pop[~small])
        out[need] = drawn
        return out

    def _sequential_hypergeometric(self, g, k, pop):
        """Conditional hypergeometric draws group by group (numpy's
        multivariate_hypergeometric does not vectorise over runs)."""
        out = np.zeros_like(g)
        remaining = k.copy()
        pop = pop.copy()
        for i in range(g.shape[1] - 1):
            gi = g[:, i]
            x = self.rng.hypergeometric(gi, pop - gi, remaining)
            out[:, i] = x
            remaining -= x
            pop -= gi
        out[:, -1] = remaining  # the last group is all that is left
        return out

    def _large_population(self, g, k, pop):
        """Queues of 1e9 leads or more, beyond numpy's hypergeometric.

        Drawing most of the urn is the same as choosing what stays behind,
        so at most pop/2 draws are made. Up to URN_MAX_DRAWS draws the urn is
        drawn item by item (exact, vectorised over runs); beyond that the
        draw is approximated by a multinomial (conditional binomials), whose
        variance exceeds the hypergeometric's by the factor
        (pop − 1) / (pop − draws) — only reachable with ≥ 1e9 queued leads
        and a sales capacity above URN_MAX_DRAWS leads a week.
        """
        behind = k > pop // 2
        draws = np.where(behind, pop - k, k)
        hits = np.zeros_like(g)
        exact = draws <= URN_MAX_DRAWS
        if exact.any():
            hits[exact] = self._urn(g[exact], draws[exact])
        if (~exact).any():
            weights = g[~exact].astype(float)
            hits[~exact] = self.split(draws[~exact], weights)
        return np.where(behind[:, None], g - hits, hits)

    def _urn(self, g, draws):
        """Exact multivariate hypergeometric by drawing one item at a time."""
        left = g.astype(np.float64)  # counts < 2^53 are exact in float64
        hits = np.zeros_like(g)
        rows = np.arange(g.shape[0])
        for step in range(int(draws.max())):
            active = draws > step
            cum = np.cumsum(left, axis=1)
            target = self.rng.random(g.shape[0]) * cum[:, -1]
            pick = np.minimum((cum <= target[:, None]).sum(axis=1), g.shape[1] - 1)
            r, c = rows[active], pick[active]
            left[r, c] -= 1.0
            hits[r, c] += 1
        return hits

    def deal_values(self, n, mean, cv):
        """Total value of ``n`` won deals per cell: a sum of n i.i.d.
        Gamma(1/cv², mean·cv²) values is one Gamma(n/cv², mean·cv²) draw."""
        if mean <= 0:
            return np.zeros(n.shape)
        if cv <= 0:
            return n * mean
        out = np.zeros(n.shape)
        won = n > 0
        if won.any():
            shape = 1.0 / (cv * cv)
            out[won] = self.rng.gamma(n[won] * shape, mean / shape)
        return out


# ---------------------------------------------------------------------------
# The weekly step, vectorised over runs
# ---------------------------------------------------------------------------

class State:
    """Stocks of every run: U (runs,), A/M/C/X (runs, S), O (runs, S, stages)."""

    def __init__(self, model: Model, draws, runs: int):
        s, dt = model.sources, draws.count_dtype
        aware0 = draws.head_count(model.initially_aware * model.size)
        self.a = np.zeros((runs, s), dtype=dt)
        self.m = np.zeros((runs, s), dtype=dt)
        self.o = np.zeros((runs, s, model.stages), dtype=dt)
        self.c = np.zeros((runs, s), dtype=dt)
        self.x = np.zeros((runs, s), dtype=dt)
        self.a[:, -1] = aware0
        self.c[:, -1] = model.initial_customers
        self.u = np.full(runs, model.size - aware0 - model.initial_customers, dtype=dt)

    def people(self):
        """U + ΣA + ΣM + ΣO + ΣC + X per run (the invariant: always N)."""
        return (self.u + self.a.sum(1) + self.m.sum(1) + self.o.sum(axis=(1, 2))
                + self.c.sum(1) + self.x.sum(1))


def step(model: Model, week: int, draws, st: State, out: np.ndarray) -> None:
    """One week for every run, in the order of MODEL.md; writes the week's
    rows (runs, S + 1, metrics) into ``out`` (the last row is the total)."""
    k = model.channels
    runs = st.u.shape[0]

    # 4. Reach: paid channels (precomputed) and word of mouth per run.
    p = np.empty((runs, model.sources))
    p[:, :k] = model.channel_reach[week]
    p[:, k] = -np.expm1(-model.word_of_mouth * st.c.sum(axis=1) / model.size)
    certain_src = p >= 1.0
    certain = certain_src.any(axis=1)
    with np.errstate(divide="ignore"):
        h = -np.log1p(-np.minimum(p, 1.0))
    # Certain reach: those sources share equally, the others get nothing.
    h = np.where(certain[:, None], certain_src.astype(float), h)
    reach_all = np.where(certain, 1.0, 1.0 - np.prod(1.0 - p, axis=1))
    any_hazard = (h > 0).any(axis=1)

    # 5. Draws on the start-of-week stocks.
    new_aware_total = draws.binomial(st.u, np.where(any_hazard, reach_all, 0.0))
    new_aware = draws.split(new_aware_total, h)
    engaged, forgot = draws.competing(st.a, model.engagement, model.forget_rate)
    last = model.stages - 1
    if model.stages > 1:
        advanced = draws.binomial(st.o[:, :, :last], model.advance)
    won, lost = draws.competing(st.o[:, :, last], model.decide_win, model.decide_lose)
    churned = draws.binomial(st.c, model.churn_rate)

    # 6. Visits become buyers or leads.
    purchases, leads = draws.competing(engaged, model.purchase_rate, model.lead_rate)

    # 7. Sales works the lead queue.
    queue = st.m + leads
    capacity = draws.capacity(model.capacity)
    worked = draws.draw_from_groups(np.minimum(queue.sum(axis=1), capacity), queue)
    sql = draws.binomial(worked, model.qualification_rate)
    # 8. Unworked leads go cold.
    unworked = queue - worked
    cold = draws.binomial(unworked, model.lead_decay)
    # 9. Opportunities (cannot close this week: step 5 used the start-of-week O).
    opportunities = draws.binomial(sql, model.opportunity_rate)

    # 10. Update the stocks.
    disqualified = worked - sql
    not_opportunity = sql - opportunities
    st.a += (new_aware - purchases - leads - forgot + disqualified + cold
             + not_opportunity + lost)
    st.m = unworked - cold
    st.o[:, :, 0] += opportunities
    if model.stages > 1:
        st.o[:, :, :last] -= advanced
        st.o[:, :, 1:] += advanced
    st.o[:, :, last] -= won + lost
    st.c += purchases + won - churned
    st.x += churned
    st.u += forgot.sum(axis=1) - new_aware_total

    # 11. Money, per source (media spend is a source's only cost).
    revenue = (purchases * model.order_value
               + draws.deal_values(won, model.deal_value, model.deal_value_cv)
               + st.c * model.recurring)

    src = out[:, :-1, :]
    src[:, :, M["spend"]] = model.source_spend
    src[:, :, M["impressions"]] = model.source_impressions
    src[:, :, M["new_aware"]] = new_aware
    src[:, :, M["visits"]] = engaged
    src[:, :, M["purchases"]] = purchases
    src[:, :, M["leads"]] = leads
    src[:, :, M["worked"]] = worked
    src[:, :, M["sql"]] = sql
    src[:, :, M["opportunities"]] = opportunities
    src[:, :, M["won"]] = won
    src[:, :, M["lost"]] = lost
    src[:, :, M["cold"]] = cold
    src[:, :, M["churned"]] = churned
    src[:, :, M["new_customers"]] = purchases + won
    src[:, :, M["revenue"]] = revenue
    src[:, :, M["cost"]] = model.source_spend
    src[:, :, M["gross_profit"]] = revenue * model.margin - model.source_spend
    src[:, :, M["sales_utilization"]] = worked / capacity if capacity > 0 else 0.0
    src[:, :, M["unaware"]] = 0.0
    src[:, :, M["aware"]] = st.a
    src[:, :, M["mql_backlog"]] = st.m
    src[:, :, M["open_opportunities"]] = st.o.sum(axis=2)
    src[:, :, M["customers"]] = st.c
    src[:, :, M["churned_total"]] = st.x

    # Totals: the sums, except what belongs to the whole market.
    total = out[:, -1, :]
    np.sum(src, axis=1, out=total)
    total[:, M["unaware"]] = st.u
    total[:, M["cost"]] += model.sales_cost
    total[:, M["gross_profit"]] = total[:, M["revenue"]] * model.margin - total[:, M["cost"]]


# ---------------------------------------------------------------------------
# Horizon KPIs, vectorised over runs (NaN = none)
# ---------------------------------------------------------------------------

def _ratio(num, den):
    """num / den, NaN where the denominator is 0 or the result not finite."""
    num, den = np.broadcast_arrays(np.asarray(num, float), np.asarray(den, float))
    with np.errstate(divide="ignore", invalid="ignore"):
        r = np.where(den != 0, num / np.where(den != 0, den, 1.0), np.nan)
    return np.where(np.isfinite(r), r, np.nan)


def compute_kpis(model: Model, sums, last, payback):
    """Every KPI of every run from the per-run horizon sums (runs, S+1, metrics),
    the last week's rows and the payback week (NaN when never). Returns
    ``(funnel, by_source)``: {name: (runs,)} and {name: (runs, S)}."""
    t = sums[:, -1, :]
    col = lambda name: t[:, M[name]]
    sales = model.scenario["sales"]
    marketing, cost, leads = col("spend"), col("cost"), col("leads")
    new_customers, won, lost = col("new_customers"), col("won"), col("lost")
    sql, visits, cold = col("sql"), col("visits"), col("cold")
    open_end = last[:, -1, M["open_opportunities"]]
    cost_per_lead = _ratio(marketing, leads)
    if model.has_sales_team:
        utilization = _ratio(col("sales_utilization"), model.weeks)
    else:
        utilization = np.full(t.shape[0], np.nan)
    k = {
        "new_customers": new_customers,
        "purchases": col("purchases"),
        "won": won,
        "leads": leads,
        "sql": sql,
        "opportunities": col("opportunities"),
        "visits": visits,
        "new_aware": col("new_aware"),
        "revenue": col("revenue"),
        "marketing_spend": marketing,
        "sales_cost": cost - marketing,
        "cost": cost,
        "gross_profit": col("gross_profit"),
        "cost_per_lead": cost_per_lead,
        "cost_per_sql": _ratio(marketing, sql),
        "cac": _ratio(cost, new_customers),
        "marketing_cac": _ratio(marketing, new_customers),
        "roas": _ratio(col("revenue"), marketing),
        "roi": _ratio(col("gross_profit"), cost),
        "visit_to_lead": _ratio(leads, visits),
        "visit_to_purchase": _ratio(col("purchases"), visits),
        "lead_to_sql": _ratio(sql, leads),
        "sql_to_opportunity": _ratio(col("opportunities"), sql),
        "opportunity_to_won": _ratio(won, won + lost),
        "lead_to_customer": _ratio(won, leads),
        "leads_gone_cold": cold,
        "cold_lead_spend": cost_per_lead * cold,
        "sales_utilization": utilization,
        "pipeline_value": open_end * model.deal_value * sales["win_rate"],
        "sales_velocity": open_end * sales["win_rate"] * model.deal_value / sales["cycle_weeks"],
        "payback_week": payback,
        "customers_end": last[:, -1, M["customers"]],
        "churned_total": last[:, -1, M["churned_total"]],
    }
    s = sums[:, :-1, :]
    spend, customers, revenue = s[:, :, M["spend"]], s[:, :, M["new_customers"]], s[:, :, M["revenue"]]
    by_source = {
        "spend": spend,
        "leads": s[:, :, M["leads"]],
        "new_customers": customers,
        "revenue": revenue,
        "cac": _ratio(spend, customers),
        "roi": _ratio(revenue * model.margin - spend, spend),
    }
    return k, by_source


# ---------------------------------------------------------------------------
# Simulations
# ---------------------------------------------------------------------------

def _summaries(values, mean=None):
    """Mean and P10/P50/P90 along axis 0, ignoring NaN (a KPI that was none).
    Returns (mean, q) with q of shape (3, ...); NaN where nothing is defined."""
    finite = ~np.isnan(values)
    if finite.all():
        q = np.quantile(values, (0.1, 0.5, 0.9), axis=0)
        m = values.mean(axis=0) if mean is None else mean
    else:
        with np.errstate(all="ignore"), _quiet():
            q = np.nanquantile(values, (0.1, 0.5, 0.9), axis=0)
            m = np.nanmean(values, axis=0) if mean is None else mean
    return m, q


class _quiet:
    """Silences numpy's "All-NaN slice" warnings (those KPIs become null)."""

    def __enter__(self):
        import warnings
        self._w = warnings.catch_warnings()
        self._w.__enter__()
        warnings.simplefilter("ignore", RuntimeWarning)

    def __exit__(self, *exc):
        self._w.__exit__(*exc)


def monte_carlo(model: Model, runs: int, seed: int, on_week=None) -> dict:
    """Runs ``runs`` Monte Carlo runs at once and summarises them.

    Weekly rows are summarised as soon as the week is done (mean over all
    runs, percentiles over the first ``sample_runs``), so memory does not
    grow with the horizon; per-run horizon sums feed the KPIs.
    ``on_week(week, state, rows)`` is called after every week (tests).
    """
    rng = np.random.default_rng(seed)
    draws = RandomDraws(rng)
    st = State(model, draws, runs)
    rows = model.sources + 1
    sample = model.sample_runs(runs)
    weekly_mean = np.empty((model.weeks, rows, len(METRICS)))
    weekly_q = np.empty((model.weeks, 3, rows, len(METRICS)))
    staged = model.stages > 1
    if staged:
        stage_mean = np.empty((model.weeks, rows, model.stages))
        stage_q = np.empty((model.weeks, 3, rows, model.stages))
    sums = np.zeros((runs, rows, len(METRICS)))
    out = np.empty((runs, rows, len(METRICS)))
    cumulative_gp = np.zeros(runs)
    payback = np.full(runs, np.nan)
    for week in range(model.weeks):
        step(model, week, draws, st, out)
        sums += out
        weekly_mean[week] = out.mean(axis=0)
        weekly_q[week] = np.quantile(out[:sample], (0.1, 0.5, 0.9), axis=0)
        if staged:
            o = np.concatenate([st.o, st.o.sum(axis=1, keepdims=True)], axis=1).astype(float)
            stage_mean[week] = o.mean(axis=0)
            stage_q[week] = np.quantile(o[:sample], (0.1, 0.5, 0.9), axis=0)
        cumulative_gp += out[:, -1, M["gross_profit"]]
        payback = np.where(np.isnan(payback) & (cumulative_gp >= 0), week + 1.0, payback)
        if on_week is not None:
            on_week(week, st, out)
    funnel, by_source = compute_kpis(model, sums, out, payback)
    kpi = {name: _summaries(v) for name, v in funnel.items()}
    source_kpi = {name: _summaries(v) for name, v in by_source.items()}
    result = {
        "runs": runs,
        "sample_runs": sample,
        "weekly_mean": weekly_mean,
        "weekly_q": weekly_q,
        "kpi": kpi,
        "source_kpi": source_kpi,
        "kpi_values": funnel,       # per run, NaN = none
        "source_totals": sums,      # per run horizon sums (runs, S + 1, metrics)
    }
    if staged:
        result["stage_mean"], result["stage_q"] = stage_mean, stage_q
    return result


def expected(model: Model, on_week=None) -> dict:
    """Expected mode: the same equations with every flow at its expected
    value (one deterministic "run" of real numbers). Returns the weekly
    trace (weeks, S + 1, metrics) and the KPIs."""
    draws = ExpectedDraws()
    st = State(model, draws, 1)
    rows = model.sources + 1
    trace = np.empty((model.weeks, rows, len(METRICS)))
    out = np.empty((1, rows, len(METRICS)))
    for week in range(model.weeks):
        step(model, week, draws, st, out)
        trace[week] = out[0]
        if on_week is not None:
            on_week(week, st, out)
    cumulative = np.cumsum(trace[:, -1, M["gross_profit"]])
    hit = np.flatnonzero(cumulative >= 0)
    payback = np.array([hit[0] + 1.0 if hit.size else np.nan])
    funnel, by_source = compute_kpis(model, trace.sum(axis=0)[None], trace[-1:], payback)
    return {"trace": trace,
            "kpis": {k: float(v[0]) for k, v in funnel.items()},
            "source_kpis": {k: v[0] for k, v in by_source.items()}}


# ---------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------

def _num(x):
    x = float(x)
    return x if math.isfinite(x) else None


def _summary(mean, q):
    if math.isnan(float(mean)):
        return None
    return {"mean": _num(mean), "p10": _num(q[0]), "p50": _num(q[1]), "p90": _num(q[2])}


def summary_json(model: Model, result: dict) -> dict:
    """The full summary, shaped like ``funnel-lab simulate --mode monte-carlo``
    JSON: every weekly value and KPI as {mean, p10, p50, p90}; a KPI that is
    none in every run (or utilisation without a sales team) is null. With
    pipeline stages, rows also carry ``open_opportunities_by_stage``."""
    names = model.names
    mean, q = result["weekly_mean"].tolist(), result["weekly_q"].tolist()
    staged = "stage_mean" in result
    if staged:
        smean, sq = result["stage_mean"].tolist(), result["stage_q"].tolist()

    def row(w, r, metrics):
        d = {}
        for name in metrics:
            i = M[name]
            if name == "sales_utilization" and not model.has_sales_team:
                d[name] = None
            else:
                d[name] = {"mean": mean[w][r][i], "p10": q[w][0][r][i],
                           "p50": q[w][1][r][i], "p90": q[w][2][r][i]}
        if staged:
            d["open_opportunities_by_stage"] = [
                {"mean": smean[w][r][j], "p10": sq[w][0][r][j], "p50": sq[w][1][r][j],
                 "p90": sq[w][2][r][j]} for j in range(model.stages)]
        return d

    weeks = [{"week": w + 1,
              "total": row(w, model.sources, METRICS),
              "by_source": {names[s]: row(w, s, PER_SOURCE) for s in range(model.sources)}}
             for w in range(model.weeks)]
    kpis = {name: _summary(*result["kpi"][name]) for name in KPIS}
    kpis["by_source"] = {
        names[s]: {name: _summary(result["source_kpi"][name][0][s], result["source_kpi"][name][1][:, s])
                   for name in SOURCE_KPIS}
        for s in range(model.sources)}
    return {"scenario": model.scenario["name"], "mode": "monte-carlo", "peer": "numpy",
            "runs": result["runs"], "weekly_percentiles_from_runs": result["sample_runs"],
            "weeks": weeks, "kpis": kpis}


def headline(result: dict) -> dict:
    """A few horizon means for a quick look (and to compare with Rust)."""
    pick = ("new_customers", "revenue", "cost", "cac", "roi")
    return {name: _num(result["kpi"][name][0]) for name in pick}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("scenario", help="scenario JSON (version 1), or - for standard input")
    ap.add_argument("--runs", type=int, help="override simulation.runs")
    ap.add_argument("--seed", type=int, help="override simulation.seed")
    ap.add_argument("--repeat", type=int, default=1,
                    help="time N repeats (same seed) and report the best and the median")
    ap.add_argument("--out", help="write the full Monte Carlo summary JSON to this file")
    args = ap.parse_args(argv)
    try:
        scenario = load_scenario(args.scenario)
    except (OSError, ScenarioError) as e:
        print(f"peer_numpy: {args.scenario}: {e}", file=sys.stderr)
        return 2
    runs = args.runs if args.runs is not None else scenario["simulation"]["runs"]
    seed = args.seed if args.seed is not None else scenario["simulation"]["seed"]
    if not 1 <= runs <= 100_000 or args.repeat < 1:
        print("peer_numpy: --runs must be in 1..=100000 and --repeat >= 1", file=sys.stderr)
        return 2

    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        # Preparing the model (adstock and reach tables) is part of the
        # simulation, as Model::new is in the Rust engine's timing.
        model = Model(scenario)
        result = monte_carlo(model, runs, seed)
        times.append(time.perf_counter() - start)

    report = {"peer": "numpy", "numpy": np.__version__,
              "python": sys.version.split()[0],
              "scenario": scenario["name"], "runs": runs, "weeks": model.weeks,
              "channels": model.channels, "stages": model.stages,
              "seconds": min(times), "seconds_median": float(np.median(times)),
              "repeat": args.repeat, "seconds_all": times,
              "weekly_percentiles_from_runs": result["sample_runs"],
              "means": headline(result)}
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            json.dump(summary_json(model, result), f, separators=(",", ":"))
            f.write("\n")
        report["out"] = args.out
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
