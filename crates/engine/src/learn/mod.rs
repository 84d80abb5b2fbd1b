//! Learn mode (issue 9), the engine half: data and checks the app shows as
//! guided lessons. Pure, so native tests can solve every lesson.
//!
//! - [`ownership`]: which team decides each field, is judged by each KPI,
//!   and owns each funnel stage; the marketing → sales hand-off;
//! - [`glossary`]: terms in plain words with the model's formulas;
//! - [`goal`]: a challenge's measurable goal and its live check;
//! - [`lessons`]: the lessons (intro, start scenario, prediction, goal,
//!   dials, hints, reference solution) and the prediction's model answer;
//! - [`debrief`]: what happened, in the learner's own numbers;
//! - [`play`]: playing a lesson in the app: broken rules, feedback on a
//!   goal not yet met, lesson links and the learner's progress;
//! - [`challenge`]: a teacher's challenge (any scenario and a goal) and its
//!   link code;
//! - [`card`]: the result card of a goal met.

pub mod card;
pub mod challenge;
pub mod debrief;
pub mod glossary;
pub mod goal;
pub mod lessons;
pub mod ownership;
pub mod play;

pub use card::ResultCard;
pub use challenge::{Challenge, ChallengeError, challenge_link, key_changes};
pub use debrief::debrief;
pub use glossary::{TERMS, Term, term, term_for_field, term_for_kpi};
pub use goal::{
    Compare, Condition, ConditionStatus, Goal, GoalStatus, Target, check, check_conditions, check_kpis, kpis, measure,
};
pub use lessons::{Choice, Dial, LESSONS, Lesson, Prediction, Reveal, Rule, lesson, reveal};
pub use ownership::{HANDOFF, Stage, Team, field_team, kpi_team, stage_owner};
pub use play::{
    LessonLink, PROGRESS_KEY, breaches, feedback, lesson_link, next_lesson, parse_progress, progress_text, shortfall,
};

use crate::fields::Field;
use crate::format;
use crate::kpi::Kpi;
use crate::scenario::Scenario;

/// How an [`Edit`] changes its field.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Change {
    /// Set the field to this value, in shown units (percent for rates, as
    /// the controls show them).
    To(f64),
    /// Multiply the field's value by this factor.
    Times(f64),
}

/// A change to one field of a scenario: lesson start points, prediction
/// options and reference solutions are lists of these.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Edit {
    /// The field.
    pub field: Field,
    /// What happens to it.
    pub change: Change,
}

impl Edit {
    /// Sets `field` to `shown` (shown units).
    pub const fn to(field: Field, shown: f64) -> Edit {
        Edit { field, change: Change::To(shown) }
    }

    /// Multiplies `field` by `factor`.
    pub const fn times(field: Field, factor: f64) -> Edit {
        Edit { field, change: Change::Times(factor) }
    }

    /// Applies the edit (a field the scenario lacks, such as a missing
    /// channel, is left alone).
    pub fn apply(&self, scenario: &mut Scenario) {
        let Some(now) = self.field.get(scenario) else { return };
        let value = match self.change {
            Change::To(v) => v,
            Change::Times(f) => now * f,
        };
        self.field.set(scenario, value);
    }
}

/// `scenario` with `edits` applied in order.
pub fn edited(scenario: &Scenario, edits: &[Edit]) -> Scenario {
    let mut s = scenario.clone();
    for e in edits {
        e.apply(&mut s);
    }
    s
}

/// A KPI value for people, in the KPI's unit: `$8,603`, `21 %`, `2.2×`,
/// `week 40`, `136`.
pub fn kpi_text(kpi: Kpi, value: f64) -> String {
    match kpi {
        Kpi::Revenue
        | Kpi::MarketingSpend
        | Kpi::SalesCost
        | Kpi::Cost
        | Kpi::GrossProfit
        | Kpi::CostPerLead
        | Kpi::CostPerSql
        | Kpi::Cac
        | Kpi::MarketingCac
        | Kpi::ColdLeadSpend
        | Kpi::PipelineValue
        | Kpi::SalesVelocity => format::money(value),
        Kpi::Roi
        | Kpi::VisitToLead
        | Kpi::VisitToPurchase
        | Kpi::LeadToSql
        | Kpi::SqlToOpportunity
        | Kpi::OpportunityToWon
        | Kpi::LeadToCustomer
        | Kpi::SalesUtilization => format::percent(value),
        Kpi::Roas => format::multiple(value),
        Kpi::PaybackWeek => format!("week {}", format::grouped(value)),
        Kpi::NewCustomers
        | Kpi::Purchases
        | Kpi::Won
        | Kpi::Leads
        | Kpi::Sql
        | Kpi::Opportunities
        | Kpi::Visits
        | Kpi::NewAware
        | Kpi::LeadsGoneCold
        | Kpi::CustomersEnd
        | Kpi::ChurnedTotal => format::count(value),
    }
}

/// A KPI's name for people (`CAC`, `New customers`).
pub fn kpi_label(kpi: Kpi) -> &'static str {
    match kpi {
        Kpi::NewCustomers => "New customers",
        Kpi::Purchases => "Online purchases",
        Kpi::Won => "Deals won",
        Kpi::Leads => "Leads",
        Kpi::Sql => "SQLs",
        Kpi::Opportunities => "Opportunities",
        Kpi::Visits => "Visits",
        Kpi::NewAware => "People made aware",
        Kpi::Revenue => "Revenue",
        Kpi::MarketingSpend => "Marketing spend",
        Kpi::SalesCost => "Sales cost",
        Kpi::Cost => "Total cost",
        Kpi::GrossProfit => "Gross profit",
        Kpi::CostPerLead => "Cost per lead",
        Kpi::CostPerSql => "Cost per SQL",
        Kpi::Cac => "CAC",
        Kpi::MarketingCac => "Marketing CAC",
        Kpi::Roas => "ROAS",
        Kpi::Roi => "ROI",
        Kpi::VisitToLead => "Visit → lead",
        Kpi::VisitToPurchase => "Visit → purchase",
        Kpi::LeadToSql => "Lead → SQL",
        Kpi::SqlToOpportunity => "SQL → opportunity",
        Kpi::OpportunityToWon => "Win rate of decided deals",
        Kpi::LeadToCustomer => "Lead → customer",
        Kpi::LeadsGoneCold => "Leads gone cold",
        Kpi::ColdLeadSpend => "Cold-lead spend",
        Kpi::SalesUtilization => "Sales utilisation",
        Kpi::PipelineValue => "Pipeline value",
        Kpi::SalesVelocity => "Sales velocity",
        Kpi::PaybackWeek => "Payback week",
        Kpi::CustomersEnd => "Active customers at the end",
        Kpi::ChurnedTotal => "Customers churned",
    }
}
