//! A challenge's goal: KPI conditions, absolute or relative to the lesson's
//! start, measured over an optional horizon ("by week 26"), and the live
//! check the app runs on every change.

use super::{kpi_label, kpi_text};
use crate::kpi::{Kpi, Kpis};
use crate::scenario::Scenario;
use crate::simulate::{self, Outcome};

/// Which side of the target meets a condition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compare {
    /// Value ≥ target.
    AtLeast,
    /// Value ≤ target.
    AtMost,
}

impl Compare {
    /// `≥` or `≤`.
    pub fn symbol(self) -> &'static str {
        match self {
            Compare::AtLeast => "≥",
            Compare::AtMost => "≤",
        }
    }
}

/// The value a condition compares with.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Target {
    /// A fixed value in the KPI's units (rates as fractions, money in dollars).
    Value(f64),
    /// This multiple of the KPI's value in the start scenario.
    TimesStart(f64),
}

/// One condition of a goal: `kpi compare target`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Condition {
    /// The KPI measured.
    pub kpi: Kpi,
    /// At least or at most.
    pub compare: Compare,
    /// The target.
    pub target: Target,
}

/// A measurable goal: every condition must hold.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Goal {
    /// The goal in words, as the challenge states it.
    pub text: &'static str,
    /// Measure over the first `weeks` weeks ("by week 26"); `None`: the
    /// scenario's whole horizon.
    pub weeks: Option<u32>,
    /// The conditions.
    pub conditions: &'static [Condition],
}

/// The state of one condition in the current plan.
#[derive(Clone, Debug, PartialEq)]
pub struct ConditionStatus {
    /// The condition.
    pub condition: Condition,
    /// The KPI in the start scenario.
    pub start: Option<f64>,
    /// The KPI in the current plan (none: undefined or the plan is invalid).
    pub current: Option<f64>,
    /// The target value (none when it is relative to an undefined start).
    pub target: Option<f64>,
    /// Whether it holds.
    pub met: bool,
}

impl ConditionStatus {
    /// `New customers: 87 (goal ≥ 103)`.
    pub fn text(&self) -> String {
        let kpi = self.condition.kpi;
        let show = |v: Option<f64>| v.map_or_else(|| "—".to_string(), |v| kpi_text(kpi, v));
        format!(
            "{}: {} (goal {} {})",
            kpi_label(kpi),
            show(self.current),
            self.condition.compare.symbol(),
            show(self.target)
        )
    }
}

/// The state of a goal in the current plan.
#[derive(Clone, Debug, PartialEq)]
pub struct GoalStatus {
    /// Every condition holds (and the plan is valid).
    pub met: bool,
    /// One entry per condition, in the goal's order.
    pub conditions: Vec<ConditionStatus>,
}

/// Runs `scenario` in expected mode over its first `weeks` weeks (all of
/// them for `None`); `None` if the scenario (so shortened) is invalid.
pub fn measure(scenario: &Scenario, weeks: Option<u32>) -> Option<Outcome> {
    let mut s = scenario.clone();
    if let Some(w) = weeks {
        s.weeks = w;
    }
    s.validate().ok()?;
    Some(simulate::expected(&s))
}

/// The KPIs of `scenario` over the goal's horizon.
pub fn kpis(goal: &Goal, scenario: &Scenario) -> Option<Kpis> {
    measure(scenario, goal.weeks).map(|o| o.kpis)
}

/// Checks `goal` for the `current` plan against the lesson's `start`
/// (runs both; see [`check_kpis`] to reuse the start's run).
pub fn check(goal: &Goal, start: &Scenario, current: &Scenario) -> GoalStatus {
    check_kpis(goal, kpis(goal, start).as_ref(), kpis(goal, current).as_ref())
}

/// Checks `goal` from KPIs already measured over the goal's horizon
/// ([`kpis`]): the app keeps the start's and recomputes only the plan's.
/// `None` stands for an invalid scenario; the goal is then not met.
pub fn check_kpis(goal: &Goal, start: Option<&Kpis>, current: Option<&Kpis>) -> GoalStatus {
    check_conditions(goal.conditions, start, current)
}

/// [`check_kpis`] for a list of conditions (a teacher's challenge holds its
/// own, not a lesson's static goal).
pub fn check_conditions(conditions: &[Condition], start: Option<&Kpis>, current: Option<&Kpis>) -> GoalStatus {
    let conditions: Vec<ConditionStatus> = conditions
        .iter()
        .map(|c| {
            let start = start.and_then(|k| k.get(c.kpi));
            let current = current.and_then(|k| k.get(c.kpi));
            let target = match c.target {
                Target::Value(v) => Some(v),
                Target::TimesStart(f) => start.map(|s| s * f),
            };
            let met = match (current, target) {
                (Some(v), Some(t)) => match c.compare {
                    Compare::AtLeast => v >= t,
                    Compare::AtMost => v <= t,
                },
                _ => false,
            };
            ConditionStatus { condition: *c, start, current, target, met }
        })
        .collect();
    GoalStatus { met: current.is_some() && conditions.iter().all(|c| c.met), conditions }
}
