//! The preset check: for every built-in preset, the headline figures a
//! manager would hold against public benchmarks (visit → lead, lead →
//! customer, win rate, cost per lead, CAC, LTV:CAC, payback, leads gone
//! cold, per-channel ROI and click-through), each with the range a source
//! gives and where it comes from. A figure no public number covers is an
//! *assumption*, and its row says why the range is what it is.
//!
//! [`CHECKS`] is the one table: the native test `tests/presets_check.rs`
//! runs every preset in expected mode and fails when a figure leaves its
//! range, the app's "Where these numbers come from" panel shows the same
//! rows with each value ([`rows_for`]), and `docs/presets.md` explains them.
//! [`doubling`] is the second check: what twice the budget and twice the
//! reps do to new customers and CAC.
//!
//! Definitions (all from one expected-mode run of the preset's horizon):
//! - **LTV** per new customer = gross margin × (one-off value + recurring
//!   revenue per week × expected active weeks), the one-off value being the
//!   order or deal value (weighted by how the new customers came in) and
//!   the expected active weeks `(1 − (1 − churn)^260) / churn`: the
//!   lifetime `1 / churn` of the usual `margin × revenue / churn` formula,
//!   capped at five years (260 weeks), undiscounted;
//! - **CAC** = total cost (media and sales team) / new customers, as the
//!   KPI of the same name;
//! - **CAC payback** = weeks of recurring gross margin that repay the CAC
//!   left after the one-off value's margin (0 when the first order or deal
//!   already repays it);
//! - **payback week** = the KPI: the first week in which the plan's
//!   cumulative gross profit is no longer negative; "none" means later than
//!   the horizon.

use crate::format;
use crate::kpi::{Kpi, SourceKpi, ratio};
use crate::metrics::Metric;
use crate::presets;
use crate::scenario::Scenario;
use crate::simulate::{self, Outcome};

mod checks;

pub use checks::{ASSUMPTION, CHECKS};

/// Weeks the lifetime in [`ltv`] is capped at (five years).
pub const LIFETIME_CAP_WEEKS: f64 = 260.0;

/// A headline figure of one run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Figure {
    /// Leads per visit.
    VisitToLead,
    /// Online purchases per visit.
    VisitToPurchase,
    /// Won deals per lead.
    LeadToCustomer,
    /// Won / (won + lost).
    WinRate,
    /// Marketing spend per lead.
    CostPerLead,
    /// Total cost per new customer.
    Cac,
    /// [`ltv`] / CAC.
    LtvToCac,
    /// Weeks of recurring gross margin that repay the CAC.
    CacPaybackWeeks,
    /// First week with cumulative gross profit ≥ 0.
    PaybackWeek,
    /// Leads gone cold / leads.
    ColdShare,
    /// A channel's return over its customers' lifetime, fully loaded: its
    /// new customers × [`ltv`] / (its media spend + its share of the sales
    /// team's cost, by leads) − 1 (first touch).
    ChannelRoi(&'static str),
    /// A channel's visits per impression (its effective click-through).
    ChannelVisitRate(&'static str),
    /// A channel's spend per lead.
    ChannelCostPerLead(&'static str),
    /// A channel's impressions per week per person in its pool
    /// (`reach_cap × market size`): sends per address, pieces per household.
    ChannelFrequency(&'static str),
}

/// How a figure is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// A share, shown as a percentage.
    Share,
    /// Money.
    Money,
    /// A multiple (LTV:CAC).
    Ratio,
    /// Weeks.
    Weeks,
    /// A count per week (impressions per person in the pool).
    PerWeek,
}

impl Figure {
    /// What the figure is, for a table row.
    pub fn label(self) -> String {
        match self {
            Figure::VisitToLead => "Visit → lead".into(),
            Figure::VisitToPurchase => "Visit → purchase".into(),
            Figure::LeadToCustomer => "Lead → customer".into(),
            Figure::WinRate => "Win rate".into(),
            Figure::CostPerLead => "Cost per lead".into(),
            Figure::Cac => "CAC (media and sales)".into(),
            Figure::LtvToCac => "LTV : CAC".into(),
            Figure::CacPaybackWeeks => "CAC payback (weeks)".into(),
            Figure::PaybackWeek => "Payback week of the plan".into(),
            Figure::ColdShare => "Leads gone cold".into(),
            Figure::ChannelRoi(c) => format!("{c}: lifetime ROI"),
            Figure::ChannelVisitRate(c) => format!("{c}: visits per impression"),
            Figure::ChannelCostPerLead(c) => format!("{c}: cost per lead"),
            Figure::ChannelFrequency(c) => format!("{c}: pieces per person a week"),
        }
    }

    /// The unit the value and range are shown in.
    pub fn unit(self) -> Unit {
        match self {
            Figure::VisitToLead
            | Figure::VisitToPurchase
            | Figure::LeadToCustomer
            | Figure::WinRate
            | Figure::ColdShare
            | Figure::ChannelRoi(_)
            | Figure::ChannelVisitRate(_) => Unit::Share,
            Figure::CostPerLead | Figure::Cac | Figure::ChannelCostPerLead(_) => Unit::Money,
            Figure::LtvToCac => Unit::Ratio,
            Figure::ChannelFrequency(_) => Unit::PerWeek,
            Figure::CacPaybackWeeks | Figure::PaybackWeek => Unit::Weeks,
        }
    }
}

/// One row of the check table: a preset's figure, its range and source.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Check {
    /// Preset id ([`presets::find`]).
    pub preset: &'static str,
    /// The figure.
    pub figure: Figure,
    /// Lowest value inside the range.
    pub min: f64,
    /// Highest value inside the range (may be `f64::INFINITY`).
    pub max: f64,
    /// Whether "none" (payback later than the horizon) is inside the range.
    pub none_ok: bool,
    /// Publisher or study and year of the cited figures, or "assumption".
    pub source: &'static str,
    /// The cited figure and how the range follows from it, or for an
    /// assumption the reasoning behind the range.
    pub why: &'static str,
    /// No public number covers this figure: the range is reasoned.
    pub assumption: bool,
}

impl Check {
    /// Whether `value` lies inside the range.
    pub fn contains(&self, value: Option<f64>) -> bool {
        match value {
            Some(v) => v.is_finite() && v >= self.min && v <= self.max,
            None => self.none_ok,
        }
    }

    /// The range as text: `2 % – 7 %`, `≤ 5 %`, `≥ 26 weeks, or later than the horizon`.
    pub fn range_text(&self) -> String {
        let unit = self.figure.unit();
        let mut text = if self.max.is_infinite() {
            format!("≥ {}", show(unit, self.min))
        } else if self.min == 0.0 {
            format!("≤ {}", show(unit, self.max))
        } else {
            format!("{} – {}", show(unit, self.min), show(unit, self.max))
        };
        if self.none_ok {
            text.push_str(", or later than the horizon");
        }
        text
    }
}

fn show(unit: Unit, x: f64) -> String {
    match unit {
        Unit::Share => format::percent(x),
        Unit::Money => format::money(x),
        Unit::Ratio => format::multiple(x),
        Unit::Weeks if x.round() == 1.0 => "1 week".into(),
        Unit::Weeks => format!("{} weeks", format::grouped(x.round())),
        Unit::PerWeek if x.abs() < 0.1 => format!("{x:.3} a week"),
        Unit::PerWeek => format!("{x:.2} a week"),
    }
}

/// A check with the value the preset produces.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Row {
    /// The check.
    pub check: &'static Check,
    /// The figure in the preset's expected-mode run ("none": not defined,
    /// or for payback, not within the horizon).
    pub value: Option<f64>,
}

