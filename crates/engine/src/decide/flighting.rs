//! Flighting: a total media budget spread over the horizon's periods (4
//! quarters, 12 months, every week…) so that an objective over the horizon
//! is as large as it can be. With carryover (adstock), reach caps and
//! capacity limits, bursts can beat a flat plan.
//!
//! The decision variables are the budgets per week of `P` equal-length
//! periods (lengths differ by at most one week when `P` does not divide
//! the horizon), each within its bounds, together spending exactly the
//! total; the channel mix stays the scenario's in every period. A plan is
//! evaluated as a version 2 [`PlannedScenario`] with one phase per period,
//! in expected mode ([`simulate::expected_planned`]).
//!
//! Method: pairwise transfers of money between periods with shrinking
//! steps (first improvement, halving the step when no transfer helps),
//! from three starts: flat, front-loaded and back-loaded. Only
//! improvements are accepted and the flat plan is a start, so the answer
//! is never worse than the flat plan whenever the flat plan is within the
//! bounds.

use serde::{Deserialize, Serialize};

use super::optimise::Objective;
use super::{DecideError, KpiValues, Range};
use crate::kpi::Kpi;
use crate::plan::{Phase, Plan, PlannedScenario};
use crate::scenario::Scenario;
use crate::simulate;
use crate::validation::MAX_MONEY;

/// Most expected-mode runs one flighting search may use.
pub const MAX_EVALUATIONS: usize = 40_000;

/// What to flight.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FlightingSpec {
    /// What to maximise (new customers, revenue or gross profit; CAC is not
    /// an objective here).
    pub objective: Objective,
    /// Number of periods, 1 ..= the scenario's weeks.
    pub periods: u32,
    /// Total media budget over the horizon (`None`: the scenario's budget
    /// per week × weeks).
    pub total: Option<f64>,
    /// Bounds on the budget per week: empty (none), one range (every
    /// period) or one range per period.
    pub bounds: Vec<Range>,
}

impl FlightingSpec {
    /// `periods` periods, the scenario's total, no bounds.
    pub fn new(objective: Objective, periods: u32) -> FlightingSpec {
        FlightingSpec { objective, periods, total: None, bounds: Vec::new() }
    }
}

/// One plan (flat or flighted) and how it does.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FlightOutcome {
    /// The objective's value.
    pub objective: Option<f64>,
    /// Budget per week of each period.
    pub budget_per_week: Vec<f64>,
    /// Every KPI (expected mode).
    pub kpis: KpiValues,
}

/// The flighted plan's gain over the flat plan.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Gain {
    /// Flighted minus flat.
    pub absolute: Option<f64>,
    /// The same in % of the flat plan (`None` when the flat value is 0).
    pub percent: Option<f64>,
}

/// Which bound holds a period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodBinding {
    /// Strictly inside its bounds.
    None,
    /// At its minimum (0 when none was given).
    Min,
    /// At its maximum.
    Max,
}

/// One period of the flighted plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PeriodReport {
    /// 1-based.
    pub period: u32,
    /// First week (1-based).
    pub from_week: u32,
    /// Last week (inclusive).
    pub to_week: u32,
    /// Weeks in the period.
    pub weeks: u32,
    /// Flat plan's budget per week.
    pub flat_budget_per_week: f64,
    /// Flighted budget per week.
    pub budget_per_week: f64,
    /// Flighted money in the period (budget per week × weeks).
    pub budget: f64,
    /// Share of the total spent in the period.
    pub share_of_total: f64,
    /// Its bounds on the budget per week.
    pub min: f64,
    /// Its upper bound.
    pub max: f64,
    /// The bound that holds it.
    pub binding: PeriodBinding,
}

/// The flighting report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Flighted {
    /// The flighted plan: a complete version 2 scenario (one phase per period).
    #[serde(with = "crate::plan::planned_json")]
    pub plan: PlannedScenario,
    /// The objective.
    pub objective: Objective,
    /// The objective's KPI name.
    pub objective_kpi: String,
    /// Total media budget over the horizon.
    pub total: f64,
    /// The flat plan (the total spread evenly over the weeks).
    pub flat: FlightOutcome,
    /// The flighted plan.
    pub flighted: FlightOutcome,
    /// Flighted against flat.
    pub gain: Gain,
    /// Per period.
    pub periods: Vec<PeriodReport>,
    /// Which start the answer came from: flat, front_loaded or back_loaded.
    pub start: String,
    /// Whether the flat plan is within the bounds (if not, the answer is
    /// not guaranteed to beat it: the flat plan is not allowed).
    pub flat_within_bounds: bool,
    /// Expected-mode runs used.
    pub evaluations: usize,
}

