//! Goal seek: the cheapest plan (least total cost over the horizon =
//! marketing spend + the reps' cost) that reaches `new_customers ≥ N` or
//! `revenue ≥ X` by week T, varying the budget, the reps or both (and
//! optionally re-optimising the mix at every budget).
//!
//! The KPI "by week T" is the sum of the weekly total row of the expected
//! trace over weeks 1..=T (new customers = purchases + won deals; revenue
//! as booked each week), while the simulation still runs the whole
//! horizon. New customers by T do not fall when the budget rises (reps
//! fixed) or the reps rise (budget fixed), so the cheapest budget for a
//! number of reps is found by doubling then bisection; every probe is
//! checked against that monotonicity ([`GoalResult::monotone`]). With both
//! free, each whole number of reps gets its cheapest budget and the
//! cheapest total wins (all counts enumerated, coarse to fine when the
//! range is large).

use std::cell::RefCell;

use serde::{Deserialize, Serialize};

use super::reverse_funnel::{ReverseFunnel, reverse_funnel};
use super::search::{Effort, Evaluator, Mix, Score};
use super::{DecideError, Range};
use crate::fields::{Field, SalesField};
use crate::kpi::Kpi;
use crate::metrics::Metric;
use crate::scenario::Scenario;
use crate::simulate::{self, Outcome};

/// What to reach.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kpi", content = "value")]
pub enum GoalTarget {
    /// At least this many new customers by the target week.
    NewCustomers(f64),
    /// At least this much revenue by the target week.
    Revenue(f64),
}

impl GoalTarget {
    /// The target value.
    pub fn value(self) -> f64 {
        match self {
            GoalTarget::NewCustomers(v) | GoalTarget::Revenue(v) => v,
        }
    }
    /// The weekly metric summed.
    pub fn metric(self) -> Metric {
        match self {
            GoalTarget::NewCustomers(_) => Metric::NewCustomers,
            GoalTarget::Revenue(_) => Metric::Revenue,
        }
    }
    /// `new_customers` or `revenue`.
    pub fn name(self) -> &'static str {
        self.metric().name()
    }
}

/// Which levers goal seek may move.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vary {
    /// The budget per week.
    pub budget: bool,
    /// The reps (whole numbers).
    pub reps: bool,
    /// The channel mix (re-optimised for the target KPI at every budget).
    pub mix: bool,
}

impl Vary {
    /// Parses `budget`, `reps`, `budget,reps` or `budget,reps,mix` (any
    /// order; `mix` needs `budget` or `reps`).
    pub fn parse(text: &str) -> Option<Vary> {
        let mut v = Vary { budget: false, reps: false, mix: false };
        for part in text.split(',').map(str::trim) {
            match part {
                "budget" => v.budget = true,
                "reps" => v.reps = true,
                "mix" => v.mix = true,
                _ => return None,
            }
        }
        (v.budget || v.reps).then_some(v)
    }
}

/// A goal to seek.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GoalSpec {
    /// The target.
    pub target: GoalTarget,
    /// The week by which to reach it (`None`: the horizon).
    pub by_week: Option<u32>,
    /// What may change.
    pub vary: Vary,
    /// Budget per week searched (`None`: the field table's valid range).
    pub budget_range: Option<Range>,
    /// Reps searched (`None`: the field table's valid range).
    pub reps_range: Option<Range>,
}

impl GoalSpec {
    /// A target by the horizon, varying the budget.
    pub fn new(target: GoalTarget) -> Self {
        GoalSpec {
            target,
            by_week: None,
            vary: Vary { budget: true, reps: false, mix: false },
            budget_range: None,
            reps_range: None,
        }
    }
}

/// The goal-seek report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GoalResult {
    /// Whether the target can be reached within the ranges.
    pub feasible: bool,
    /// The target.
    pub target: GoalTarget,
    /// The target week.
    pub by_week: u32,
    /// The cheapest plan reaching it (or, if unreachable, the best plan
    /// found): a complete v1 scenario.
    pub scenario: Scenario,
    /// Its total cost over the horizon (marketing spend + sales cost).
    pub total_cost: f64,
    /// Its target KPI by the target week.
    pub achieved: f64,
    /// The plan given: its target KPI by the target week.
    pub current_achieved: f64,
    /// The plan given: its total cost over the horizon.
    pub current_total_cost: f64,
    /// Whether every probe agreed that more budget or reps never gave less.
    pub monotone: bool,
    /// The flat-rate arithmetic beside the simulated answer.
    pub reverse_funnel: ReverseFunnel,
    /// Why the simulated answer differs from the reverse funnel, in plain words.
    pub reasons: Vec<String>,
    /// If unreachable: what limits it.
    pub limits: Vec<String>,
    /// Expected-mode runs used.
    pub evaluations: usize,
}

