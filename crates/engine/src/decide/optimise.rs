//! The budget and channel-mix optimiser: the plan that maximises new
//! customers, revenue or gross profit over the horizon, or minimises CAC
//! while keeping at least N new customers, within per-channel bounds,
//! locks and an optional efficiency target (CAC ≤ X or ROAS ≥ Y, like
//! Robyn's `target_efficiency`).
//!
//! Decision variables: the free channels' shares (always), the budget per
//! week (optionally, within a range) and the reps (optionally, whole
//! numbers within a range). The share search is [`super::search`]; a free
//! budget adds an outer search (a coarse grid, then golden-section
//! refinement around the best point, re-optimising the mix inside); free
//! reps are enumerated (coarse to fine over a large range).

use serde::{Deserialize, Serialize};

use super::search::{Effort, Evaluator, Mix, Score};
use super::{DecideError, KpiValues, Range};
use crate::compare::{self, Better};
use crate::fields::{Field, SalesField};
use crate::kpi::Kpi;
use crate::scenario::Scenario;
use crate::simulate::{self, McOutcome, Outcome};
use crate::stats::{self, Summary};
use crate::validation::MAX_MONEY;

/// What the optimiser improves.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kpi")]
pub enum Objective {
    /// Maximise new customers over the horizon.
    NewCustomers,
    /// Maximise revenue over the horizon.
    Revenue,
    /// Maximise gross profit over the horizon.
    GrossProfit,
    /// Minimise CAC (total cost per new customer) with at least
    /// `min_customers` new customers (`None`: as many as the current plan).
    Cac {
        /// The fewest new customers accepted.
        min_customers: Option<f64>,
    },
}

impl Objective {
    /// The KPI it reads.
    pub fn kpi(self) -> Kpi {
        match self {
            Objective::NewCustomers => Kpi::NewCustomers,
            Objective::Revenue => Kpi::Revenue,
            Objective::GrossProfit => Kpi::GrossProfit,
            Objective::Cac { .. } => Kpi::Cac,
        }
    }
    /// Whether larger is better.
    pub fn maximises(self) -> bool {
        !matches!(self, Objective::Cac { .. })
    }
    /// The objective named `name` (`new_customers`, `revenue`,
    /// `gross_profit`, `cac`).
    pub fn from_name(name: &str, min_customers: Option<f64>) -> Option<Objective> {
        Some(match name {
            "new_customers" => Objective::NewCustomers,
            "revenue" => Objective::Revenue,
            "gross_profit" => Objective::GrossProfit,
            "cac" => Objective::Cac { min_customers },
            _ => return None,
        })
    }
}

/// The unit of per-channel bounds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BoundKind {
    /// Shares of the weekly budget, 0..=1.
    #[default]
    Share,
    /// Spend per week, in currency units.
    Spend,
}

/// Bounds on one channel (`None`: 0, or no upper limit).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChannelBound {
    /// The channel's name, as in the scenario.
    pub channel: String,
    /// Least share or spend per week.
    pub min: Option<f64>,
    /// Most share or spend per week.
    pub max: Option<f64>,
}

/// An efficiency constraint on the optimised plan.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EfficiencyTarget {
    /// CAC at most this.
    MaxCac(f64),
    /// ROAS at least this.
    MinRoas(f64),
}

/// What to optimise, over what, within which bounds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OptimiseSpec {
    /// The objective.
    pub objective: Objective,
    /// `None`: the budget stays; `Some`: free within the range.
    pub budget: Option<Range>,
    /// `None`: the reps stay; `Some`: whole numbers within the range.
    pub reps: Option<Range>,
    /// Per-channel bounds, in `bound_kind` units.
    pub bounds: Vec<ChannelBound>,
    /// Unit of `bounds`.
    pub bound_kind: BoundKind,
    /// Per channel: locked channels keep their share (empty: none locked).
    pub locked: Vec<bool>,
    /// Per channel: switched-off channels keep share 0 (empty: all on).
    pub enabled: Vec<bool>,
    /// Optional efficiency target.
    pub target: Option<EfficiencyTarget>,
    /// Also solve with every bound widened ×3 ([`WiderBounds`]).
    pub wider_bounds: bool,
}

