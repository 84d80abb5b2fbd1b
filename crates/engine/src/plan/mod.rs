//! Plans over time (scenario format version 2, issue 10): a scenario's
//! budget, channel shares and sales team changing phase by phase, new reps
//! ramping up, and a sales quota.
//!
//! A version 2 file is a version 1 scenario plus a `"plan"`; a file without
//! a plan is version 1 (and is written as version 1, byte for byte as
//! before). [`PlannedScenario`] is the pair. The plan-less part stays a
//! [`Scenario`], so everything that takes a `Scenario` (the app, links,
//! saved scenarios, the decision tools) keeps its meaning; the engine's
//! planned entry points ([`crate::simulate::expected_planned`],
//! [`crate::chunks::McPlan::planned`]) take the pair.
//!
//! [`Schedule`] resolves a plan into one value per week (budget, shares,
//! headcount, ramped reps, phase), which the model precomputes its weekly
//! spend, reach and capacity from. [`QuotaKpis`] are the quota KPIs of one
//! run.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

pub mod edit;

use crate::fields::{Field, SalesField};
use crate::metrics::{Metric, Trace};
use crate::scenario::{SCENARIO_VERSION, Scenario};
use crate::validation::{FieldError, SHARE_TOLERANCE, ScenarioError};

/// The format version of a scenario with a plan.
pub const PLAN_VERSION: u32 = 2;
/// Weeks in a quota quarter.
pub const QUARTER_WEEKS: usize = 13;
/// Longest ramp-up, in weeks.
pub const MAX_RAMP_WEEKS: u32 = 104;
/// Largest quota per rep per quarter (deals or money).
pub const MAX_QUOTA: f64 = 1e12;

/// A plan over time: consecutive phases covering the whole horizon, the
/// ramp-up of newly hired reps, and an optional quota.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// Phases in week order; together they cover weeks `1..=weeks` exactly.
    pub phases: Vec<Phase>,
    /// Weeks a newly hired rep needs to reach full speed (0 = at once): in
    /// their `k`-th week a rep works `min(k / ramp_weeks, 1)` of a full load.
    #[serde(default)]
    pub ramp_weeks: u32,
    /// A quota per rep per quarter; without it no quota KPIs are reported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quota: Option<Quota>,
}

/// One phase of a plan. Anything left unset carries over from the previous
/// phase (the first phase: from the scenario's `budget`, channel shares and
/// `sales.reps`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    /// A label ("Q4 burst"), display text only.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// First week of the phase (1-based).
    pub from_week: u32,
    /// Last week of the phase (inclusive).
    pub to_week: u32,
    /// Media budget per week, the same every week of the phase.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget_per_week: Option<f64>,
    /// Media budget moving linearly from `from` (first week) to `to` (last
    /// week); the next phase carries over `to`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget_ramp: Option<BudgetRamp>,
    /// Channel name → share of the budget. Channels not named get 0 (off);
    /// the shares sum to 1.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "shares_map")]
    pub shares: Option<Vec<(String, f64)>>,
    /// Sales reps on board (headcount) during the phase.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reps: Option<f64>,
}

/// A budget that moves linearly over a phase.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetRamp {
    /// Budget in the phase's first week.
    pub from: f64,
    /// Budget in the phase's last week.
    pub to: f64,
}

/// A sales quota per rep per quarter (13 weeks).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quota {
    /// Won deals, or revenue from won deals, one rep should bring per quarter.
    pub per_rep_per_quarter: f64,
    /// What the quota counts.
    pub unit: QuotaUnit,
}

/// What a quota counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum QuotaUnit {
    /// Won deals.
    Deals,
    /// Revenue from won deals (not online purchases, not recurring revenue).
    Revenue,
}

/// Shares as a JSON object `{"Paid search": 0.5, …}`, kept in file order.
mod shares_map {
    use serde::de::Error as _;
    use serde::{Deserialize, Deserializer, Serializer};
    use serde_json::{Map, Value};

