//! Debriefs: what happened in the learner's plan, in their own numbers.
//! Every paragraph is built from an expected-mode run of the start and of
//! the learner's plan over the goal's horizon.

use super::goal;
use super::kpi_text;
use super::lessons::Lesson;
use crate::format;
use crate::kpi::{Kpi, Kpis};
use crate::scenario::Scenario;

/// A lesson's own paragraphs, from the start's and the learner's facts.
pub(crate) type Explain = fn(&Facts, &Facts) -> Vec<String>;

/// One plan's numbers over the goal's horizon.
#[derive(Clone, Debug)]
pub(crate) struct Facts {
    weeks: f64,
    kpis: Kpis,
    budget: f64,
    reps: f64,
    leads_per_rep: f64,
    qualification: f64,
    churn: f64,
    shares: Vec<(String, f64)>,
}

impl Facts {
    pub(crate) fn of(scenario: &Scenario, weeks: Option<u32>) -> Option<Facts> {
        let outcome = goal::measure(scenario, weeks)?;
        Some(Facts {
            weeks: f64::from(weeks.unwrap_or(scenario.weeks).max(1)),
            kpis: outcome.kpis,
            budget: scenario.budget.per_week,
            reps: scenario.sales.reps,
            leads_per_rep: scenario.sales.leads_per_rep_per_week,
            qualification: scenario.sales.qualification_rate,
            churn: scenario.revenue.churn_rate,
            shares: scenario.channels.iter().map(|c| (c.name.clone(), c.share)).collect(),
        })
    }

    /// A KPI, 0 when undefined.
    fn k(&self, kpi: Kpi) -> f64 {
        self.kpis.get(kpi).unwrap_or(0.0)
    }

    /// A KPI for people, `—` when undefined.
    fn t(&self, kpi: Kpi) -> String {
        self.kpis.get(kpi).map_or_else(|| "—".into(), |v| kpi_text(kpi, v))
    }

    /// A flow KPI per week, for people.
    fn per_week(&self, kpi: Kpi) -> String {
        format::count(self.k(kpi) / self.weeks)
    }

    fn capacity(&self) -> f64 {
        self.reps * self.leads_per_rep
    }

    pub(crate) fn horizon(&self) -> String {
        format!("{} weeks", format::grouped(self.weeks))
    }

    fn mix(&self) -> String {
        self.shares.iter().map(|(name, s)| format!("{name} {}", format::percent(*s))).collect::<Vec<_>>().join(", ")
    }
}

/// `rose from 120 to 260`, `fell from …`, `stayed at 120`.
fn moved(kpi: Kpi, before: &Facts, after: &Facts) -> String {
    let (b, a) = (before.k(kpi), after.k(kpi));
    let same = (a - b).abs() <= 1e-9 * b.abs().max(1.0) || before.t(kpi) == after.t(kpi);
    if same {
        format!("stayed at {}", after.t(kpi))
    } else if a > b {
        format!("rose from {} to {}", before.t(kpi), after.t(kpi))
    } else {
        format!("fell from {} to {}", before.t(kpi), after.t(kpi))
    }
}

/// What most lessons call the sales team's members.
const REPS: (&str, &str) = ("rep", "reps");

fn people(n: f64, one: &str, many: &str) -> String {
    if n == 1.0 { format!("1 {one}") } else { format!("{} {many}", format::grouped(n)) }
}

/// The debrief of `learner`'s plan in `lesson` (which started from `start`):
/// whether the goal is met, what happened and why, and each team's numbers.
pub fn debrief(lesson: &Lesson, start: &Scenario, learner: &Scenario) -> Vec<String> {
    let weeks = lesson.goal.weeks;
    let Some(before) = Facts::of(start, weeks) else {
        return vec!["The lesson's start scenario is not valid, so there is nothing to compare with.".into()];
    };
    let Some(after) = Facts::of(learner, weeks) else {
        let why = learner.validate().err().map_or_else(String::new, |e| format!(": {e}"));
        return vec![format!("This plan cannot be run{why}. Fix it and run it again.")];
    };
    let status = goal::check(&lesson.goal, start, learner);
    let list = status.conditions.iter().map(|c| c.text()).collect::<Vec<_>>().join("; ");
    let verdict = if status.met { "You met the goal" } else { "Not there yet" };
    let mut out = vec![format!("{verdict} over {}: {list}.", after.horizon())];
    out.extend((lesson.explain)(&before, &after));
    out.push(scorecard(&after));
    out
}