impl OptimiseSpec {
    /// Shares only, no bounds, nothing locked.
    pub fn new(objective: Objective) -> Self {
        OptimiseSpec {
            objective,
            budget: None,
            reps: None,
            bounds: Vec::new(),
            bound_kind: BoundKind::Share,
            locked: Vec::new(),
            enabled: Vec::new(),
            target: None,
            wider_bounds: true,
        }
    }
}

/// Which bound holds a channel at the optimum.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Binding {
    /// Strictly inside its bounds.
    None,
    /// At its minimum (0 when no minimum was given).
    Min,
    /// At its maximum.
    Max,
    /// Locked: kept as it was.
    Locked,
    /// Switched off: kept at 0.
    Off,
}

/// One channel before and after.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChannelReport {
    /// Channel name.
    pub name: String,
    /// Share before.
    pub share_before: f64,
    /// Share after.
    pub share_after: f64,
    /// Spend per week before.
    pub spend_before: f64,
    /// Spend per week after.
    pub spend_after: f64,
    /// New customers over the horizon per extra $1,000 a week on this
    /// channel at the optimum (others' spend unchanged; finite difference
    /// of the expected run); `None` if not a number.
    pub marginal_customers_per_1k: Option<f64>,
    /// The same for the objective's KPI.
    pub marginal_objective_per_1k: Option<f64>,
    /// The bound that holds it.
    pub binding: Binding,
    /// Its bounds as given (`bound_kind` units).
    pub min: Option<f64>,
    /// Its upper bound as given.
    pub max: Option<f64>,
}

/// Whether the efficiency target holds.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct EfficiencyStatus {
    /// The target.
    pub target: EfficiencyTarget,
    /// Its KPI before.
    pub before: Option<f64>,
    /// Its KPI after.
    pub after: Option<f64>,
    /// Whether the optimised plan meets it.
    pub met: bool,
}

/// The optimum with every bound widened ×3 (min ÷ 3, max × 3, clamped to
/// [0, 1] or [0, budget]): what the bounds cost.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WiderBounds {
    /// The widened bounds.
    pub bounds: Vec<ChannelBound>,
    /// The objective with them.
    pub objective: Option<f64>,
    /// The shares with them, per channel.
    pub shares: Vec<f64>,
    /// Budget per week with them.
    pub budget_per_week: f64,
    /// Reps with them.
    pub reps: f64,
}

/// The optimiser's report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Optimised {
    /// The optimised plan: a complete v1 scenario.
    pub scenario: Scenario,
    /// The objective.
    pub objective: Objective,
    /// The objective's KPI name.
    pub objective_kpi: String,
    /// The objective's value for the plan given.
    pub objective_before: Option<f64>,
    /// The objective's value for the optimised plan.
    pub objective_after: Option<f64>,
    /// Whether every constraint (minimum customers, efficiency target) holds.
    pub constraints_met: bool,
    /// Every KPI of the plan given (expected mode).
    pub before: KpiValues,
    /// Every KPI of the optimised plan.
    pub after: KpiValues,
    /// Per channel.
    pub channels: Vec<ChannelReport>,
    /// The efficiency target's status, if one was set.
    pub efficiency: Option<EfficiencyStatus>,
    /// The answer with ×3 wider bounds (only when bounds were given).
    pub wider_bounds: Option<WiderBounds>,
    /// Expected-mode runs used.
    pub evaluations: usize,
}

/// Per-channel bounds in their own units, resolved to indices.
type Bounds = Vec<(Option<f64>, Option<f64>)>;

/// A plan found at one (reps, budget): the scenario, its free shares and score.
type Plan = (Scenario, Vec<f64>, Score);