    pub fn serialize<S: Serializer>(shares: &Option<Vec<(String, f64)>>, out: S) -> Result<S::Ok, S::Error> {
        let map: Map<String, Value> = shares
            .iter()
            .flatten()
            .map(|(name, share)| {
                (name.clone(), serde_json::Number::from_f64(*share).map_or(Value::Null, Value::Number))
            })
            .collect();
        out.serialize_some(&map)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(input: D) -> Result<Option<Vec<(String, f64)>>, D::Error> {
        let map = Map::<String, Value>::deserialize(input)?;
        map.into_iter()
            .map(|(name, v)| match v.as_f64() {
                Some(share) => Ok((name, share)),
                None => Err(D::Error::custom(format!("the share of \"{name}\" must be a number, got {v}"))),
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Some)
    }
}

/// A [`PlannedScenario`] inside a serde type (a decision-tool request or
/// answer), as its file JSON and read back by every rule of the format:
/// `#[serde(with = "crate::plan::planned_json")]`.
pub(crate) mod planned_json {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::PlannedScenario;

    pub fn serialize<S: Serializer>(p: &PlannedScenario, out: S) -> Result<S::Ok, S::Error> {
        p.to_value().serialize(out)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(input: D) -> Result<PlannedScenario, D::Error> {
        let value = serde_json::Value::deserialize(input)?;
        PlannedScenario::from_json(&value.to_string()).map_err(serde::de::Error::custom)
    }
}

/// A scenario file of any version: the scenario and, from version 2, its plan.
#[derive(Clone, Debug, PartialEq)]
pub struct PlannedScenario {
    /// Everything but the plan (its own `version` field stays 1).
    pub scenario: Scenario,
    /// The plan over time; `None` for a version 1 scenario.
    pub plan: Option<Plan>,
}

impl From<Scenario> for PlannedScenario {
    fn from(scenario: Scenario) -> Self {
        PlannedScenario { scenario, plan: None }
    }
}

impl PlannedScenario {
    /// The file version this scenario is written as: 2 with a plan, else 1.
    pub fn version(&self) -> u32 {
        if self.plan.is_some() { PLAN_VERSION } else { SCENARIO_VERSION }
    }

    /// Reads a version 1 or 2 scenario file and validates it. Version 1
    /// must not have a `plan`; version 2 must. Every problem names its
    /// field (`plan.phases[1].reps`).
    pub fn from_json(text: &str) -> Result<PlannedScenario, ScenarioError> {
        let value: Value = serde_json::from_str(text).map_err(|e| ScenarioError::syntax(e.to_string()))?;
        let Value::Object(mut object) = value else {
            return Err(ScenarioError::syntax("a scenario must be a JSON object".into()));
        };
        let version = object.get("version").and_then(Value::as_u64);
        if version != Some(u64::from(PLAN_VERSION)) {
            if object.contains_key("plan") && version == Some(u64::from(SCENARIO_VERSION)) {
                return Err(ScenarioError::field("plan", "needs \"version\": 2 (a version 1 scenario has no plan)"));
            }
            // Version 1 (or a wrong version, which the v1 reader names).
            return Scenario::from_json(text).map(PlannedScenario::from);
        }
        let Some(plan) = object.remove("plan") else {
            return Err(ScenarioError::field(
                "version",
                "2 is not supported without a \"plan\" (a scenario without a plan is version 1)",
            ));
        };
        object.insert("version".into(), Value::from(SCENARIO_VERSION));
        let scenario = Scenario::from_json(&Value::Object(object).to_string())?;
        if !plan.is_object() {
            return Err(ScenarioError::field("plan", "must be a JSON object { … }"));
        }
        if let Some(i) =
            plan.get("phases").and_then(Value::as_array).and_then(|p| p.iter().position(|x| !x.is_object()))
        {
            return Err(ScenarioError::field(&format!("plan.phases[{i}]"), "must be a JSON object { … }"));
        }
        let plan: Plan = serde_path_to_error::deserialize(plan).map_err(|e| {
            let path = e.path().to_string();
            let field = if path == "." { "plan".to_string() } else { format!("plan.{path}") };
            ScenarioError::field(&field, format!("is invalid: {}", e.inner()))
        })?;
        let planned = PlannedScenario { scenario, plan: Some(plan) };
        planned.validate()?;
        Ok(planned)
    }

    /// The file as pretty JSON: exactly [`Scenario::to_json`] without a
    /// plan (version 1), else version 2 with the plan last.
    pub fn to_json(&self) -> String {
        if self.plan.is_none() {
            return self.scenario.to_json();
        }
        serde_json::to_string_pretty(&self.to_value()).unwrap_or_default()
    }

    /// The file as a JSON value (version 1 without a plan, else version 2).
    pub fn to_value(&self) -> Value {
        // Plain structs of numbers and strings always serialise.
        let mut value = serde_json::to_value(&self.scenario).unwrap_or(Value::Null);
        if let (Some(plan), Value::Object(object)) = (&self.plan, &mut value) {
            object.insert("version".into(), Value::from(PLAN_VERSION));
            object.insert("plan".into(), serde_json::to_value(plan).unwrap_or(Value::Null));
        }
        value
    }

    /// The version 2 form of a scenario: a plan of one phase over the whole
    /// horizon holding the scenario's budget, shares and reps, no ramp and
    /// no quota. It simulates to exactly the same numbers.
    pub fn upgrade(scenario: &Scenario) -> PlannedScenario {
        let shares = scenario.channels.iter().map(|c| (c.name.clone(), c.share)).collect();
        let phase = Phase {
            name: String::new(),
            from_week: 1,
            to_week: scenario.weeks,
            budget_per_week: Some(scenario.budget.per_week),
            budget_ramp: None,
            shares: Some(shares),
            reps: Some(scenario.sales.reps),
        };
        PlannedScenario {
            scenario: scenario.clone(),
            plan: Some(Plan { phases: vec![phase], ramp_weeks: 0, quota: None }),
        }
    }

    /// Checks the scenario and the plan; `Err` lists every broken rule.
    pub fn validate(&self) -> Result<(), ScenarioError> {
        self.scenario.validate()?;
        let Some(plan) = &self.plan else { return Ok(()) };
        let errors = validate_plan(&self.scenario, plan);
        if errors.is_empty() { Ok(()) } else { Err(ScenarioError::Invalid(errors)) }
    }

    /// The plan resolved week by week (a plan-less scenario: every week the same).
    pub fn schedule(&self) -> Schedule {
        Schedule::new(&self.scenario, self.plan.as_ref())
    }
}

fn number_range(field: Field) -> (f64, f64, bool) {
    field.spec().model_range()
}

/// The rules of a plan (the scenario itself is valid).
fn validate_plan(s: &Scenario, plan: &Plan) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let mut fail = |field: String, message: String| errors.push(FieldError { field, message });
    let in_range = |v: f64, (min, max, whole): (f64, f64, bool)| {
        v.is_finite() && (min..=max).contains(&v) && (!whole || v.fract() == 0.0)
    };
    let describe = |(min, max, whole): (f64, f64, bool), v: f64| {
        let kind = if whole { "a whole number in" } else { "in" };
        format!("must be {kind} [{}, {}], got {v}", crate::validation::bound(min), crate::validation::bound(max))
    };

    if plan.phases.is_empty() {
        fail("plan.phases".into(), "must hold at least one phase".into());
    }
    if plan.phases.len() > s.weeks as usize {
        fail(
            "plan.phases".into(),
            format!("must have at most one phase per week ({}), got {}", s.weeks, plan.phases.len()),
        );
    }
    if plan.ramp_weeks > MAX_RAMP_WEEKS {
        fail(
            "plan.ramp_weeks".into(),
            format!("must be a whole number in [0, {MAX_RAMP_WEEKS}], got {}", plan.ramp_weeks),
        );
    }
    if let Some(q) = &plan.quota {
        let range = (0.0, MAX_QUOTA, false);
        if !in_range(q.per_rep_per_quarter, range) {
            fail("plan.quota.per_rep_per_quarter".into(), describe(range, q.per_rep_per_quarter));
        }
    }

    let budget = number_range(Field::BudgetPerWeek);
    let reps = number_range(Field::Sales(SalesField::Reps));
    let share = (0.0, 1.0, false);
    let mut expected_from = 1;
    for (i, p) in plan.phases.iter().enumerate() {
        let f = |name: &str| format!("plan.phases[{i}].{name}");
        let in_horizon = |w: u32| (1..=s.weeks).contains(&w);
        if !in_horizon(p.from_week) {
            fail(f("from_week"), format!("must be a week of the horizon, in [1, {}], got {}", s.weeks, p.from_week));
        } else if p.from_week != expected_from {
            let why = if i == 0 {
                "the first phase starts in week 1".to_string()
            } else {
                format!(
                    "phases follow each other without gap or overlap: phase {} ends in week {}",
                    i - 1,
                    expected_from - 1
                )
            };
            fail(f("from_week"), format!("must be {expected_from} ({why}), got {}", p.from_week));
        }
        if !in_horizon(p.to_week) {
            fail(f("to_week"), format!("must be a week of the horizon, in [1, {}], got {}", s.weeks, p.to_week));
        } else if p.to_week < p.from_week {
            fail(f("to_week"), format!("must be at least from_week ({}), got {}", p.from_week, p.to_week));
        } else if i + 1 == plan.phases.len() && p.to_week != s.weeks {
            fail(
                f("to_week"),
                format!("must be the last week of the horizon ({}) in the last phase, got {}", s.weeks, p.to_week),
            );
        }
        expected_from = p.to_week.saturating_add(1);
        if let Some(b) = p.budget_per_week
            && !in_range(b, budget)
        {
            fail(f("budget_per_week"), describe(budget, b));
        }
        if let Some(r) = p.budget_ramp {
            if p.budget_per_week.is_some() {
                fail(f("budget_ramp"), "cannot be set together with budget_per_week (choose one)".into());
            }
            for (name, v) in [("budget_ramp.from", r.from), ("budget_ramp.to", r.to)] {
                if !in_range(v, budget) {
                    fail(f(name), describe(budget, v));
                }
            }
        }
        if let Some(r) = p.reps
            && !in_range(r, reps)
        {
            fail(f("reps"), describe(reps, r));
        }
        if let Some(shares) = &p.shares {
            let mut ok = true;
            for (j, (name, v)) in shares.iter().enumerate() {
                let path = format!("plan.phases[{i}].shares.{name}");
                if !s.channels.iter().any(|c| &c.name == name) {
                    let names: Vec<&str> = s.channels.iter().map(|c| c.name.as_str()).collect();
                    fail(path, format!("is not a channel of the scenario (channels: {})", names.join(", ")));
                    ok = false;
                } else if shares[..j].iter().any(|(n, _)| n == name) {
                    fail(path, "is given twice".into());
                    ok = false;
                } else if !in_range(*v, share) {
                    fail(path, describe(share, *v));
                    ok = false;
                }
            }
            let total: f64 = shares.iter().map(|(_, v)| v).sum();
            if ok && !s.channels.is_empty() && (total - 1.0).abs() > SHARE_TOLERANCE {
                fail(f("shares"), format!("must sum to 1 (±1e-6) over the channels switched on, got {total}"));
            }
        }
    }
    errors
}

/// A plan resolved into one value per week (index `t` = week `t + 1`).
#[derive(Clone, Debug, PartialEq)]
pub struct Schedule {
    /// Paid channels.
    pub channels: usize,
    /// Phase index (0-based) of each week.
    pub phase: Vec<usize>,
    /// Media budget of each week.
    pub budget: Vec<f64>,
    /// Share of channel `c` in week `t`, at `t × channels + c`.
    pub shares: Vec<f64>,
    /// Reps on board (headcount, paid) in each week.
    pub headcount: Vec<f64>,
    /// Full-time-equivalent reps after ramp-up in each week.
    pub effective_reps: Vec<f64>,
}

/// Reps hired together: how many, and the week (0-based) they started.
#[derive(Clone, Copy, Debug)]
struct Cohort {
    count: f64,
    hired: usize,
}

impl Schedule {
    /// Resolves `plan` (valid for `scenario`) week by week; without a plan
    /// every week holds the scenario's budget, shares and reps.
    pub fn new(scenario: &Scenario, plan: Option<&Plan>) -> Schedule {
        let weeks = scenario.weeks as usize;
        let k = scenario.channels.len();
        let mut out = Schedule {
            channels: k,
            phase: Vec::with_capacity(weeks),
            budget: Vec::with_capacity(weeks),
            shares: Vec::with_capacity(weeks * k),
            headcount: Vec::with_capacity(weeks),
            effective_reps: Vec::with_capacity(weeks),
        };
        let mut budget = scenario.budget.per_week;
        let mut shares: Vec<f64> = scenario.channels.iter().map(|c| c.share).collect();
        // The team at week 1 is fully ramped; later hires ramp up.
        let mut cohorts = vec![Cohort { count: scenario.sales.reps, hired: 0 }];
        let ramp_weeks = plan.map_or(0, |p| p.ramp_weeks);
        let phases = plan.map(|p| p.phases.as_slice()).unwrap_or_default();
        let whole_horizon = Phase { to_week: scenario.weeks, ..Phase::default() };
        let phases = if phases.is_empty() { std::slice::from_ref(&whole_horizon) } else { phases };
        for (index, p) in phases.iter().enumerate() {
            // A valid plan covers the horizon in order; clamping keeps an
            // invalid one from panicking (it simply covers what it covers).
            let first = out.phase.len();
            let last = if index + 1 == phases.len() { weeks } else { (p.to_week as usize).min(weeks) };
            let mut ramp = None;
            if let Some(b) = p.budget_per_week {
                budget = b;
            } else if let Some(r) = p.budget_ramp {
                ramp = Some(r);
                budget = r.to; // what the next phase carries over
            }
            if let Some(named) = &p.shares {
                for (c, ch) in scenario.channels.iter().enumerate() {
                    shares[c] = named.iter().find(|(n, _)| n == &ch.name).map_or(0.0, |(_, v)| *v);
                }
            }
            if let Some(target) = p.reps {
                resize_team(&mut cohorts, target, first);
            }
            for t in first..last {
                let this_week = match ramp {
                    Some(r) if last - first > 1 => {
                        r.from + (r.to - r.from) * ((t - first) as f64 / (last - first - 1) as f64)
                    }
                    Some(r) => r.from,
                    None => budget,
                };
                out.phase.push(index);
                out.budget.push(this_week);
                out.shares.extend_from_slice(&shares);
                out.headcount.push(cohorts.iter().map(|c| c.count).sum());
                out.effective_reps.push(
                    cohorts
                        .iter()
                        .map(|c| if c.hired == 0 { c.count } else { c.count * ramp_share(t - c.hired + 1, ramp_weeks) })
                        .sum(),
                );
            }
        }
        out
    }

    /// Spend of channel `c` in week `t`.
    pub fn spend(&self, t: usize, c: usize) -> f64 {
        self.budget[t] * self.shares[t * self.channels + c]
    }
}

/// Share of a full load a rep works in their `k`-th week (1-based).
pub fn ramp_share(k: usize, ramp_weeks: u32) -> f64 {
    if ramp_weeks == 0 { 1.0 } else { (k as f64 / f64::from(ramp_weeks)).min(1.0) }
}

/// Hires (a new cohort starting in week `t`) or lets go (the least ramped,
/// latest hires first) to reach `target` reps.
fn resize_team(cohorts: &mut Vec<Cohort>, target: f64, t: usize) {
    let now: f64 = cohorts.iter().map(|c| c.count).sum();
    if target > now {
        cohorts.push(Cohort { count: target - now, hired: t });
        return;
    }
    let mut cut = now - target;
    while cut > 0.0 {
        let Some(last) = cohorts.last_mut() else { break };
        if last.count > cut {
            last.count -= cut;
            break;
        }
        cut -= last.count;
        cohorts.pop();
    }
}

/// Columns of a trace's plan block, per week.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlanColumn {
    /// Phase number (1-based).
    Phase,
    /// Reps on board (headcount).
    Reps,
    /// Leads the team could work this week, after ramp-up (Monte Carlo: whole leads).
    Capacity,
    /// Value of the deals won this week (for a revenue quota).
    WonValue,
}

impl PlanColumn {
    /// Every column, in trace order.
    pub const ALL: [PlanColumn; 4] = [PlanColumn::Phase, PlanColumn::Reps, PlanColumn::Capacity, PlanColumn::WonValue];
    /// Columns per week.
    pub const COUNT: usize = Self::ALL.len();
    /// Position in a week's plan row.
    pub const fn index(self) -> usize {
        self as usize
    }
    /// Name in JSON and CSV output.
    pub fn name(self) -> &'static str {
        match self {
            PlanColumn::Phase => "phase",
            PlanColumn::Reps => "reps",
            PlanColumn::Capacity => "capacity",
            PlanColumn::WonValue => "won_value",
        }
    }
}