impl Row {
    /// Whether the value lies inside the check's range.
    pub fn inside(&self) -> bool {
        self.check.contains(self.value)
    }

    /// The value as text (`—` for none; "not within N weeks" for payback).
    pub fn value_text(&self, weeks: u32) -> String {
        match (self.value, self.check.figure) {
            (None, Figure::PaybackWeek) => format!("not within {weeks} weeks"),
            (None, _) => "—".into(),
            (Some(v), f) => show(f.unit(), v),
        }
    }
}

/// The source's index of channel `name` in `scenario`, if it has one.
fn channel(scenario: &Scenario, name: &str) -> Option<usize> {
    scenario.channels.iter().position(|c| c.name == name)
}

/// Expected active weeks of a customer who churns with weekly probability
/// `churn`, capped at [`LIFETIME_CAP_WEEKS`].
pub fn lifetime_weeks(churn: f64) -> f64 {
    if churn <= 0.0 {
        LIFETIME_CAP_WEEKS
    } else if churn >= 1.0 {
        1.0
    } else {
        (1.0 - (1.0 - churn).powf(LIFETIME_CAP_WEEKS)) / churn
    }
}

/// The one-off value of a new customer: order value for purchases, deal
/// value for won deals, weighted by how this run's new customers came in.
fn one_off_value(scenario: &Scenario, outcome: &Outcome) -> Option<f64> {
    let k = |kpi| outcome.kpis.get(kpi).unwrap_or(0.0);
    let r = &scenario.revenue;
    ratio(k(Kpi::Purchases) * r.order_value + k(Kpi::Won) * r.deal_value, k(Kpi::NewCustomers))
}

/// Lifetime gross margin of one new customer (see the module notes); none
/// without new customers.
pub fn ltv(scenario: &Scenario, outcome: &Outcome) -> Option<f64> {
    let r = &scenario.revenue;
    one_off_value(scenario, outcome)
        .map(|one_off| r.gross_margin * (one_off + r.recurring_per_week * lifetime_weeks(r.churn_rate)))
}

/// Weeks of recurring gross margin that repay the CAC left after the
/// one-off value's margin; 0 if the one-off value repays it, none if it
/// never is repaid (no recurring revenue) or there is no CAC.
pub fn cac_payback_weeks(scenario: &Scenario, outcome: &Outcome) -> Option<f64> {
    let r = &scenario.revenue;
    let cac = outcome.kpis.get(Kpi::Cac)?;
    let left = cac - r.gross_margin * one_off_value(scenario, outcome)?;
    if left <= 0.0 { Some(0.0) } else { ratio(left, r.gross_margin * r.recurring_per_week) }
}