struct Problem<'a> {
    spec: &'a OptimiseSpec,
    base: Scenario,
    bounds: Bounds,
    fixed: Vec<bool>,
    budget: Range,
    min_customers: f64,
}

/// Finds the plan that optimises `spec.objective`; see the module doc.
pub fn optimise(scenario: &Scenario, spec: &OptimiseSpec) -> Result<Optimised, DecideError> {
    scenario.validate()?;
    let before = simulate::expected(scenario);
    let min_customers = match spec.objective {
        Objective::Cac { min_customers: Some(n) } if !n.is_finite() || n < 0.0 => {
            return Err(DecideError::Invalid(format!("min_customers must be a number ≥ 0, got {n}")));
        }
        Objective::Cac { min_customers: Some(n) } => n,
        _ => before.kpis.get(Kpi::NewCustomers).unwrap_or(0.0),
    };
    let problem = Problem::new(scenario, spec, resolve_bounds(scenario, spec)?, min_customers)?;
    let score = |_: &Scenario, o: &Outcome| score(spec.objective, problem.min_customers, spec.target, o);
    let ev = Evaluator::new(&score);
    let best = problem.solve(&ev);

    let wider_bounds = if spec.wider_bounds && spec.bounds.iter().any(|b| b.min.is_some() || b.max.is_some()) {
        let top = match spec.bound_kind {
            BoundKind::Share => 1.0,
            BoundKind::Spend => problem.budget.max,
        };
        let widened: Bounds =
            problem.bounds.iter().map(|(lo, hi)| (lo.map(|v| v / 3.0), hi.map(|v| (v * 3.0).min(top)))).collect();
        let wide = Problem { bounds: widened.clone(), ..problem.clone_with(scenario) };
        let plan = wide.solve(&ev);
        let o = simulate::expected(&plan);
        Some(WiderBounds {
            bounds: scenario
                .channels
                .iter()
                .zip(&widened)
                .filter(|(_, b)| b.0.is_some() || b.1.is_some())
                .map(|(c, b)| ChannelBound { channel: c.name.clone(), min: b.0, max: b.1 })
                .collect(),
            objective: o.kpis.get(spec.objective.kpi()),
            shares: plan.channels.iter().map(|c| c.share).collect(),
            budget_per_week: plan.budget.per_week,
            reps: plan.sales.reps,
        })
    } else {
        None
    };

    let after = simulate::expected(&best);
    let kpi = spec.objective.kpi();
    let constraints_met = score(&best, &after).violation <= 1e-9;
    let efficiency = spec.target.map(|target| {
        let k = match target {
            EfficiencyTarget::MaxCac(_) => Kpi::Cac,
            EfficiencyTarget::MinRoas(_) => Kpi::Roas,
        };
        let after_value = after.kpis.get(k);
        let met = match (target, after_value) {
            (EfficiencyTarget::MaxCac(x), Some(v)) => v <= x * (1.0 + 1e-9),
            (EfficiencyTarget::MinRoas(y), Some(v)) => v >= y * (1.0 - 1e-9),
            _ => false,
        };
        EfficiencyStatus { target, before: before.kpis.get(k), after: after_value, met }
    });
    let channels = channel_reports(scenario, &best, &problem, kpi);
    Ok(Optimised {
        objective: spec.objective,
        objective_kpi: kpi.name().to_string(),
        objective_before: before.kpis.get(kpi),
        objective_after: after.kpis.get(kpi),
        constraints_met,
        before: KpiValues::of(&before.kpis),
        after: KpiValues::of(&after.kpis),
        channels,
        efficiency,
        wider_bounds,
        evaluations: ev.evals(),
        scenario: best,
    })
}