/// Quota KPIs of one run: attainment over the horizon and per quarter.
#[derive(Clone, Debug, PartialEq)]
pub struct QuotaKpis {
    /// The quota they measure.
    pub quota: Quota,
    /// Achieved ÷ target over the horizon (none when the target is 0).
    pub attainment: Option<f64>,
    /// Per quarter (weeks 1–13, 14–26, …; the last may be shorter).
    pub quarters: Vec<Option<f64>>,
}

/// Quarters in a horizon of `weeks` weeks (the last may be partial).
pub fn quarters(weeks: usize) -> usize {
    weeks.div_ceil(QUARTER_WEEKS)
}

impl QuotaKpis {
    /// Values in a per-run row: the horizon, then each quarter.
    pub fn width(weeks: usize) -> usize {
        1 + quarters(weeks)
    }

    /// Computes the quota KPIs of a run's trace (which has a plan block).
    /// Target of a week: headcount × quota / 13 (a rep on board carries the
    /// full quota while ramping); achieved: won deals or their value.
    pub fn compute(quota: &Quota, trace: &Trace) -> QuotaKpis {
        let weeks = trace.weeks();
        let total = trace.total();
        let week = |t: usize| {
            let achieved = match quota.unit {
                QuotaUnit::Deals => trace.get(t, total, Metric::Won),
                QuotaUnit::Revenue => trace.plan_value(t, PlanColumn::WonValue),
            };
            let target = trace.plan_value(t, PlanColumn::Reps) * quota.per_rep_per_quarter / QUARTER_WEEKS as f64;
            (achieved, target)
        };
        let sum = |range: std::ops::Range<usize>| range.map(week).fold((0.0, 0.0), |(a, b), (x, y)| (a + x, b + y));
        let attain = |(a, t): (f64, f64)| crate::kpi::ratio(a, t);
        QuotaKpis {
            quota: *quota,
            attainment: attain(sum(0..weeks)),
            quarters: (0..quarters(weeks))
                .map(|q| attain(sum(q * QUARTER_WEEKS..((q + 1) * QUARTER_WEEKS).min(weeks))))
                .collect(),
        }
    }

    /// The values as a per-run row (NaN = none).
    pub fn row(&self) -> impl Iterator<Item = f64> + '_ {
        std::iter::once(self.attainment).chain(self.quarters.iter().copied()).map(|v| v.unwrap_or(f64::NAN))
    }
}

/// The plan's quota as JSON fields (`unit`, `per_rep_per_quarter`).
pub(crate) fn quota_head(quota: &Quota) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("unit".into(), serde_json::to_value(quota.unit).unwrap_or(Value::Null));
    m.insert("per_rep_per_quarter".into(), Value::from(quota.per_rep_per_quarter));
    m
}