/// The value of `figure` in a run of `scenario` (none when its denominator
/// is zero or, for a channel, the scenario has no channel of that name).
pub fn figure(scenario: &Scenario, outcome: &Outcome, figure: Figure) -> Option<f64> {
    let k = |kpi| outcome.kpis.get(kpi);
    let trace = &outcome.trace;
    let by_source = |name: &str, kpi: SourceKpi| {
        channel(scenario, name).and_then(|s| outcome.kpis.by_source.get(s)).and_then(|row| row[kpi.index()])
    };
    match figure {
        Figure::VisitToLead => k(Kpi::VisitToLead),
        Figure::VisitToPurchase => k(Kpi::VisitToPurchase),
        Figure::LeadToCustomer => k(Kpi::LeadToCustomer),
        Figure::WinRate => k(Kpi::OpportunityToWon),
        Figure::CostPerLead => k(Kpi::CostPerLead),
        Figure::Cac => k(Kpi::Cac),
        Figure::LtvToCac => ratio(ltv(scenario, outcome)?, k(Kpi::Cac)?),
        Figure::CacPaybackWeeks => cac_payback_weeks(scenario, outcome),
        Figure::PaybackWeek => k(Kpi::PaybackWeek),
        Figure::ColdShare => ratio(k(Kpi::LeadsGoneCold)?, k(Kpi::Leads)?),
        Figure::ChannelRoi(name) => {
            let s = channel(scenario, name)?;
            let sales_cost = k(Kpi::SalesCost).unwrap_or(0.0);
            let share_of_leads = ratio(trace.sum(s, Metric::Leads), k(Kpi::Leads).unwrap_or(0.0)).unwrap_or(0.0);
            let cost = by_source(name, SourceKpi::Spend)? + sales_cost * share_of_leads;
            let value = by_source(name, SourceKpi::NewCustomers)? * ltv(scenario, outcome)?;
            ratio(value, cost).map(|r| r - 1.0)
        }
        Figure::ChannelVisitRate(name) => {
            let s = channel(scenario, name)?;
            ratio(trace.sum(s, Metric::Visits), trace.sum(s, Metric::Impressions))
        }
        Figure::ChannelCostPerLead(name) => {
            ratio(by_source(name, SourceKpi::Spend)?, by_source(name, SourceKpi::Leads)?)
        }
        Figure::ChannelFrequency(name) => {
            let s = channel(scenario, name)?;
            let pool = scenario.channels[s].reach_cap * scenario.market.size;
            ratio(trace.sum(s, Metric::Impressions) / f64::from(scenario.weeks.max(1)), pool)
        }
    }
}

/// The checks of one preset, in table order.
pub fn checks_for(preset: &str) -> impl Iterator<Item = &'static Check> + '_ {
    CHECKS.iter().filter(move |c| c.preset == preset)
}

/// The checks of `preset` evaluated on an expected-mode run of `scenario`,
/// a valid scenario (usually the preset itself, or an edited copy of it:
/// a figure whose channel the scenario lacks is none).
pub fn evaluate(preset: &str, scenario: &Scenario) -> Vec<Row> {
    let outcome = simulate::expected(scenario);
    checks_for(preset).map(|check| Row { check, value: figure(scenario, &outcome, check.figure) }).collect()
}

/// The checks of preset `id` with the values the preset produces (empty
/// for an unknown id).
pub fn rows_for(id: &str) -> Vec<Row> {
    presets::find(id).map(|p| evaluate(p.id, &(p.build)())).unwrap_or_default()
}

/// New customers and CAC of one run.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Headline {
    /// Purchases plus won deals over the horizon.
    pub new_customers: f64,
    /// Total cost per new customer (none without new customers).
    pub cac: Option<f64>,
    /// Media spend per new customer (none without new customers).
    pub marketing_cac: Option<f64>,
    /// Share of leads that went cold (none without leads).
    pub cold_share: Option<f64>,
}

/// What doubling the budget and doubling the sales team do to a scenario.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Doubling {
    /// The scenario as it is.
    pub base: Headline,
    /// With twice the weekly budget.
    pub budget: Headline,
    /// With twice the reps.
    pub reps: Headline,
}

/// Runs `scenario` as it is, with twice the budget and with twice the reps
/// (expected mode).
pub fn doubling(scenario: &Scenario) -> Doubling {
    let run = |s: &Scenario| {
        let kpis = simulate::expected(s).kpis;
        Headline {
            new_customers: kpis.get(Kpi::NewCustomers).unwrap_or(0.0),
            cac: kpis.get(Kpi::Cac),
            marketing_cac: kpis.get(Kpi::MarketingCac),
            cold_share: kpis.get(Kpi::LeadsGoneCold).and_then(|cold| ratio(cold, kpis.get(Kpi::Leads)?)),
        }
    };
    let mut budget = scenario.clone();
    budget.budget.per_week *= 2.0;
    let mut reps = scenario.clone();
    reps.sales.reps *= 2.0;
    Doubling { base: run(scenario), budget: run(&budget), reps: run(&reps) }
}
