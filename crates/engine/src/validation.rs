//! The rules a scenario must satisfy (MODEL.md, "Validation"), checked all
//! at once so a person sees every problem, each naming its field path and
//! the allowed range.

use std::fmt;

use crate::fields::Field;
use crate::scenario::Scenario;

/// Largest market size the engine accepts.
pub const MAX_MARKET_SIZE: f64 = 1e10;
/// Longest horizon, in weeks.
pub const MAX_WEEKS: u32 = 520;
/// Most Monte Carlo runs.
pub const MAX_RUNS: u32 = 100_000;
/// Most paid channels.
pub const MAX_CHANNELS: usize = 16;
/// Largest amount of money in any field: keeps every sum finite.
pub const MAX_MONEY: f64 = 1e12;
/// Longest scenario or channel name, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// Tolerance on the sum of channel shares.
pub const SHARE_TOLERANCE: f64 = 1e-6;

/// One broken rule: the field path (`channels[2].reach_cap`) and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// Path of the field, e.g. `sales.win_rate`.
    pub field: String,
    /// What is wrong, including the allowed range and the value found.
    pub message: String,
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.field, self.message)
    }
}

/// Why a scenario was refused: the file is not JSON, or fields break rules.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ScenarioError {
    /// The text is not a JSON object.
    #[error("not a valid scenario file: {0}")]
    Syntax(String),
    /// One or more fields break the rules (never empty).
    #[error("{}", describe(.0))]
    Invalid(Vec<FieldError>),
}

/// Every broken rule in one line, separated by `; `.
pub fn describe(errors: &[FieldError]) -> String {
    errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")
}

impl ScenarioError {
    /// A syntax error.
    pub fn syntax(message: String) -> Self {
        ScenarioError::Syntax(message)
    }
    /// A single field error.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        ScenarioError::Invalid(vec![FieldError { field: field.into(), message: message.into() }])
    }
    /// Every field error (empty for a syntax error).
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            ScenarioError::Syntax(_) => &[],
            ScenarioError::Invalid(errors) => errors,
        }
    }
}

/// Collects broken rules.
struct Checker {
    errors: Vec<FieldError>,
}

impl Checker {
    fn fail(&mut self, field: &str, message: String) {
        self.errors.push(FieldError { field: field.to_string(), message });
    }

    /// Finite and true under `ok`, else an error quoting `range`.
    fn check(&mut self, field: &str, value: f64, range: &str, ok: impl Fn(f64) -> bool) -> bool {
        if !value.is_finite() {
            self.fail(field, format!("must be a finite number {range}, got {value}"));
            false
        } else if !ok(value) {
            self.fail(field, format!("must be {range}, got {value}"));
            false
        } else {
            true
        }
    }

    /// Two rates that share one population (competing outcomes) must sum to at most 1.
    fn sum_at_most_one(&mut self, field: &str, value: f64, other: &str, other_value: f64) {
        if value + other_value > 1.0 {
            self.fail(field, format!("plus {other} must be ≤ 1, got {value} + {other_value}"));
        }
    }
}