/// Each team's headline numbers: the metrics it is judged by.
pub(crate) fn scorecard(f: &Facts) -> String {
    let sales = if f.capacity() > 0.0 {
        format!(
            "sales, {} won at a {} win rate with the team {} busy",
            f.t(Kpi::Won),
            f.t(Kpi::OpportunityToWon),
            f.t(Kpi::SalesUtilization)
        )
    } else {
        "sales, nothing (there is no sales team)".into()
    };
    let marketing = if f.k(Kpi::Leads) > 0.0 {
        format!("{} leads at {} each, ROAS {}", f.t(Kpi::Leads), f.t(Kpi::CostPerLead), f.t(Kpi::Roas))
    } else {
        format!(
            "{} online orders, marketing CAC {}, ROAS {}",
            f.t(Kpi::Purchases),
            f.t(Kpi::MarketingCac),
            f.t(Kpi::Roas)
        )
    };
    format!(
        "Scorecards. Marketing: {marketing}; {sales}; customer success: {} customers lost, {} active at the end; leadership: CAC {}, ROI {}.",
        f.t(Kpi::ChurnedTotal),
        f.t(Kpi::CustomersEnd),
        f.t(Kpi::Cac),
        f.t(Kpi::Roi)
    )
}

/// Leads per week against what the team can work, and what went cold
/// (`who`: what the lesson calls one member of the team, and several).
fn queue(f: &Facts, who: (&str, &str)) -> String {
    let cold = f.k(Kpi::LeadsGoneCold);
    let team = format!("{} can work {} a week", people(f.reps, who.0, who.1), format::count(f.capacity()));
    if cold > 0.0 {
        format!(
            "Leads came in at {} a week on average and your {team}: {} leads went cold unworked ({} a week), {} of marketing money that sales never touched.",
            f.per_week(Kpi::Leads),
            f.t(Kpi::LeadsGoneCold),
            f.per_week(Kpi::LeadsGoneCold),
            f.t(Kpi::ColdLeadSpend)
        )
    } else {
        format!("Leads came in at {} a week on average and your {team}: every lead was worked.", f.per_week(Kpi::Leads))
    }
}

pub(crate) fn top_of_funnel(b: &Facts, a: &Facts) -> Vec<String> {
    vec![
        format!(
            "You spend {} a week (the start: {}). People made aware {}, visits {}, and leads {}.",
            format::money(a.budget),
            format::money(b.budget),
            moved(Kpi::NewAware, b, a),
            moved(Kpi::Visits, b, a),
            moved(Kpi::Leads, b, a)
        ),
        format!(
            "Budget changed by × {} and leads by × {}: cost per lead {}. Reach gets harder as the easy people are reached first.",
            format::multiple(a.budget / b.budget.max(1e-9)).trim_end_matches('×'),
            format::multiple(a.k(Kpi::Leads) / b.k(Kpi::Leads).max(1e-9)).trim_end_matches('×'),
            moved(Kpi::CostPerLead, b, a)
        ),
    ]
}

pub(crate) fn diminishing_returns(b: &Facts, a: &Facts) -> Vec<String> {
    vec![
        format!("Your split: {} (the start: {}).", a.mix(), b.mix()),
        format!(
            "With the same {} a week, leads {} and cost per lead {}. Money moved from a channel near its reach cap to ones with room buys new people instead of the same people again.",
            format::money(a.budget),
            moved(Kpi::Leads, b, a),
            moved(Kpi::CostPerLead, b, a)
        ),
    ]
}

pub(crate) fn sales_pipeline(b: &Facts, a: &Facts) -> Vec<String> {
    vec![
        format!(
            "By week {}, deals won {} and {} opportunities were opened ({} at the start).",
            format::grouped(a.weeks),
            moved(Kpi::Won, b, a),
            a.t(Kpi::Opportunities),
            b.t(Kpi::Opportunities)
        ),
        format!(
            "Still open at the end: a pipeline worth {} (the start: {}), turning into {} a week of expected deal value (sales velocity). A shorter cycle empties the pipeline into wins sooner; a higher win rate makes every deal worth more.",
            a.t(Kpi::PipelineValue),
            b.t(Kpi::PipelineValue),
            a.t(Kpi::SalesVelocity)
        ),
    ]
}

