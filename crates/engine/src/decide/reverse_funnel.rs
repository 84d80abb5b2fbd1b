//! The classic reverse funnel a manager does on a napkin: customers
//! wanted ÷ win rate = opportunities, ÷ SQL → opportunity = SQLs, ÷
//! qualification = MQLs, ÷ visit → lead = visits, × cost per visit =
//! budget, and MQLs ÷ (leads a rep works a week × weeks) = reps. Every rate
//! is flat (no lags, no capacity, no cold leads, no diminishing returns);
//! goal seek shows it beside the simulated answer to explain the gap.

use serde::{Deserialize, Serialize};

use crate::kpi::ratio;
use crate::metrics::Metric;
use crate::scenario::Scenario;
use crate::simulate::Outcome;

/// The flat-rate arithmetic for one target.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReverseFunnel {
    /// New customers wanted by the target week (a revenue target is turned
    /// into customers at the current plan's revenue per new customer).
    pub customers: f64,
    /// Of which online purchases (the visit → purchase path).
    pub purchases: f64,
    /// Of which won deals.
    pub won: f64,
    /// Opportunities needed: won ÷ win rate.
    pub opportunities: f64,
    /// SQLs needed: opportunities ÷ SQL → opportunity.
    pub sqls: f64,
    /// MQLs (leads) needed: SQLs ÷ qualification rate.
    pub mqls: f64,
    /// Visits needed: customers ÷ customers per visit.
    pub visits: f64,
    /// The current plan's marketing spend per visit (all visits, organic included).
    pub cost_per_visit: Option<f64>,
    /// Budget per week: visits × cost per visit ÷ weeks.
    pub budget_per_week: Option<f64>,
    /// Reps: MQLs ÷ (leads per rep per week × weeks).
    pub reps: Option<f64>,
    /// Weeks the target allows.
    pub weeks: u32,
    /// The flat rates used: visit → lead and visit → purchase (the current
    /// plan's, over the horizon), qualification, SQL → opportunity, win rate.
    pub visit_to_lead: f64,
    /// Visit → purchase.
    pub visit_to_purchase: f64,
}

/// The reverse funnel for `customers` new customers in `weeks` weeks, with
/// the rates of `scenario` and its expected run `current`.
pub fn reverse_funnel(scenario: &Scenario, current: &Outcome, customers: f64, weeks: u32) -> ReverseFunnel {
    let t = current.trace.total();
    let sum = |m: Metric| current.trace.sum(t, m);
    let visits_now = sum(Metric::Visits);
    let v2l = ratio(sum(Metric::Leads), visits_now).unwrap_or(0.0);
    let v2p = ratio(sum(Metric::Purchases), visits_now).unwrap_or(0.0);
    let s = &scenario.sales;
    let lead_to_won = s.qualification_rate * s.opportunity_rate * s.win_rate;
    let per_visit = v2p + v2l * lead_to_won;
    let visits = ratio(customers, per_visit).unwrap_or(f64::INFINITY);
    let finite = |v: f64| {
        if v.is_finite() { v } else { 0.0 }
    };
    let mqls = finite(visits * v2l);
    let cost_per_visit = ratio(sum(Metric::Spend), visits_now);
    let w = f64::from(weeks.max(1));
    ReverseFunnel {
        customers,
        purchases: finite(visits * v2p),
        won: finite(mqls * lead_to_won),
        opportunities: finite(mqls * s.qualification_rate * s.opportunity_rate),
        sqls: finite(mqls * s.qualification_rate),
        mqls,
        visits: finite(visits),
        cost_per_visit,
        budget_per_week: cost_per_visit.and_then(|c| ratio(visits * c, w)),
        reps: ratio(mqls, s.leads_per_rep_per_week * w),
        weeks,
        visit_to_lead: v2l,
        visit_to_purchase: v2p,
    }
}