/// Scores an outcome: violations of the minimum customers and the
/// efficiency target (relative shortfalls), then the objective.
fn score(objective: Objective, min_customers: f64, target: Option<EfficiencyTarget>, o: &Outcome) -> Score {
    let k = &o.kpis;
    let customers = k.get(Kpi::NewCustomers).unwrap_or(0.0);
    let mut violation = 0.0;
    if let Objective::Cac { .. } = objective
        && customers < min_customers
    {
        violation += (min_customers - customers) / min_customers.max(1.0);
    }
    match target {
        Some(EfficiencyTarget::MaxCac(x)) => match k.get(Kpi::Cac) {
            Some(c) if c > x => violation += (c - x) / x.max(1e-9),
            Some(_) => {}
            None => violation += 1.0,
        },
        Some(EfficiencyTarget::MinRoas(y)) => match k.get(Kpi::Roas) {
            Some(r) if r < y => violation += (y - r) / y.max(1e-9),
            Some(_) => {}
            None => violation += 1.0,
        },
        None => {}
    }
    let value = match objective {
        Objective::Cac { .. } => k.get(Kpi::Cac).map_or(f64::NEG_INFINITY, |c| -c),
        other => k.get(other.kpi()).unwrap_or(f64::NEG_INFINITY),
    };
    Score { violation, value }
}

fn flag(flags: &[bool], i: usize, default: bool) -> bool {
    flags.get(i).copied().unwrap_or(default)
}

/// Checks the bounds and resolves channel names to indices.
fn resolve_bounds(s: &Scenario, spec: &OptimiseSpec) -> Result<Bounds, DecideError> {
    let n = s.channels.len();
    for (what, flags) in [("locked", &spec.locked), ("enabled", &spec.enabled)] {
        if !flags.is_empty() && flags.len() != n {
            return Err(DecideError::Invalid(format!("{what} has {} flags for {n} channels", flags.len())));
        }
    }
    let mut out: Bounds = vec![(None, None); n];
    let known = || s.channels.iter().map(|c| c.name.as_str()).collect::<Vec<_>>().join(", ");
    for b in &spec.bounds {
        let i = s
            .channels
            .iter()
            .position(|c| c.name == b.channel)
            .ok_or_else(|| DecideError::UnknownChannel { name: b.channel.clone(), known: known() })?;
        if out[i] != (None, None) {
            return Err(DecideError::Invalid(format!("channel {:?} has two bounds", b.channel)));
        }
        let top = match spec.bound_kind {
            BoundKind::Share => 1.0,
            BoundKind::Spend => MAX_MONEY,
        };
        for v in [b.min, b.max].into_iter().flatten() {
            if !v.is_finite() || !(0.0..=top).contains(&v) {
                return Err(DecideError::Invalid(format!(
                    "bound of {:?} must be in [0, {top}] ({}), got {v}",
                    b.channel,
                    if spec.bound_kind == BoundKind::Share { "a share" } else { "spend per week" }
                )));
            }
        }
        if let (Some(lo), Some(hi)) = (b.min, b.max)
            && lo > hi
        {
            return Err(DecideError::Infeasible {
                message: format!("channel {:?}: minimum {lo} is above its maximum {hi}", b.channel),
                channels: vec![b.channel.clone()],
            });
        }
        out[i] = (b.min, b.max);
    }
    Ok(out)
}

impl<'a> Problem<'a> {
    fn new(s: &Scenario, spec: &'a OptimiseSpec, bounds: Bounds, min_customers: f64) -> Result<Self, DecideError> {
        let fixed: Vec<bool> =
            (0..s.channels.len()).map(|i| flag(&spec.locked, i, false) || !flag(&spec.enabled, i, true)).collect();
        let budget_range = match spec.budget {
            None => Range { min: s.budget.per_week, max: s.budget.per_week },
            Some(r) => {
                let (lo, hi, _) = Field::BudgetPerWeek.spec().model_range();
                if r.min < lo || r.max > hi || r.min > r.max {
                    return Err(DecideError::Invalid(format!("budget range must be within {lo}..{hi} with MIN ≤ MAX")));
                }
                r
            }
        };
        if let Some(r) = spec.reps {
            let (lo, hi, _) = Field::Sales(SalesField::Reps).spec().model_range();
            if r.min < lo || r.max > hi || r.min > r.max || r.min.fract() != 0.0 || r.max.fract() != 0.0 {
                return Err(DecideError::Invalid(format!(
                    "reps range must be whole numbers within {lo}..{hi} with MIN ≤ MAX"
                )));
            }
        }
        match spec.target {
            Some(EfficiencyTarget::MaxCac(x) | EfficiencyTarget::MinRoas(x)) if !x.is_finite() || x <= 0.0 => {
                return Err(DecideError::Invalid(format!("efficiency target must be a number > 0, got {x}")));
            }
            _ => {}
        }
        let mut p = Problem { spec, base: s.clone(), bounds, fixed, budget: budget_range, min_customers };
        p.budget = p.feasible_budgets()?;
        Ok(p)
    }

