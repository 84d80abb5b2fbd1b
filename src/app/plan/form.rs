//! The Plan pane's forms as plain values: what a person typed, and the
//! engine request it becomes. Reading a form never panics; each problem
//! is a message naming the field and the allowed range, and the typed text
//! stays in the form.

use funnel_engine::Scenario;
use funnel_engine::decide::flighting::FlightingSpec;
use funnel_engine::decide::request::Request;
use funnel_engine::decide::{
    BoundKind, ChannelBound, EfficiencyTarget, GoalSpec, GoalTarget, Objective, OptimiseSpec, Range, Vary,
};
use funnel_engine::plan::PlannedScenario;
use funnel_engine::validation::MAX_MONEY;

/// Most reps the Plan pane lets the optimiser or goal seek consider.
pub const MAX_REPS: f64 = 500.0;

/// Which efficiency target, if any.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TargetKind {
    /// None.
    #[default]
    None,
    /// CAC at most a value.
    MaxCac,
    /// ROAS at least a value.
    MinRoas,
}

/// The optimiser's form.
#[derive(Clone, Debug, PartialEq)]
pub struct OptimiseForm {
    /// `new_customers`, `revenue`, `gross_profit` or `cac`.
    pub objective: String,
    /// For `cac`: at least this many new customers ("" = as many as now).
    pub min_customers: String,
    /// Let the budget move within `budget_min..budget_max`.
    pub budget_free: bool,
    /// Lowest budget per week.
    pub budget_min: String,
    /// Highest budget per week.
    pub budget_max: String,
    /// Let the reps move within `reps_min..reps_max`.
    pub reps_free: bool,
    /// Fewest reps.
    pub reps_min: String,
    /// Most reps.
    pub reps_max: String,
    /// Bounds as shares (%) or as spend per week.
    pub bound_kind: BoundKind,
    /// Per channel: minimum ("" = none).
    pub mins: Vec<String>,
    /// Per channel: maximum ("" = none).
    pub maxes: Vec<String>,
    /// Efficiency target kind.
    pub target: TargetKind,
    /// Its value.
    pub target_value: String,
}

impl OptimiseForm {
    /// A form for `scenario`: maximise new customers, the budget and reps as
    /// they are, no bounds; the free ranges start at half to twice today's.
    pub fn new(scenario: &Scenario) -> Self {
        let budget = scenario.budget.per_week;
        let reps = scenario.sales.reps;
        let n = scenario.channels.len();
        OptimiseForm {
            objective: "new_customers".into(),
            min_customers: String::new(),
            budget_free: false,
            budget_min: number(budget * 0.5),
            budget_max: number(budget * 2.0),
            reps_free: false,
            reps_min: number((reps * 0.5).floor()),
            reps_max: number((reps * 2.0).ceil().max(1.0)),
            bound_kind: BoundKind::Share,
            mins: vec![String::new(); n],
            maxes: vec![String::new(); n],
            target: TargetKind::None,
            target_value: String::new(),
        }
    }