/// The sum of `metric`'s weekly totals over weeks 1..=`weeks`.
pub fn by_week(o: &Outcome, metric: Metric, weeks: usize) -> f64 {
    let t = o.trace.total();
    (0..weeks.min(o.trace.weeks())).map(|w| o.trace.get(w, t, metric)).sum()
}

struct Seeker<'a> {
    base: Scenario,
    spec: &'a GoalSpec,
    weeks: usize,
    budget: Range,
    reps: Range,
    warm: RefCell<Option<Vec<f64>>>,
    monotone: RefCell<bool>,
    ev: &'a Evaluator<'a>,
}

/// A probe: the plan and its KPI by the target week.
#[derive(Clone)]
struct Probe {
    scenario: Scenario,
    value: f64,
}

enum Found {
    Met(Probe),
    /// Not reached: the best probe and whether more stopped helping.
    Short(Probe, bool),
}

impl Seeker<'_> {
    fn probe(&self, reps: f64, budget: f64) -> Probe {
        let mut s = self.base.clone();
        s.sales.reps = reps;
        s.budget.per_week = budget;
        if self.spec.vary.mix && s.channels.len() > 1 {
            let n = s.channels.len();
            let mix = Mix { free: (0..n).collect(), total: 1.0, lo: vec![0.0; n], hi: vec![1.0; n] };
            let warm = self.warm.borrow().clone();
            let (x, _) = mix.best(self.ev, &s, Effort::Quick, warm.as_deref());
            s = mix.apply(&s, &x);
            *self.warm.borrow_mut() = Some(x);
        }
        let value = self.ev.eval(&s).value;
        Probe { scenario: s, value }
    }

    fn meets(&self, p: &Probe) -> bool {
        p.value >= self.spec.target.value()
    }

    /// Records a monotonicity check: `more` used more of a lever than `less`.
    fn check(&self, less: &Probe, more: &Probe) {
        if more.value < less.value - 1e-9 * less.value.abs().max(1.0) {
            *self.monotone.borrow_mut() = false;
        }
    }

    /// The least budget meeting the target at `reps`.
    fn cheapest_budget(&self, reps: f64) -> Found {
        let Range { min, max } = self.budget;
        let mut lo = self.probe(reps, min);
        if self.meets(&lo) {
            return Found::Met(lo);
        }
        let mut b = (self.base.budget.per_week.max(100.0)).clamp(min, max).max(min * 2.0).min(max);
        let mut hi = loop {
            let p = self.probe(reps, b);
            self.check(&lo, &p);
            if self.meets(&p) {
                break p;
            }
            let saturated = p.value - lo.value <= 1e-6 * p.value.abs().max(1e-9) && b > 1000.0;
            if b >= max || saturated {
                return Found::Short(p, saturated);
            }
            lo = p;
            b = (b * 2.0).min(max);
        };
        while hi.scenario.budget.per_week - lo.scenario.budget.per_week > (1e-5 * hi.scenario.budget.per_week).max(0.01)
        {
            let mid = 0.5 * (lo.scenario.budget.per_week + hi.scenario.budget.per_week);
            let p = self.probe(reps, mid);
            self.check(&lo, &p);
            self.check(&p, &hi);
            if self.meets(&p) { hi = p } else { lo = p }
        }
        Found::Met(hi)
    }

    /// The fewest reps meeting the target at `budget`.
    fn cheapest_reps(&self, budget: f64) -> Found {
        let (min, max) = (self.reps.min as u64, self.reps.max as u64);
        let mut lo = self.probe(min as f64, budget);
        if self.meets(&lo) {
            return Found::Met(lo);
        }
        let mut r = (self.base.sales.reps as u64).max(1).max(min + 1).min(max);
        let mut hi = loop {
            let p = self.probe(r as f64, budget);
            self.check(&lo, &p);
            if self.meets(&p) {
                break p;
            }
            let saturated = p.value - lo.value <= 1e-9 * p.value.abs().max(1e-9);
            if r >= max || saturated {
                return Found::Short(p, saturated);
            }
            lo = p;
            r = (r * 2).min(max);
        };
        while hi.scenario.sales.reps - lo.scenario.sales.reps > 1.0 {
            let mid = ((lo.scenario.sales.reps + hi.scenario.sales.reps) / 2.0).floor();
            let p = self.probe(mid, budget);
            self.check(&lo, &p);
            if self.meets(&p) { hi = p } else { lo = p }
        }
        Found::Met(hi)
    }

    /// Cheapest over whole reps, each with its cheapest budget.
    fn cheapest_both(&self, hint: f64) -> Found {
        let (min, max) = (self.reps.min as u64, self.reps.max as u64);
        let mut top = ((self.base.sales.reps * 2.0).max(hint * 2.0).max(8.0) as u64).clamp(min, max);
        let mut seen: Vec<(u64, Found)> = Vec::new();
        let cost = |f: &Found| match f {
            Found::Met(p) => total_cost(&p.scenario),
            Found::Short(..) => f64::INFINITY,
        };
        let mut expansions = 0;
        loop {
            let (mut lo, mut hi) = (min, top);
            const ENUMERATE: u64 = 24;
            let visit = |r: u64, seen: &mut Vec<(u64, Found)>| -> f64 {
                if let Some((_, f)) = seen.iter().find(|(q, _)| *q == r) {
                    return cost(f);
                }
                let f = self.cheapest_budget(r as f64);
                let c = cost(&f);
                seen.push((r, f));
                c
            };
            while hi - lo > ENUMERATE {
                let points: Vec<u64> = (0..=12).map(|k| lo + (hi - lo) * k / 12).collect();
                let costs: Vec<f64> = points.iter().map(|&r| visit(r, &mut seen)).collect();
                let k = (0..points.len()).fold(0, |bk, k| if costs[k] < costs[bk] { k } else { bk });
                let (nlo, nhi) = (points[k.saturating_sub(1)], points[(k + 1).min(points.len() - 1)]);
                if (nlo, nhi) == (lo, hi) {
                    break;
                }
                (lo, hi) = (nlo, nhi);
            }
            for r in lo..=hi {
                visit(r, &mut seen);
            }
            let best = seen
                .iter()
                .filter(|(_, f)| matches!(f, Found::Met(_)))
                .min_by(|a, b| cost(&a.1).total_cmp(&cost(&b.1)));
            match best {
                Some((r, _)) if *r == top && top < max && expansions < 20 => {}
                None if top < max && expansions < 20 => {}
                _ => break,
            }
            expansions += 1;
            top = top.saturating_mul(2).min(max);
        }
        let best_met = seen
            .iter()
            .filter(|(_, f)| matches!(f, Found::Met(_)))
            .min_by(|a, b| cost(&a.1).total_cmp(&cost(&b.1)))
            .map(|(r, _)| *r);
        if let Some(r) = best_met {
            return seen.into_iter().find(|(q, _)| *q == r).map_or_else(|| self.cheapest_budget(r as f64), |(_, f)| f);
        }
        // Unreachable: the best value found.
        let best = seen.into_iter().filter_map(|(_, f)| match f {
            Found::Short(p, s) => Some((p, s)),
            Found::Met(_) => None,
        });
        let best = best.max_by(|a, b| a.0.value.total_cmp(&b.0.value));
        match best {
            Some((p, s)) => Found::Short(p, s),
            None => Found::Short(self.probe(max as f64, self.budget.max), false),
        }
    }
}