/// The weeks (1-based, inclusive) of `periods` near-equal periods of a
/// `weeks`-week horizon: the first `weeks % periods` get one week more.
pub fn period_weeks(weeks: u32, periods: u32) -> Vec<(u32, u32)> {
    if periods == 0 || weeks == 0 {
        return Vec::new();
    }
    let periods = periods.min(weeks);
    let (base, extra) = (weeks / periods, weeks % periods);
    let mut from = 1;
    (0..periods)
        .map(|p| {
            let len = base + u32::from(p < extra);
            let span = (from, from + len - 1);
            from += len;
            span
        })
        .collect()
}

/// The plan with budget per week `budgets[p]` in period `p`.
pub fn flighted_plan(scenario: &Scenario, spans: &[(u32, u32)], budgets: &[f64]) -> PlannedScenario {
    let phases = spans
        .iter()
        .zip(budgets)
        .enumerate()
        .map(|(p, (&(from_week, to_week), &b))| Phase {
            name: format!("Period {}", p + 1),
            from_week,
            to_week,
            budget_per_week: Some(b),
            ..Phase::default()
        })
        .collect();
    PlannedScenario { scenario: scenario.clone(), plan: Some(Plan { phases, ramp_weeks: 0, quota: None }) }
}

struct Problem<'a> {
    scenario: &'a Scenario,
    spans: Vec<(u32, u32)>,
    len: Vec<f64>,
    lo: Vec<f64>,
    hi: Vec<f64>,
    total: f64,
    kpi: Kpi,
    evals: usize,
}

impl Problem<'_> {
    fn value(&mut self, b: &[f64]) -> f64 {
        self.evals += 1;
        let o = simulate::expected_planned(&flighted_plan(self.scenario, &self.spans, b));
        o.kpis.get(self.kpi).filter(|v| v.is_finite()).unwrap_or(f64::NEG_INFINITY)
    }

    /// The point of the feasible set nearest `x` in the direction of a
    /// common shift: `b_p = clamp(x_p + λ, lo_p, hi_p)`, λ by bisection.
    fn project(&self, x: &[f64]) -> Vec<f64> {
        let at = |l: f64| -> Vec<f64> {
            x.iter().zip(&self.lo).zip(&self.hi).map(|((v, lo), hi)| (v + l).clamp(*lo, *hi)).collect()
        };
        let spent = |b: &[f64]| b.iter().zip(&self.len).map(|(b, l)| b * l).sum::<f64>();
        let top = self.hi.iter().chain(&self.lo).fold(0.0f64, |m, v| m.max(v.abs()))
            + x.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        let (mut a, mut z) = (-top - 1.0, top + 1.0);
        for _ in 0..200 {
            let m = 0.5 * (a + z);
            if spent(&at(m)) < self.total { a = m } else { z = m }
        }
        let mut b = at(0.5 * (a + z));
        self.fix_total(&mut b);
        b
    }

    /// Puts what rounding left over (or spent too much) on periods with room.
    fn fix_total(&self, b: &mut [f64]) {
        for _ in 0..3 {
            let rest = self.total - b.iter().zip(&self.len).map(|(b, l)| b * l).sum::<f64>();
            if rest == 0.0 {
                return;
            }
            for ((v, len), (lo, hi)) in b.iter_mut().zip(&self.len).zip(self.lo.iter().zip(&self.hi)) {
                let moved = (*v + rest / len).clamp(*lo, *hi);
                if moved != *v {
                    *v = moved;
                    break;
                }
            }
        }
    }

    /// Pairwise transfers with shrinking steps from `b`; returns the best
    /// point and value.
    fn climb(&mut self, mut b: Vec<f64>, budget: usize) -> (Vec<f64>, f64) {
        let stop = self.evals + budget;
        let mut best = self.value(&b);
        let n = b.len();
        let mut step = self.total * 0.5;
        let min_step = self.total * 1e-6;
        while step > 0.0 && step >= min_step && n > 1 && self.evals < stop {
            let mut improved = false;
            'pairs: for i in 0..n {
                for j in 0..n {
                    if i == j {
                        continue;
                    }
                    if self.evals >= stop {
                        break 'pairs;
                    }
                    // Move up to `step` of money from period j to period i.
                    let room = ((self.hi[i] - b[i]) * self.len[i]).min((b[j] - self.lo[j]) * self.len[j]);
                    let d = step.min(room);
                    if d <= min_step * 0.5 || !d.is_finite() {
                        continue;
                    }
                    let (old_i, old_j) = (b[i], b[j]);
                    b[i] = (old_i + d / self.len[i]).min(self.hi[i]);
                    b[j] = (old_j - d / self.len[j]).max(self.lo[j]);
                    let v = self.value(&b);
                    if v > best {
                        best = v;
                        improved = true;
                    } else {
                        b[i] = old_i;
                        b[j] = old_j;
                    }
                }
            }
            if !improved {
                step *= 0.5;
            }
        }
        (b, best)
    }
}