    fn clone_with(&self, s: &Scenario) -> Problem<'a> {
        Problem {
            spec: self.spec,
            base: s.clone(),
            bounds: self.bounds.clone(),
            fixed: self.fixed.clone(),
            budget: self.budget,
            min_customers: self.min_customers,
        }
    }

    fn free(&self) -> Vec<usize> {
        (0..self.base.channels.len()).filter(|&i| !self.fixed[i]).collect()
    }

    fn free_total(&self) -> f64 {
        let fixed: f64 = self.base.channels.iter().zip(&self.fixed).filter(|(_, f)| **f).map(|(c, _)| c.share).sum();
        (1.0 - fixed).max(0.0)
    }

    fn names(&self, pick: impl Fn(&(Option<f64>, Option<f64>)) -> bool) -> Vec<String> {
        self.free().into_iter().filter(|&i| pick(&self.bounds[i])).map(|i| self.base.channels[i].name.clone()).collect()
    }

    /// The budgets at which the bounds can be met, within the budget range.
    fn feasible_budgets(&self) -> Result<Range, DecideError> {
        let free = self.free();
        let total = self.free_total();
        let sum_min: f64 = free.iter().map(|&i| self.bounds[i].0.unwrap_or(0.0)).sum();
        let all_capped = free.iter().all(|&i| self.bounds[i].1.is_some());
        let sum_max: f64 = free.iter().map(|&i| self.bounds[i].1.unwrap_or(f64::INFINITY)).sum();
        let with_min = self.names(|b| b.0.is_some_and(|v| v > 0.0));
        let with_max = self.names(|b| b.1.is_some());
        if free.is_empty() {
            return Ok(self.budget);
        }
        match self.spec.bound_kind {
            BoundKind::Share => {
                if sum_min > total + 1e-9 {
                    return Err(DecideError::Infeasible {
                        message: format!(
                            "the minimum shares of {} sum to {sum_min:.4}, above the {total:.4} left to the free channels",
                            with_min.join(", ")
                        ),
                        channels: with_min,
                    });
                }
                if all_capped && sum_max < total - 1e-9 {
                    return Err(DecideError::Infeasible {
                        message: format!(
                            "the maximum shares of {} sum to {sum_max:.4}, below the {total:.4} they must share",
                            with_max.join(", ")
                        ),
                        channels: with_max,
                    });
                }
                Ok(self.budget)
            }
            BoundKind::Spend => {
                // Spend bounds: Σ min ≤ total × budget ≤ Σ max.
                let lo = if total > 0.0 { sum_min / total } else { 0.0 };
                let hi = if all_capped && total > 0.0 { sum_max / total } else { f64::INFINITY };
                let range = Range { min: self.budget.min.max(lo), max: self.budget.max.min(hi) };
                if range.min > self.budget.max + 1e-9 * self.budget.max.max(1.0) {
                    return Err(DecideError::Infeasible {
                        message: format!(
                            "the minimum spends of {} sum to {:.2} a week, above the {:.2} a week the free channels get",
                            with_min.join(", "),
                            sum_min,
                            total * self.budget.max
                        ),
                        channels: with_min,
                    });
                }
                if range.max < self.budget.min - 1e-9 * self.budget.min.max(1.0) {
                    return Err(DecideError::Infeasible {
                        message: format!(
                            "the maximum spends of {} sum to {:.2} a week, below the {:.2} a week the free channels must spend",
                            with_max.join(", "),
                            sum_max,
                            total * self.budget.min
                        ),
                        channels: with_max,
                    });
                }
                Ok(Range { min: range.min, max: range.max.max(range.min) })
            }
        }
    }

    /// The share problem at `budget`.
    fn mix_at(&self, budget: f64) -> Mix {
        let free = self.free();
        let total = self.free_total();
        let to_share = |v: f64| match self.spec.bound_kind {
            BoundKind::Share => v,
            BoundKind::Spend if budget > 0.0 => v / budget,
            BoundKind::Spend => 0.0,
        };
        let lo: Vec<f64> = free.iter().map(|&i| self.bounds[i].0.map_or(0.0, to_share).min(total)).collect();
        let hi: Vec<f64> = free
            .iter()
            .zip(&lo)
            .map(|(&i, &l)| {
                self.bounds[i].1.map_or(total, |v| if budget > 0.0 { to_share(v) } else { total }).min(total).max(l)
            })
            .collect();
        Mix { free, total, lo, hi }
    }

    fn scenario_at(&self, reps: f64, budget: f64) -> Scenario {
        let mut s = self.base.clone();
        s.sales.reps = reps;
        s.budget.per_week = budget;
        s
    }

    /// Best mix at (reps, budget).
    fn at(&self, ev: &Evaluator, reps: f64, budget: f64, effort: Effort, warm: Option<&[f64]>) -> Plan {
        let base = self.scenario_at(reps, budget);
        let mix = self.mix_at(budget);
        let (x, score) = mix.best(ev, &base, effort, warm);
        (mix.apply(&base, &x), x, score)
    }

    /// Best budget (and mix) at `reps`.
    fn at_reps(&self, ev: &Evaluator, reps: f64, effort: Effort) -> Plan {
        let Range { min: a, max: b } = self.budget;
        if self.spec.budget.is_none() || b - a <= 1e-9 * b.max(1.0) {
            return self.at(ev, reps, a, effort, None);
        }
        const GRID: usize = 9;
        let geometric = a > 0.0 && b / a > 20.0;
        let point = |k: usize| {
            let t = k as f64 / (GRID - 1) as f64;
            if geometric { a * (b / a).powf(t) } else { a + (b - a) * t }
        };
        let mut warm: Option<Vec<f64>> = None;
        let mut best: Option<(f64, Plan)> = None;
        let mut grid = Vec::new();
        for k in 0..GRID {
            let budget = point(k);
            let r = self.at(ev, reps, budget, Effort::Quick, warm.as_deref());
            warm = Some(r.1.clone());
            grid.push(r.2);
            if best.as_ref().is_none_or(|(_, b)| r.2.better_than(&b.2)) {
                best = Some((budget, r));
            }
        }
        let k = grid.iter().enumerate().fold(0, |bk, (k, s)| if s.better_than(&grid[bk]) { k } else { bk });
        // Golden-section refinement between the best point's neighbours.
        let (mut lo, mut hi) = (point(k.saturating_sub(1)), point((k + 1).min(GRID - 1)));
        let phi = 0.5 * (5f64.sqrt() - 1.0);
        let mut warm = best.as_ref().map(|(_, r)| r.1.clone());
        let mut probe = |budget: f64, best: &mut Option<(f64, Plan)>| {
            let r = self.at(ev, reps, budget, Effort::Quick, warm.as_deref());
            let score = r.2;
            if best.as_ref().is_none_or(|(_, b)| score.better_than(&b.2)) {
                warm = Some(r.1.clone());
                *best = Some((budget, r));
            }
            score
        };
        let mut c = hi - phi * (hi - lo);
        let mut d = lo + phi * (hi - lo);
        let mut fc = probe(c, &mut best);
        let mut fd = probe(d, &mut best);
        for _ in 0..12 {
            if fc.better_than(&fd) {
                hi = d;
                d = c;
                fd = fc;
                c = hi - phi * (hi - lo);
                fc = probe(c, &mut best);
            } else {
                lo = c;
                c = d;
                fc = fd;
                d = lo + phi * (hi - lo);
                fd = probe(d, &mut best);
            }
        }
        let (budget, r) = best.unwrap_or_else(|| (a, self.at(ev, reps, a, effort, None)));
        if effort == Effort::Full { self.at(ev, reps, budget, Effort::Full, Some(&r.1)) } else { r }
    }

    /// The best plan over reps, budget and mix.
    fn solve(&self, ev: &Evaluator) -> Scenario {
        let Some(range) = self.spec.reps else {
            return self.at_reps(ev, self.base.sales.reps, Effort::Full).0;
        };
        let (mut lo, mut hi) = (range.min as u64, range.max as u64);
        let mut seen: Vec<(u64, Score)> = Vec::new();
        let value = |r: u64, seen: &mut Vec<(u64, Score)>| -> Score {
            if let Some((_, s)) = seen.iter().find(|(q, _)| *q == r) {
                return *s;
            }
            let s = self.at_reps(ev, r as f64, Effort::Quick).2;
            seen.push((r, s));
            s
        };
        const ENUMERATE: u64 = 12;
        while hi - lo > ENUMERATE {
            let points: Vec<u64> = (0..=8).map(|k| lo + (hi - lo) * k / 8).collect();
            let scores: Vec<Score> = points.iter().map(|&r| value(r, &mut seen)).collect();
            let k = (0..points.len()).fold(0, |bk, k| if scores[k].better_than(&scores[bk]) { k } else { bk });
            let (nlo, nhi) = (points[k.saturating_sub(1)], points[(k + 1).min(points.len() - 1)]);
            if (nlo, nhi) == (lo, hi) {
                break;
            }
            (lo, hi) = (nlo, nhi);
        }
        for r in lo..=hi {
            value(r, &mut seen);
        }
        let best = seen.iter().fold(None::<(u64, Score)>, |b, &(r, s)| match b {
            Some((_, bs)) if !s.better_than(&bs) => b,
            _ => Some((r, s)),
        });
        let reps = best.map_or(self.base.sales.reps, |(r, _)| r as f64);
        self.at_reps(ev, reps, Effort::Full).0
    }
}