fn total_cost(s: &Scenario) -> f64 {
    let w = f64::from(s.weeks);
    (s.budget.per_week + s.sales.reps * s.sales.cost_per_rep_per_week) * w
}

/// Finds the cheapest plan reaching `spec.target` by `spec.by_week`.
pub fn goal_seek(scenario: &Scenario, spec: &GoalSpec) -> Result<GoalResult, DecideError> {
    scenario.validate()?;
    let target = spec.target.value();
    if !target.is_finite() || target <= 0.0 {
        return Err(DecideError::Invalid(format!("target {} must be a number > 0, got {target}", spec.target.name())));
    }
    let by = spec.by_week.unwrap_or(scenario.weeks);
    if by == 0 || by > scenario.weeks {
        return Err(DecideError::Invalid(format!("by week must be in 1..={} (the horizon), got {by}", scenario.weeks)));
    }
    let range = |field: Field, given: Option<Range>, what: &str| -> Result<Range, DecideError> {
        let (lo, hi, _) = field.spec().model_range();
        match given {
            None => Ok(Range { min: lo, max: hi }),
            Some(r) if r.min >= lo && r.max <= hi && r.min <= r.max => Ok(r),
            Some(_) => Err(DecideError::Invalid(format!("{what} range must be within {lo}..{hi} with MIN ≤ MAX"))),
        }
    };
    let budget = range(Field::BudgetPerWeek, spec.budget_range, "budget")?;
    let reps = range(Field::Sales(SalesField::Reps), spec.reps_range, "reps")?;
    let reps = Range { min: reps.min.ceil(), max: reps.max.floor() };
    if reps.min > reps.max {
        return Err(DecideError::Invalid("reps range holds no whole number".into()));
    }
    let metric = spec.target.metric();
    let weeks = by as usize;
    let score = move |_: &Scenario, o: &Outcome| Score { violation: 0.0, value: by_week(o, metric, weeks) };
    let ev = Evaluator::new(&score);
    let seeker = Seeker {
        base: scenario.clone(),
        spec,
        weeks,
        budget,
        reps,
        warm: RefCell::new(None),
        monotone: RefCell::new(true),
        ev: &ev,
    };
    let current = simulate::expected(scenario);
    let current_value = by_week(&current, metric, weeks);
    let customers_wanted = match spec.target {
        GoalTarget::NewCustomers(n) => n,
        GoalTarget::Revenue(x) => {
            let per_customer = crate::kpi::ratio(current_value, by_week(&current, Metric::NewCustomers, weeks));
            per_customer.map_or(0.0, |v| x / v)
        }
    };
    let rf = reverse_funnel(scenario, &current, customers_wanted, by);
    let found = match (spec.vary.budget, spec.vary.reps) {
        (true, true) => seeker.cheapest_both(rf.reps.unwrap_or(0.0)),
        (false, true) => seeker.cheapest_reps(scenario.budget.per_week.clamp(budget.min, budget.max)),
        _ => seeker.cheapest_budget(scenario.sales.reps.clamp(reps.min, reps.max)),
    };
    let (probe, feasible, saturated) = match found {
        Found::Met(p) => (p, true, false),
        Found::Short(p, s) => (p, false, s),
    };
    let plan = simulate::expected(&probe.scenario);
    let limits = if feasible { Vec::new() } else { limits(&seeker, &probe.scenario, &plan, saturated) };
    let reasons = reasons(scenario, &current, &probe.scenario, &plan, &rf, weeks);
    let monotone = *seeker.monotone.borrow();
    Ok(GoalResult {
        feasible,
        target: spec.target,
        by_week: by,
        total_cost: plan.kpis.get(Kpi::Cost).unwrap_or(0.0),
        achieved: probe.value,
        current_achieved: current_value,
        current_total_cost: current.kpis.get(Kpi::Cost).unwrap_or(0.0),
        monotone,
        reverse_funnel: rf,
        reasons,
        limits,
        evaluations: ev.evals(),
        scenario: probe.scenario,
    })
}