/// Checks every rule; `Err` lists all broken ones.
///
/// Every number a person can edit is checked against its row of the field
/// table ([`crate::fields`]: the range the controls offer is the range
/// accepted here); this function adds the rules between fields.
pub fn validate(s: &Scenario) -> Result<(), ScenarioError> {
    let mut c = Checker { errors: Vec::new() };
    let m = &s.market;

    let name_length = s.name.chars().count();
    if name_length > MAX_NAME_CHARS {
        c.fail("name", format!("must be at most {MAX_NAME_CHARS} characters, got {name_length}"));
    }
    if s.channels.len() > MAX_CHANNELS {
        c.fail("channels", format!("must have at most {MAX_CHANNELS} entries, got {}", s.channels.len()));
    }

    // Ranges, from the field table; `ok(path)` says whether a field passed.
    let mut broken = std::collections::HashSet::new();
    // In the order of the file, so messages read top to bottom.
    let mut fields = Field::all(s);
    fields.sort_by_key(|f| match f {
        Field::Weeks => 0,
        Field::Market(_) => 1,
        Field::BudgetPerWeek => 2,
        Field::Channel(..) => 3,
        Field::Sales(_) => 4,
        Field::Revenue(_) => 5,
        Field::Runs | Field::Seed => 6,
    });
    for field in fields {
        if field == Field::Seed {
            continue; // any u64, enforced by its type
        }
        let Some(value) = field.model_value(s) else { continue };
        let (min, max, whole) = field.spec().model_range();
        let kind = if whole { "a whole number in" } else { "in" };
        let range = format!("{kind} [{}, {}]", bound(min), bound(max));
        if !c.check(&field.path(), value, &range, |v| (min..=max).contains(&v) && (!whole || v.fract() == 0.0)) {
            broken.insert(field.path());
        }
    }
    let ok = |path: &str| !broken.contains(path);

    if ok("market.size")
        && ok("market.initially_aware")
        && ok("market.initial_customers")
        && m.initially_aware * m.size + m.initial_customers > m.size
    {
        c.fail(
            "market.initial_customers",
            format!(
                "plus initially aware people ({}) must not exceed market.size ({}), got {}",
                m.initially_aware * m.size,
                m.size,
                m.initial_customers
            ),
        );
    }
    if ok("market.forget_rate") && ok("market.organic_engagement_rate") {
        c.sum_at_most_one(
            "market.organic_engagement_rate",
            m.organic_engagement_rate,
            "market.forget_rate",
            m.forget_rate,
        );
    }
    if ok("market.organic_lead_rate") && ok("market.organic_purchase_rate") {
        c.sum_at_most_one(
            "market.organic_purchase_rate",
            m.organic_purchase_rate,
            "market.organic_lead_rate",
            m.organic_lead_rate,
        );
    }

    let mut shares_ok = true;
    for (i, ch) in s.channels.iter().enumerate() {
        let f = |name: &str| format!("channels[{i}].{name}");
        if ch.name.trim().is_empty() {
            c.fail(&f("name"), "must not be empty".into());
        } else if ch.name.chars().count() > MAX_NAME_CHARS {
            c.fail(&f("name"), format!("must be at most {MAX_NAME_CHARS} characters"));
        } else if ch.name == crate::scenario::ORGANIC {
            c.fail(&f("name"), "must not be \"organic\" (that name is the word-of-mouth source)".into());
        } else if s.channels[..i].iter().any(|o| o.name == ch.name) {
            c.fail(&f("name"), format!("must be unique, \"{}\" is used twice", ch.name));
        }
        shares_ok &= ok(&f("share"));
        if ok(&f("engagement_rate")) && ok("market.forget_rate") {
            c.sum_at_most_one(&f("engagement_rate"), ch.engagement_rate, "market.forget_rate", m.forget_rate);
        }
        if ok(&f("lead_rate")) && ok(&f("purchase_rate")) {
            c.sum_at_most_one(&f("purchase_rate"), ch.purchase_rate, &f("lead_rate"), ch.lead_rate);
        }
    }
    if !s.channels.is_empty() && shares_ok {
        let total: f64 = s.channels.iter().map(|ch| ch.share).sum();
        if (total - 1.0).abs() > SHARE_TOLERANCE {
            c.fail("channels", format!("shares must sum to 1 (±1e-6), got {total}"));
        }
    }

    let sales = &s.sales;
    if ok("sales.pipeline_stages") && ok("sales.cycle_weeks") && sales.cycle_weeks < sales.pipeline_stages {
        c.fail(
            "sales.cycle_weeks",
            format!(
                "must be at least sales.pipeline_stages ({}): a deal spends at least a week in each stage, got {}",
                sales.pipeline_stages, sales.cycle_weeks
            ),
        );
    }

    if c.errors.is_empty() { Ok(()) } else { Err(ScenarioError::Invalid(c.errors)) }
}

/// A bound as people write it: `1e10`, `1000000`, `0.001`.
pub(crate) fn bound(v: f64) -> String {
    if v.abs() >= 1e7 && v.fract() == 0.0 { format!("{v:e}") } else { format!("{v}") }
}