fn period_list(p: &[usize]) -> String {
    let names: Vec<String> = p.iter().map(|i| (i + 1).to_string()).collect();
    format!("period{} {}", if p.len() == 1 { "" } else { "s" }, names.join(", "))
}

/// Finds the spread of the total over the periods that maximises
/// `spec.objective`; see the module doc.
pub fn flighting(scenario: &Scenario, spec: &FlightingSpec) -> Result<Flighted, DecideError> {
    scenario.validate()?;
    let objective = spec.objective;
    if !objective.maximises() {
        return Err(DecideError::Invalid(
            "flighting maximises new_customers, revenue or gross_profit (not cac)".into(),
        ));
    }
    let weeks = scenario.weeks;
    if spec.periods == 0 || spec.periods > weeks {
        return Err(DecideError::Invalid(format!(
            "periods must be a whole number in 1..={weeks} (the horizon's weeks), got {}",
            spec.periods
        )));
    }
    let p_count = spec.periods as usize;
    let total = spec.total.unwrap_or(scenario.budget.per_week * f64::from(weeks));
    let max_total = MAX_MONEY * f64::from(weeks);
    if !total.is_finite() || total < 0.0 || total > max_total {
        return Err(DecideError::Invalid(format!("total must be a number in [0, {max_total:e}], got {total}")));
    }
    let bounds: Vec<Range> = match spec.bounds.len() {
        0 => vec![Range { min: 0.0, max: MAX_MONEY }; p_count],
        1 => vec![spec.bounds[0]; p_count],
        n if n == p_count => spec.bounds.clone(),
        n => {
            return Err(DecideError::Invalid(format!(
                "bounds: give none, one for every period, or one per period ({p_count}), got {n}"
            )));
        }
    };
    for (p, r) in bounds.iter().enumerate() {
        if !r.min.is_finite() || !r.max.is_finite() || r.min > r.max || r.min < 0.0 {
            return Err(DecideError::Invalid(format!(
                "bounds of period {}: need 0 ≤ MIN ≤ MAX, got {}..{}",
                p + 1,
                r.min,
                r.max
            )));
        }
    }
    let spans = period_weeks(weeks, spec.periods);
    let len: Vec<f64> = spans.iter().map(|(a, b)| f64::from(b - a + 1)).collect();
    let lo: Vec<f64> = bounds.iter().map(|r| r.min.min(MAX_MONEY)).collect();
    let hi: Vec<f64> = bounds.iter().map(|r| r.max.min(MAX_MONEY)).collect();
    let least: f64 = lo.iter().zip(&len).map(|(b, l)| b * l).sum();
    let most: f64 = hi.iter().zip(&len).map(|(b, l)| b * l).sum();
    let tol = 1e-9 * total.max(1.0);
    if least > total + tol {
        let named: Vec<usize> = (0..p_count).filter(|&p| lo[p] > 0.0).collect();
        return Err(DecideError::Infeasible {
            message: format!(
                "the minimum budgets of {} add up to {least} over the horizon, above the total {total}",
                period_list(&named)
            ),
            channels: named.iter().map(|p| format!("period {}", p + 1)).collect(),
        });
    }
    if most < total - tol {
        let named: Vec<usize> = (0..p_count).filter(|&p| hi[p] < MAX_MONEY).collect();
        return Err(DecideError::Infeasible {
            message: format!(
                "the maximum budgets of {} add up to {most} over the horizon, below the total {total}",
                period_list(&named)
            ),
            channels: named.iter().map(|p| format!("period {}", p + 1)).collect(),
        });
    }

    let kpi = objective.kpi();
    let mut problem = Problem {
        scenario,
        spans: spans.clone(),
        len: len.clone(),
        lo: lo.clone(),
        hi: hi.clone(),
        total,
        kpi,
        evals: 0,
    };
    let flat_b = vec![total / f64::from(weeks); p_count];
    let flat_within_bounds = flat_b.iter().zip(&lo).zip(&hi).all(|((b, lo), hi)| b >= lo && b <= hi);

    let n = p_count as f64;
    let front: Vec<f64> = (0..p_count).map(|p| 2.0 * (n - p as f64) / (n + 1.0)).collect();
    let back: Vec<f64> = front.iter().rev().copied().collect();
    let scale = total / f64::from(weeks);
    let starts: [(&str, Vec<f64>); 3] = [
        ("flat", if flat_within_bounds { flat_b.clone() } else { problem.project(&flat_b) }),
        ("front_loaded", problem.project(&front.iter().map(|w| w * scale).collect::<Vec<_>>())),
        ("back_loaded", problem.project(&back.iter().map(|w| w * scale).collect::<Vec<_>>())),
    ];
    let per_start = MAX_EVALUATIONS / starts.len();
    let mut best: Option<(&str, Vec<f64>, f64)> = None;
    for (name, start) in starts {
        let (b, v) = problem.climb(start, per_start);
        if best.as_ref().is_none_or(|(_, _, bv)| v > *bv) {
            best = Some((name, b, v));
        }
    }
    let (start, mut b, _) = best.unwrap_or(("flat", flat_b.clone(), f64::NEG_INFINITY));
    problem.fix_total(&mut b);

    let outcome = |b: &[f64]| {
        let o = simulate::expected_planned(&flighted_plan(scenario, &spans, b));
        FlightOutcome { objective: o.kpis.get(kpi), budget_per_week: b.to_vec(), kpis: KpiValues::of(&o.kpis) }
    };
    let flat = outcome(&flat_b);
    let mut flighted = outcome(&b);
    // Never report a plan worse than the flat one when the flat one is allowed.
    if flat_within_bounds
        && flighted.objective.unwrap_or(f64::NEG_INFINITY) < flat.objective.unwrap_or(f64::NEG_INFINITY)
    {
        b = flat_b.clone();
        flighted = flat.clone();
    }
    let absolute = match (flat.objective, flighted.objective) {
        (Some(a), Some(z)) => Some(z - a),
        _ => None,
    };
    let percent = match (absolute, flat.objective) {
        (Some(d), Some(a)) if a != 0.0 => Some(d / a.abs() * 100.0),
        _ => None,
    };
    let periods = spans
        .iter()
        .enumerate()
        .map(|(p, &(from_week, to_week))| {
            let near = |x: f64| (b[p] - x).abs() <= 1e-9 * x.abs().max(1.0);
            PeriodReport {
                period: p as u32 + 1,
                from_week,
                to_week,
                weeks: to_week - from_week + 1,
                flat_budget_per_week: flat_b[p],
                budget_per_week: b[p],
                budget: b[p] * len[p],
                share_of_total: if total > 0.0 { b[p] * len[p] / total } else { 0.0 },
                min: lo[p],
                max: hi[p],
                binding: if near(lo[p]) {
                    PeriodBinding::Min
                } else if near(hi[p]) {
                    PeriodBinding::Max
                } else {
                    PeriodBinding::None
                },
            }
        })
        .collect();
    let mut plan = flighted_plan(scenario, &spans, &b);
    plan.scenario.budget.per_week = total / f64::from(weeks);
    Ok(Flighted {
        plan,
        objective,
        objective_kpi: kpi.name().to_string(),
        total,
        flat,
        flighted,
        gain: Gain { absolute, percent },
        periods,
        start: start.to_string(),
        flat_within_bounds,
        evaluations: problem.evals,
    })
}