pub(crate) fn sales_capacity(b: &Facts, a: &Facts) -> Vec<String> {
    vec![
        queue(a, REPS),
        format!(
            "With {} the start lost {} leads to the cold. New customers {}, and CAC {}: each rep costs money whether there are leads for them or not.",
            people(b.reps, "rep", "reps"),
            b.t(Kpi::LeadsGoneCold),
            moved(Kpi::NewCustomers, b, a),
            moved(Kpi::Cac, b, a)
        ),
    ]
}

pub(crate) fn lead_quality(b: &Facts, a: &Facts) -> Vec<String> {
    vec![
        format!(
            "You spend {} a week with {} of worked leads qualifying (the start: {} and {}). Leads {}, SQLs {}.",
            format::money(a.budget),
            format::percent(a.qualification),
            format::money(b.budget),
            format::percent(b.qualification),
            moved(Kpi::Leads, b, a),
            moved(Kpi::Sql, b, a)
        ),
        queue(a, REPS),
        format!(
            "Cost per lead {}, but cost per SQL {} and CAC {}: cheap leads are dear when they do not qualify or are never called.",
            moved(Kpi::CostPerLead, b, a),
            moved(Kpi::CostPerSql, b, a),
            moved(Kpi::Cac, b, a)
        ),
    ]
}

pub(crate) fn balance(b: &Facts, a: &Facts) -> Vec<String> {
    vec![
        format!(
            "You spend {} a week on advertising with {} answering enquiries (the start: {} with {}).",
            format::money(a.budget),
            people(a.reps, "person", "people"),
            format::money(b.budget),
            people(b.reps, "person", "people")
        ),
        queue(a, ("person", "people")),
        format!(
            "New customers by week {} {}; CAC {}. Advertising without people to answer wastes leads; people without leads cost money: the two have to grow together.",
            format::grouped(a.weeks),
            moved(Kpi::NewCustomers, b, a),
            moved(Kpi::Cac, b, a)
        ),
    ]
}

pub(crate) fn niche_b2b(b: &Facts, a: &Facts) -> Vec<String> {
    vec![
        format!(
            "You spend {} a week with {}. Over {} new customers {} and ROI {}.",
            format::money(a.budget),
            people(a.reps, "rep", "reps"),
            a.horizon(),
            moved(Kpi::NewCustomers, b, a),
            moved(Kpi::Roi, b, a)
        ),
        queue(a, REPS),
        format!(
            "The plan paid back in {} (the start: {}). Enterprise deals repay slowly: one deal pays for a rep for many weeks, but only after nine months in the pipeline.",
            a.t(Kpi::PaybackWeek),
            b.t(Kpi::PaybackWeek)
        ),
    ]
}

pub(crate) fn digital_first(b: &Facts, a: &Facts) -> Vec<String> {
    vec![
        format!(
            "You spend {} a week split {} (the start: {}, {}).",
            format::money(a.budget),
            a.mix(),
            format::money(b.budget),
            b.mix()
        ),
        format!(
            "Online orders {}, ROAS {}, marketing CAC {}, and gross profit {}. No leads and no reps: marketing's mix and the site's conversion decide everything.",
            moved(Kpi::Purchases, b, a),
            moved(Kpi::Roas, b, a),
            moved(Kpi::MarketingCac, b, a),
            moved(Kpi::GrossProfit, b, a)
        ),
    ]
}

pub(crate) fn retention(b: &Facts, a: &Facts) -> Vec<String> {
    let life = |churn: f64| {
        if churn > 0.0 { format::count(1.0 / churn) } else { "∞".into() }
    };
    vec![
        format!(
            "Churn is {} a week (the start: {}): a customer now stays about {} weeks instead of {}.",
            format::percent(a.churn),
            format::percent(b.churn),
            life(a.churn),
            life(b.churn)
        ),
        format!(
            "Customers lost {}, active customers at the end {}, and gross profit {}, with new customers about the same ({}).",
            moved(Kpi::ChurnedTotal, b, a),
            moved(Kpi::CustomersEnd, b, a),
            moved(Kpi::GrossProfit, b, a),
            a.t(Kpi::NewCustomers)
        ),
        "Churn is customer success's number: every customer kept is one marketing need not buy again.".into(),
    ]
}