/// New customers and the objective KPI per extra $1,000 a week on channel
/// `i` (others' spend kept): a central difference with a step of 0.1 % of
/// the budget (at least $1), one-sided when the channel spends less than
/// the step.
fn marginal(s: &Scenario, i: usize, kpi: Kpi) -> (Option<f64>, Option<f64>) {
    let budget = s.budget.per_week;
    let spend: Vec<f64> = s.channels.iter().map(|c| c.share * budget).collect();
    let h = (budget * 1e-3).max(1.0);
    let at = |delta: f64| -> Outcome {
        let mut t = s.clone();
        let total = budget + delta;
        t.budget.per_week = total;
        for (k, c) in t.channels.iter_mut().enumerate() {
            let mine = spend[k] + if k == i { delta } else { 0.0 };
            c.share = if total > 0.0 { mine / total } else { 0.0 };
        }
        simulate::expected(&t)
    };
    let down = if spend.get(i).copied().unwrap_or(0.0) >= h { -h } else { 0.0 };
    let (a, b) = (at(down), at(h));
    let per_1k = |k: Kpi| -> Option<f64> {
        let v = (b.kpis.get(k)? - a.kpis.get(k)?) / (h - down) * 1000.0;
        v.is_finite().then_some(v)
    };
    (per_1k(Kpi::NewCustomers), per_1k(kpi))
}

