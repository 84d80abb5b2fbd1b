//! When to hire: the latest week a hire of extra reps (ramping up with the
//! plan's `ramp_weeks`) can start so that the MQL backlog never exceeds a
//! limit. Every start week is tried (expected mode is microseconds).

use serde::{Deserialize, Serialize};

use super::DecideError;
use crate::fields::{Field, SalesField};
use crate::metrics::Metric;
use crate::plan::{Phase, Plan, PlannedScenario};
use crate::simulate;

/// The answer of [`rep_start_week`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RepStart {
    /// Reps hired.
    pub extra_reps: f64,
    /// The backlog limit.
    pub max_backlog: f64,
    /// The latest start week (1-based) that keeps the backlog within the
    /// limit; `None` when no start week does.
    pub week: Option<u32>,
    /// The peak MQL backlog with the hire starting then (`None` with `week`).
    pub peak_backlog: Option<f64>,
    /// Whether a hire starting in week 1 keeps the backlog within the limit.
    pub week_1_suffices: bool,
    /// Whether the plan without the hire already keeps it within the limit.
    pub needed: bool,
    /// The peak backlog without the hire.
    pub peak_without_hire: f64,
    /// The peak backlog for each start week (index 0 = week 1).
    pub peaks: Vec<f64>,
    /// The plan with the hire at `week` (a complete version 2 scenario as JSON).
    pub plan: Option<serde_json::Value>,
}

/// The plan (or the one-phase plan of a version 1 scenario) with
/// `extra` more reps from week `week` (1-based) on. Phases are split at
/// `week` when needed (a budget ramp is split into two ramps on the same
/// line).
pub fn with_hire(planned: &PlannedScenario, extra: f64, week: u32) -> PlannedScenario {
    let base = match &planned.plan {
        Some(_) => planned.clone(),
        None => PlannedScenario::upgrade(&planned.scenario),
    };
    let plan = base.plan.clone().unwrap_or(Plan { phases: Vec::new(), ramp_weeks: 0, quota: None });
    let mut reps = base.scenario.sales.reps;
    let mut phases = Vec::with_capacity(plan.phases.len() + 1);
    for p in &plan.phases {
        reps = p.reps.unwrap_or(reps);
        if p.to_week < week {
            phases.push(Phase { reps: Some(reps), ..p.clone() });
        } else if p.from_week >= week {
            phases.push(Phase { reps: Some(reps + extra), ..p.clone() });
        } else {
            let (mut before, mut after) = (p.clone(), p.clone());
            before.to_week = week - 1;
            before.reps = Some(reps);
            after.from_week = week;
            after.reps = Some(reps + extra);
            after.name = if p.name.is_empty() { String::new() } else { format!("{} (with the hire)", p.name) };
            if let Some(r) = p.budget_ramp {
                let len = f64::from(p.to_week - p.from_week);
                let at = |w: u32| {
                    if len > 0.0 { r.from + (r.to - r.from) * f64::from(w - p.from_week) / len } else { r.from }
                };
                before.budget_ramp = Some(crate::plan::BudgetRamp { from: r.from, to: at(week - 1) });
                after.budget_ramp = Some(crate::plan::BudgetRamp { from: at(week), to: r.to });
            }
            // A later phase without shares or budget carries over the
            // `after` part, which holds the same ones: nothing else changes.
            phases.push(before);
            phases.push(after);
        }
    }
    PlannedScenario { scenario: base.scenario, plan: Some(Plan { phases, ..plan }) }
}

fn peak_backlog(planned: &PlannedScenario) -> f64 {
    let o = simulate::expected_planned(planned);
    o.trace.series(o.trace.total(), Metric::MqlBacklog).fold(0.0, f64::max)
}

/// The latest week a hire of `extra_reps` can start so that the MQL backlog
/// never exceeds `max_backlog` (see [`RepStart`]); the hire ramps up with
/// the plan's `ramp_weeks` (0 without a plan).
pub fn rep_start_week(planned: &PlannedScenario, extra_reps: f64, max_backlog: f64) -> Result<RepStart, DecideError> {
    planned.validate()?;
    let (_, max_reps, _) = Field::Sales(SalesField::Reps).spec().model_range();
    if !extra_reps.is_finite() || extra_reps <= 0.0 {
        return Err(DecideError::Invalid(format!("extra_reps must be a number > 0, got {extra_reps}")));
    }
    if !max_backlog.is_finite() || max_backlog < 0.0 {
        return Err(DecideError::Invalid(format!("max_backlog must be a number ≥ 0, got {max_backlog}")));
    }
    let schedule = planned.schedule();
    let most = schedule.headcount.iter().fold(planned.scenario.sales.reps, |m, r| m.max(*r));
    if most + extra_reps > max_reps {
        return Err(DecideError::Invalid(format!(
            "extra_reps: {most} + {extra_reps} reps would be above the most allowed ({max_reps})"
        )));
    }
    let peak_without_hire = peak_backlog(planned);
    let peaks: Vec<f64> =
        (1..=planned.scenario.weeks).map(|w| peak_backlog(&with_hire(planned, extra_reps, w))).collect();
    let week = peaks.iter().rposition(|p| *p <= max_backlog).map(|i| i as u32 + 1);
    let plan = week.and_then(|w| serde_json::from_str(&with_hire(planned, extra_reps, w).to_json()).ok());
    Ok(RepStart {
        extra_reps,
        max_backlog,
        week,
        peak_backlog: week.map(|w| peaks[w as usize - 1]),
        week_1_suffices: peaks.first().is_some_and(|p| *p <= max_backlog),
        needed: peak_without_hire > max_backlog,
        peak_without_hire,
        peaks,
        plan,
    })
}