    /// The request this form asks for, or every problem with it.
    pub fn request(&self, scenario: &Scenario, locked: &[bool], enabled: &[bool]) -> Result<Request, Vec<String>> {
        let mut problems = Vec::new();
        let min_customers = optional(&self.min_customers, "At least this many new customers", 0.0, 1e12, &mut problems);
        let objective = Objective::from_name(&self.objective, min_customers).unwrap_or(Objective::NewCustomers);
        let budget = self
            .budget_free
            .then(|| range("Budget per week", &self.budget_min, &self.budget_max, 0.0, MAX_MONEY, &mut problems));
        let reps = self.reps_free.then(|| range("Reps", &self.reps_min, &self.reps_max, 0.0, MAX_REPS, &mut problems));
        let (unit_max, scale) = match self.bound_kind {
            BoundKind::Share => (100.0, 0.01),
            BoundKind::Spend => (MAX_MONEY, 1.0),
        };
        let mut bounds = Vec::new();
        for (i, channel) in scenario.channels.iter().enumerate() {
            let kind = if self.bound_kind == BoundKind::Share { "share (%)" } else { "spend per week" };
            let blank = String::new();
            let min = optional(
                self.mins.get(i).unwrap_or(&blank),
                &format!("{} minimum {kind}", channel.name),
                0.0,
                unit_max,
                &mut problems,
            );
            let max = optional(
                self.maxes.get(i).unwrap_or(&blank),
                &format!("{} maximum {kind}", channel.name),
                0.0,
                unit_max,
                &mut problems,
            );
            if let (Some(lo), Some(hi)) = (min, max)
                && lo > hi
            {
                problems.push(format!(
                    "{}: the minimum {} is above the maximum {}",
                    channel.name,
                    number(lo),
                    number(hi)
                ));
            }
            if min.is_some() || max.is_some() {
                bounds.push(ChannelBound {
                    channel: channel.name.clone(),
                    min: min.map(|v| v * scale),
                    max: max.map(|v| v * scale),
                });
            }
        }
        let target = match self.target {
            TargetKind::None => None,
            TargetKind::MaxCac => {
                required(&self.target_value, "Target CAC", 0.0, MAX_MONEY, &mut problems).map(EfficiencyTarget::MaxCac)
            }
            TargetKind::MinRoas => {
                required(&self.target_value, "Target ROAS", 0.0, 1e6, &mut problems).map(EfficiencyTarget::MinRoas)
            }
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        let spec = OptimiseSpec {
            objective,
            budget: budget.flatten(),
            reps: reps.flatten(),
            wider_bounds: !bounds.is_empty(),
            bounds,
            bound_kind: self.bound_kind,
            locked: locked.to_vec(),
            enabled: enabled.to_vec(),
            target,
        };
        Ok(Request::Optimise { scenario: scenario.clone(), spec })
    }
}

/// Goal seek's form.
#[derive(Clone, Debug, PartialEq)]
pub struct GoalForm {
    /// `new_customers` or `revenue`.
    pub kpi: String,
    /// The target value.
    pub value: String,
    /// By this week ("" = the horizon).
    pub by_week: String,
    /// `budget`, `reps`, `budget,reps` or `budget,reps,mix`.
    pub vary: String,
}

impl GoalForm {
    /// Sixty new customers by the end of the horizon, varying budget and reps.
    pub fn new(scenario: &Scenario) -> Self {
        let vary = if scenario.sales.reps > 0.0 { "budget,reps" } else { "budget" };
        GoalForm { kpi: "new_customers".into(), value: "60".into(), by_week: String::new(), vary: vary.into() }
    }

    /// The request this form asks for, or every problem with it.
    pub fn request(&self, scenario: &Scenario) -> Result<Request, Vec<String>> {
        let mut problems = Vec::new();
        let (what, max) =
            if self.kpi == "revenue" { ("Target revenue", MAX_MONEY) } else { ("Target new customers", 1e12) };
        let value = required(&self.value, what, 0.0, max, &mut problems);
        let weeks = f64::from(scenario.weeks);
        let by_week = optional(&self.by_week, "By week", 1.0, weeks, &mut problems);
        if by_week.is_some_and(|w| w.fract() != 0.0) {
            problems.push(format!("By week: a whole week from 1 to {}", scenario.weeks));
        }
        let vary = Vary::parse(&self.vary).unwrap_or(Vary { budget: true, reps: false, mix: false });
        if !problems.is_empty() {
            return Err(problems);
        }
        let value = value.unwrap_or(0.0);
        let target = if self.kpi == "revenue" { GoalTarget::Revenue(value) } else { GoalTarget::NewCustomers(value) };
        let spec = GoalSpec {
            target,
            by_week: by_week.map(|w| w as u32),
            vary,
            budget_range: None,
            reps_range: vary.reps.then_some(Range { min: 0.0, max: MAX_REPS }),
        };
        Ok(Request::Goal { scenario: scenario.clone(), spec })
    }
}

/// The flighting form: a total budget shaped over the horizon's periods.
#[derive(Clone, Debug, PartialEq)]
pub struct FlightForm {
    /// `new_customers`, `revenue` or `gross_profit`.
    pub objective: String,
    /// Number of periods ("4" quarters, "12" months, …).
    pub periods: String,
    /// Total media budget over the horizon ("" = the budget per week × weeks).
    pub total: String,
    /// Lowest budget per week in any period ("" = 0).
    pub min: String,
    /// Highest budget per week in any period ("" = no limit).
    pub max: String,
}

impl FlightForm {
    /// Four quarters, most new customers, the scenario's own total, no bounds.
    pub fn new(scenario: &Scenario) -> Self {
        let periods = if scenario.weeks >= 4 { 4 } else { scenario.weeks.max(1) };
        FlightForm {
            objective: "new_customers".into(),
            periods: periods.to_string(),
            total: String::new(),
            min: String::new(),
            max: String::new(),
        }
    }