fn channel_reports(before: &Scenario, after: &Scenario, p: &Problem, kpi: Kpi) -> Vec<ChannelReport> {
    let mix = p.mix_at(after.budget.per_week);
    before
        .channels
        .iter()
        .zip(&after.channels)
        .enumerate()
        .map(|(i, (b, a))| {
            let binding = if !flag(&p.spec.enabled, i, true) {
                Binding::Off
            } else if flag(&p.spec.locked, i, false) {
                Binding::Locked
            } else {
                let k = mix.free.iter().position(|&f| f == i).unwrap_or(0);
                let (lo, hi) = (mix.lo.get(k).copied().unwrap_or(0.0), mix.hi.get(k).copied().unwrap_or(1.0));
                if a.share <= lo + 1e-6 {
                    Binding::Min
                } else if a.share >= hi - 1e-6 {
                    Binding::Max
                } else {
                    Binding::None
                }
            };
            let (customers, objective) = marginal(after, i, kpi);
            ChannelReport {
                name: b.name.clone(),
                share_before: b.share,
                share_after: a.share,
                spend_before: b.share * before.budget.per_week,
                spend_after: a.share * after.budget.per_week,
                marginal_customers_per_1k: customers,
                marginal_objective_per_1k: objective,
                binding,
                min: p.bounds[i].0,
                max: p.bounds[i].1,
            }
        })
        .collect()
}