fn limits(seeker: &Seeker, s: &Scenario, o: &Outcome, saturated: bool) -> Vec<String> {
    let mut out = Vec::new();
    let by = seeker.weeks as f64;
    let sales = &s.sales;
    if sales.cycle_weeks >= by || sales.pipeline_stages >= by {
        out.push(format!(
            "horizon shorter than the sales cycle: deals take {:.0} weeks on average (at least {:.0}), the target allows {by:.0}",
            sales.cycle_weeks, sales.pipeline_stages
        ));
    }
    if seeker.spec.vary.budget && (saturated || s.budget.per_week >= seeker.budget.max) {
        if s.budget.per_week >= seeker.budget.max {
            out.push(format!("budget range max: ${:.0} a week", seeker.budget.max));
        } else {
            out.push("reach caps saturate: doubling the budget adds almost nothing (each channel can only reach its reach cap of the market)".into());
        }
    }
    let utilization = o.kpis.get(Kpi::SalesUtilization).unwrap_or(0.0);
    let cold = by_week(o, Metric::Cold, seeker.weeks);
    if (!seeker.spec.vary.reps && (utilization > 0.95 || cold > 0.0))
        || (seeker.spec.vary.reps && s.sales.reps >= seeker.reps.max)
    {
        out.push(format!(
            "sales capacity: {:.0} reps{} work {:.0} leads a week; {:.0} leads went cold by week {by:.0}",
            s.sales.reps,
            if seeker.spec.vary.reps { " (reps range max)" } else { " (fixed)" },
            s.sales.reps * s.sales.leads_per_rep_per_week,
            cold
        ));
    }
    if seeker.spec.vary.reps && !seeker.spec.vary.budget {
        out.push(format!("budget fixed at ${:.0} a week", s.budget.per_week));
    }
    if out.is_empty() {
        out.push("the target is above what any plan in the ranges reaches".into());
    }
    out
}