    /// The request this form asks for, or every problem with it.
    pub fn request(&self, scenario: &Scenario) -> Result<Request, Vec<String>> {
        let mut problems = Vec::new();
        let weeks = f64::from(scenario.weeks);
        let periods = required(&self.periods, "Periods", 1.0, weeks, &mut problems);
        if periods.is_some_and(|p| p.fract() != 0.0) {
            problems.push(format!("Periods: a whole number from 1 to {}", scenario.weeks));
        }
        let total = optional(&self.total, "Total budget over the horizon", 0.0, MAX_MONEY * weeks, &mut problems);
        let min = optional(&self.min, "Lowest budget per week", 0.0, MAX_MONEY, &mut problems);
        let max = optional(&self.max, "Highest budget per week", 0.0, MAX_MONEY, &mut problems);
        if let (Some(a), Some(b)) = (min, max)
            && a > b
        {
            problems.push(format!("Lowest budget per week ({}) is above the highest ({})", number(a), number(b)));
        }
        let objective = match self.objective.as_str() {
            "revenue" => Objective::Revenue,
            "gross_profit" => Objective::GrossProfit,
            _ => Objective::NewCustomers,
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut spec = FlightingSpec::new(objective, periods.unwrap_or(1.0) as u32);
        spec.total = total;
        if min.is_some() || max.is_some() {
            spec.bounds = vec![Range { min: min.unwrap_or(0.0), max: max.unwrap_or(MAX_MONEY) }];
        }
        Ok(Request::Flight { scenario: scenario.clone(), spec })
    }
}

/// The when-to-hire form: how many reps, and the backlog they must keep under.
#[derive(Clone, Debug, PartialEq)]
pub struct HireForm {
    /// Reps hired together.
    pub reps: String,
    /// The most MQLs allowed to wait for sales in any week.
    pub max_backlog: String,
}

impl HireForm {
    /// Two reps, and a backlog of at most 50 leads.
    pub fn new() -> Self {
        HireForm { reps: "2".into(), max_backlog: "50".into() }
    }

    /// The request this form asks for (for the scenario with its plan), or
    /// every problem with it.
    pub fn request(&self, planned: &PlannedScenario) -> Result<Request, Vec<String>> {
        let mut problems = Vec::new();
        let reps = required(&self.reps, "Reps to hire", 1.0, MAX_REPS, &mut problems);
        if reps.is_some_and(|r| r.fract() != 0.0) {
            problems.push(format!("Reps to hire: a whole number from 1 to {}", number(MAX_REPS)));
        }
        let max_backlog = required(&self.max_backlog, "Most leads waiting (MQL backlog)", 0.0, 1e12, &mut problems);
        match (reps, max_backlog) {
            (Some(extra_reps), Some(max_backlog)) if problems.is_empty() => {
                Ok(Request::Hire { planned: planned.clone(), extra_reps, max_backlog })
            }
            _ => Err(problems),
        }
    }
}

impl Default for HireForm {
    fn default() -> Self {
        HireForm::new()
    }
}

/// `v` as typed back into a field: whole numbers without a decimal point.
pub fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 { format!("{v:.0}") } else { format!("{}", (v * 100.0).round() / 100.0) }
}

fn parse(text: &str) -> Option<f64> {
    text.trim().replace([',', '_', '$', ' '], "").parse::<f64>().ok().filter(|v| v.is_finite())
}

fn out_of_range(what: &str, lo: f64, hi: f64) -> String {
    format!("{what}: a number from {} to {}", number(lo), number(hi))
}

/// A number that may be left blank.
fn optional(text: &str, what: &str, lo: f64, hi: f64, problems: &mut Vec<String>) -> Option<f64> {
    if text.trim().is_empty() {
        return None;
    }
    match parse(text) {
        Some(v) if (lo..=hi).contains(&v) => Some(v),
        _ => {
            problems.push(out_of_range(what, lo, hi));
            None
        }
    }
}

/// A number that must be given.
fn required(text: &str, what: &str, lo: f64, hi: f64, problems: &mut Vec<String>) -> Option<f64> {
    if text.trim().is_empty() {
        problems.push(format!("{what} is empty: {}", out_of_range("give", lo, hi).trim_start_matches("give: ")));
        return None;
    }
    optional(text, what, lo, hi, problems)
}

/// A MIN..MAX pair, both required.
fn range(what: &str, min: &str, max: &str, lo: f64, hi: f64, problems: &mut Vec<String>) -> Option<Range> {
    let a = required(min, &format!("{what} from"), lo, hi, problems)?;
    let b = required(max, &format!("{what} to"), lo, hi, problems)?;
    if a > b {
        problems.push(format!("{what}: from {} is above to {}", number(a), number(b)));
        return None;
    }
    Some(Range { min: a, max: b })
}
