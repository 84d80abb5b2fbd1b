//! The rules a scenario must satisfy (MODEL.md, "Validation"), checked all
//! at once so a person sees every problem, each naming its field path and
//! the allowed range.

use std::fmt;

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

    fn rate(&mut self, field: &str, value: f64) -> bool {
        self.check(field, value, "in [0, 1]", |v| (0.0..=1.0).contains(&v))
    }

    /// Two rates that share one population (competing outcomes) must sum to at most 1.
    fn sum_at_most_one(&mut self, field: &str, value: f64, other: &str, other_value: f64) {
        if value + other_value > 1.0 {
            self.fail(field, format!("plus {other} must be ≤ 1, got {value} + {other_value}"));
        }
    }

    fn money(&mut self, field: &str, value: f64) -> bool {
        self.check(field, value, "in [0, 1e12]", |v| (0.0..=MAX_MONEY).contains(&v))
    }
}

/// Checks every rule; `Err` lists all broken ones.
pub fn validate(s: &Scenario) -> Result<(), ScenarioError> {
    let mut c = Checker { errors: Vec::new() };
    let m = &s.market;

    let name_length = s.name.chars().count();
    if name_length > MAX_NAME_CHARS {
        c.fail("name", format!("must be at most {MAX_NAME_CHARS} characters, got {name_length}"));
    }
    if !(1..=MAX_WEEKS).contains(&s.weeks) {
        c.fail("weeks", format!("must be a whole number in 1..={MAX_WEEKS}, got {}", s.weeks));
    }
    let size_ok = c.check("market.size", m.size, "a whole number in 1..=1e10", |v| {
        (1.0..=MAX_MARKET_SIZE).contains(&v) && v.fract() == 0.0
    });
    let aware_ok = c.rate("market.initially_aware", m.initially_aware);
    let customers_ok = c.check(
        "market.initial_customers",
        m.initial_customers,
        "a whole number ≥ 0",
        |v| v >= 0.0 && v.fract() == 0.0,
    );
    if size_ok && aware_ok && customers_ok && m.initially_aware * m.size + m.initial_customers > m.size {
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
    let forget_ok = c.rate("market.forget_rate", m.forget_rate);
    c.check("market.word_of_mouth", m.word_of_mouth, "in [0, 100]", |v| (0.0..=100.0).contains(&v));
    let org_engagement_ok = c.rate("market.organic_engagement_rate", m.organic_engagement_rate);
    if forget_ok && org_engagement_ok {
        c.sum_at_most_one("market.organic_engagement_rate", m.organic_engagement_rate, "market.forget_rate", m.forget_rate);
    }
    let org_lead_ok = c.rate("market.organic_lead_rate", m.organic_lead_rate);
    let org_purchase_ok = c.rate("market.organic_purchase_rate", m.organic_purchase_rate);
    if org_lead_ok && org_purchase_ok {
        c.sum_at_most_one("market.organic_purchase_rate", m.organic_purchase_rate, "market.organic_lead_rate", m.organic_lead_rate);
    }

    c.money("budget.per_week", s.budget.per_week);

    if s.channels.len() > MAX_CHANNELS {
        c.fail("channels", format!("must have at most {MAX_CHANNELS} entries, got {}", s.channels.len()));
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
        shares_ok &= c.rate(&f("share"), ch.share);
        c.check(&f("cpm"), ch.cpm, "> 0 (at least 0.000001, at most 1000000)", |v| {
            (1e-6..=1e6).contains(&v)
        });
        c.rate(&f("awareness_per_impression"), ch.awareness_per_impression);
        c.check(&f("reach_cap"), ch.reach_cap, "in (0, 1]", |v| v > 0.0 && v <= 1.0);
        c.rate(&f("carryover"), ch.carryover);
        let engagement_ok = c.rate(&f("engagement_rate"), ch.engagement_rate);
        if engagement_ok && forget_ok {
            c.sum_at_most_one(&f("engagement_rate"), ch.engagement_rate, "market.forget_rate", m.forget_rate);
        }
        let lead_ok = c.rate(&f("lead_rate"), ch.lead_rate);
        let purchase_ok = c.rate(&f("purchase_rate"), ch.purchase_rate);
        if lead_ok && purchase_ok {
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
    c.check("sales.reps", sales.reps, "a whole number in 0..=1000000", |v| {
        (0.0..=1e6).contains(&v) && v.fract() == 0.0
    });
    c.check("sales.leads_per_rep_per_week", sales.leads_per_rep_per_week, "in [0, 1e9]", |v| (0.0..=1e9).contains(&v));
    c.money("sales.cost_per_rep_per_week", sales.cost_per_rep_per_week);
    c.rate("sales.qualification_rate", sales.qualification_rate);
    c.rate("sales.opportunity_rate", sales.opportunity_rate);
    c.rate("sales.lead_decay", sales.lead_decay);
    let stages_ok = c.check("sales.pipeline_stages", sales.pipeline_stages, "a whole number in 1..=12", |v| {
        (1.0..=12.0).contains(&v) && v.fract() == 0.0
    });
    let stages = if stages_ok { sales.pipeline_stages } else { 1.0 };
    c.check("sales.cycle_weeks", sales.cycle_weeks, &format!("in [{stages}, 520] (at least one week per pipeline stage)"), |v| {
        (stages..=520.0).contains(&v)
    });
    c.rate("sales.win_rate", sales.win_rate);

    let r = &s.revenue;
    c.money("revenue.deal_value", r.deal_value);
    c.check("revenue.deal_value_cv", r.deal_value_cv, "in [0, 10]", |v| (0.0..=10.0).contains(&v));
    c.money("revenue.order_value", r.order_value);
    c.money("revenue.recurring_per_week", r.recurring_per_week);
    c.rate("revenue.gross_margin", r.gross_margin);
    c.rate("revenue.churn_rate", r.churn_rate);

    if !(1..=MAX_RUNS).contains(&s.simulation.runs) {
        c.fail("simulation.runs", format!("must be in 1..={MAX_RUNS}, got {}", s.simulation.runs));
    }

    if c.errors.is_empty() { Ok(()) } else { Err(ScenarioError::Invalid(c.errors)) }
}