/// Plain reasons why the simulation needs a different plan than the flat
/// reverse funnel, chosen from what the numbers show.
fn reasons(
    before: &Scenario,
    current: &Outcome,
    s: &Scenario,
    o: &Outcome,
    rf: &ReverseFunnel,
    weeks: usize,
) -> Vec<String> {
    let mut out = Vec::new();
    let t = o.trace.total();
    let last = weeks.min(o.trace.weeks()).saturating_sub(1);
    let open = if o.trace.weeks() > 0 { o.trace.get(last, t, Metric::OpenOpportunities) } else { 0.0 };
    let won = by_week(o, Metric::Won, weeks);
    if open > 0.01 * won.max(1.0) && s.sales.win_rate > 0.0 {
        out.push(format!(
            "lags: the sales cycle ({:.0} weeks) leaves {open:.1} opportunities still open at week {weeks}, about {:.1} of them future wins that do not count by then",
            s.sales.cycle_weeks,
            open * s.sales.win_rate
        ));
    }
    let cold = by_week(o, Metric::Cold, weeks);
    let leads = by_week(o, Metric::Leads, weeks);
    if cold > 0.01 * leads.max(1e-9) {
        out.push(format!(
            "capacity and lead decay: {:.0} reps cannot work every lead at once; {cold:.0} of {leads:.0} leads went cold ({:.0} % a week of the backlog) by week {weeks}",
            s.sales.reps,
            s.sales.lead_decay * 100.0
        ));
    }
    let visits = by_week(o, Metric::Visits, weeks);
    let spend = by_week(o, Metric::Spend, weeks);
    let cpv_plan = crate::kpi::ratio(spend, visits);
    if let (Some(now), Some(plan)) = (rf.cost_per_visit, cpv_plan) {
        if plan > now * 1.05 && s.budget.per_week > before.budget.per_week {
            out.push(format!(
                "diminishing returns: at ${:.0} a week a visit costs ${plan:.2}, not ${now:.2} (reach caps: more of the same audience is reached twice)",
                s.budget.per_week
            ));
        } else if plan > now * 1.05 {
            out.push(format!(
                "ramp-up: awareness builds over weeks (carryover, first touches), so by week {weeks} a visit costs ${plan:.2} rather than the horizon's ${now:.2}"
            ));
        }
    }
    let organic = o.trace.sources().saturating_sub(1);
    let organic_customers =
        (0..weeks.min(o.trace.weeks())).map(|w| o.trace.get(w, organic, Metric::NewCustomers)).sum::<f64>();
    if organic_customers > 0.01 * by_week(o, Metric::NewCustomers, weeks).max(1e-9) {
        out.push(format!(
            "word of mouth and organic awareness bring {organic_customers:.1} customers by week {weeks} that the flat funnel prices as paid visits"
        ));
    }
    if rf.weeks as usize != current.trace.weeks() {
        out.push(format!(
            "the target counts weeks 1..={weeks} only, not the whole {}-week horizon",
            current.trace.weeks()
        ));
    }
    out
}