/// P10/P50/P90 (and mean) of a KPI for the plans before and after, over
/// the same runs, and who wins the paired runs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct McComparison {
    /// The KPI compared.
    #[serde(serialize_with = "super::serialize_kpi", deserialize_with = "super::deserialize_kpi")]
    pub kpi: Kpi,
    /// Runs of each plan.
    pub runs: usize,
    /// The KPI over the runs of the plan before (`None` if never defined).
    pub before: Option<Summary>,
    /// The same after.
    pub after: Option<Summary>,
    /// Share of paired runs (same random numbers) where "after" is better.
    pub after_better_share: f64,
    /// Share of paired runs where they are equal.
    pub tie_share: f64,
    /// Whether the mean paired difference is larger than the noise
    /// (`clear`, `noise`, `same`, `few`; see [`crate::compare::Verdict`]).
    pub verdict: String,
}

/// Compares two finished Monte Carlo simulations run with the same seed and
/// runs (the web app runs them on its workers).
pub fn compare_outcomes(kpi: Kpi, before: &McOutcome, after: &McOutcome) -> McComparison {
    let (a, b) = (before.kpi_values(kpi), after.kpi_values(kpi));
    let paired = compare::paired(&a, &b, Better::of(kpi));
    let summary = |v: &[f64]| stats::summarize(&mut v.iter().copied().filter(|x| x.is_finite()).collect());
    McComparison {
        kpi,
        runs: before.runs().min(after.runs()),
        before: summary(&a),
        after: summary(&b),
        after_better_share: paired.map_or(0.0, |p| p.b_better_share()),
        tie_share: paired.map_or(0.0, |p| p.tie_share()),
        verdict: paired.map_or("few", |p| p.verdict.name()).to_string(),
    }
}

/// Runs both plans in Monte Carlo with `before`'s seed and runs on
/// `threads` threads (paired runs: common random numbers) and compares `kpi`.
#[cfg(not(target_arch = "wasm32"))]
pub fn monte_carlo_compare(before: &Scenario, after: &Scenario, kpi: Kpi, threads: usize) -> McComparison {
    use crate::chunks::{McPlan, SampleRows, run_parallel};
    let mut a = before.clone();
    a.simulation.mode = crate::Mode::MonteCarlo;
    let mut b = after.clone();
    b.simulation = a.simulation.clone();
    let ra = run_parallel(&McPlan::new(&a, SampleRows::Total), threads);
    let rb = run_parallel(&McPlan::new(&b, SampleRows::Total), threads);
    compare_outcomes(kpi, &ra, &rb)
}
