//! Horizon KPIs managers ask for, computed from one run's [`Trace`].
//! A KPI whose denominator is zero is `None`, never NaN or infinity.

use crate::metrics::{Metric, Trace};
use crate::plan::PlanColumn;
use crate::scenario::Scenario;

macro_rules! named_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name { $($(#[$vdoc])* $variant),+ }
        impl $name {
            /// Every value, in output order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// Number of values.
            pub const COUNT: usize = Self::ALL.len();
            /// Name used in JSON, CSV and `data-kpi` attributes.
            pub fn name(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
            /// Position in a value array.
            pub const fn index(self) -> usize { self as usize }
        }
    };
}

named_enum! {
    /// A horizon KPI of the whole funnel.
    Kpi {
        /// Purchases plus won deals.
        NewCustomers => "new_customers",
        /// Online purchases.
        Purchases => "purchases",
        /// Won deals.
        Won => "won",
        /// Leads (MQLs) generated.
        Leads => "leads",
        /// Sales-qualified leads.
        Sql => "sql",
        /// Opportunities opened.
        Opportunities => "opportunities",
        /// Visits.
        Visits => "visits",
        /// People made aware.
        NewAware => "new_aware",
        /// Revenue.
        Revenue => "revenue",
        /// Media spend.
        MarketingSpend => "marketing_spend",
        /// Sales team cost.
        SalesCost => "sales_cost",
        /// Marketing spend plus sales cost.
        Cost => "cost",
        /// Σ (revenue × margin − cost).
        GrossProfit => "gross_profit",
        /// Marketing spend per lead.
        CostPerLead => "cost_per_lead",
        /// Marketing spend per SQL.
        CostPerSql => "cost_per_sql",
        /// Total cost per new customer.
        Cac => "cac",
        /// Marketing spend per new customer.
        MarketingCac => "marketing_cac",
        /// Revenue per unit of marketing spend.
        Roas => "roas",
        /// Σ gross profit / Σ cost.
        Roi => "roi",
        /// Leads per visit.
        VisitToLead => "visit_to_lead",
        /// Online purchases per visit.
        VisitToPurchase => "visit_to_purchase",
        /// SQLs per lead (cold leads count against it).
        LeadToSql => "lead_to_sql",
        /// Opportunities per SQL.
        SqlToOpportunity => "sql_to_opportunity",
        /// Won / (won + lost): the close rate of decided opportunities.
        OpportunityToWon => "opportunity_to_won",
        /// Won deals per lead.
        LeadToCustomer => "lead_to_customer",
        /// Leads that went cold unworked.
        LeadsGoneCold => "leads_gone_cold",
        /// Marketing money spent on leads sales never touched (cold leads × cost per lead).
        ColdLeadSpend => "cold_lead_spend",
        /// Mean weekly Σ worked / capacity (none without a sales team).
        SalesUtilization => "sales_utilization",
        /// Open opportunities at the end × deal value × win rate.
        PipelineValue => "pipeline_value",
        /// Open opportunities × win rate × deal value / cycle weeks, per week.
        SalesVelocity => "sales_velocity",
        /// First week where cumulative gross profit ≥ 0.
        PaybackWeek => "payback_week",
        /// Active customers at the end.
        CustomersEnd => "customers_end",
        /// Customers lost over the horizon.
        ChurnedTotal => "churned_total",
    }
}

named_enum! {
    /// A KPI of one source with first-touch attribution. A channel's cost is
    /// its media spend (the sales team is shared; it counts in total ROI).
    SourceKpi {
        /// Media spend.
        Spend => "spend",
        /// Leads.
        Leads => "leads",
        /// New customers.
        NewCustomers => "new_customers",
        /// Revenue.
        Revenue => "revenue",
        /// Spend per new customer.
        Cac => "cac",
        /// (revenue × margin − spend) / spend.
        Roi => "roi",
    }
}

/// Horizon KPIs of one run.
#[derive(Clone, Debug, PartialEq)]
pub struct Kpis {
    /// Indexed by [`Kpi::index`].
    pub values: Vec<Option<f64>>,
    /// Per source (channels, then organic), indexed by [`SourceKpi::index`].
    pub by_source: Vec<Vec<Option<f64>>>,
}

impl Kpis {
    /// One KPI.
    pub fn get(&self, kpi: Kpi) -> Option<f64> {
        self.values[kpi.index()]
    }
}

/// `num / den`, or `None` when the denominator is zero (or the result is not finite).
pub fn ratio(num: f64, den: f64) -> Option<f64> {
    if den == 0.0 {
        return None;
    }
    let r = num / den;
    r.is_finite().then_some(r)
}

/// Computes every KPI of one run.
pub fn compute(scenario: &Scenario, trace: &Trace) -> Kpis {
    let t = trace.total();
    let sum = |m: Metric| trace.sum(t, m);
    let last = |m: Metric| {
        if trace.weeks() == 0 { 0.0 } else { trace.get(trace.weeks() - 1, t, m) }
    };
    let sales = &scenario.sales;
    let margin = scenario.revenue.gross_margin;

    let new_customers = sum(Metric::NewCustomers);
    let leads = sum(Metric::Leads);
    let sql = sum(Metric::Sql);
    let visits = sum(Metric::Visits);
    let revenue = sum(Metric::Revenue);
    let cost = sum(Metric::Cost);
    let marketing = sum(Metric::Spend);
    let gross_profit = sum(Metric::GrossProfit);
    let won = sum(Metric::Won);
    let lost = sum(Metric::Lost);
    let cold = sum(Metric::Cold);
    let open = last(Metric::OpenOpportunities);
    let cost_per_lead = ratio(marketing, leads);

    let capacity = sales.reps * sales.leads_per_rep_per_week;
    let utilization = if trace.has_plan() {
        // A plan's team changes size: the mean over the weeks it had capacity.
        let staffed: Vec<usize> =
            (0..trace.weeks()).filter(|&w| trace.plan_value(w, PlanColumn::Capacity) > 0.0).collect();
        let used: f64 = staffed.iter().map(|&w| trace.get(w, t, Metric::SalesUtilization)).sum();
        ratio(used, staffed.len() as f64)
    } else if capacity > 0.0 {
        ratio(sum(Metric::SalesUtilization), trace.weeks() as f64)
    } else {
        None
    };

    let mut cumulative = 0.0;
    let payback = trace.series(t, Metric::GrossProfit).position(|g| {
        cumulative += g;
        cumulative >= 0.0
    });

    let mut values = vec![None; Kpi::COUNT];
    let mut set = |k: Kpi, v: Option<f64>| values[k.index()] = v;
    set(Kpi::NewCustomers, Some(new_customers));
    set(Kpi::Purchases, Some(sum(Metric::Purchases)));
    set(Kpi::Won, Some(won));
    set(Kpi::Leads, Some(leads));
    set(Kpi::Sql, Some(sql));
    set(Kpi::Opportunities, Some(sum(Metric::Opportunities)));
    set(Kpi::Visits, Some(visits));
    set(Kpi::NewAware, Some(sum(Metric::NewAware)));
    set(Kpi::Revenue, Some(revenue));
    set(Kpi::MarketingSpend, Some(marketing));
    set(Kpi::SalesCost, Some(cost - marketing));
    set(Kpi::Cost, Some(cost));
    set(Kpi::GrossProfit, Some(gross_profit));
    set(Kpi::CostPerLead, cost_per_lead);
    set(Kpi::CostPerSql, ratio(marketing, sql));
    set(Kpi::Cac, ratio(cost, new_customers));
    set(Kpi::MarketingCac, ratio(marketing, new_customers));
    set(Kpi::Roas, ratio(revenue, marketing));
    set(Kpi::Roi, ratio(gross_profit, cost));
    set(Kpi::VisitToLead, ratio(leads, visits));
    set(Kpi::VisitToPurchase, ratio(sum(Metric::Purchases), visits));
    set(Kpi::LeadToSql, ratio(sql, leads));
    set(Kpi::SqlToOpportunity, ratio(sum(Metric::Opportunities), sql));
    set(Kpi::OpportunityToWon, ratio(won, won + lost));
    set(Kpi::LeadToCustomer, ratio(won, leads));
    set(Kpi::LeadsGoneCold, Some(cold));
    set(Kpi::ColdLeadSpend, cost_per_lead.map(|cpl| cpl * cold));
    set(Kpi::SalesUtilization, utilization);
    set(Kpi::PipelineValue, Some(open * scenario.revenue.deal_value * sales.win_rate));
    set(Kpi::SalesVelocity, Some(open * sales.win_rate * scenario.revenue.deal_value / sales.cycle_weeks));
    set(Kpi::PaybackWeek, payback.map(|w| (w + 1) as f64));
    set(Kpi::CustomersEnd, Some(last(Metric::Customers)));
    set(Kpi::ChurnedTotal, Some(last(Metric::ChurnedTotal)));

    let by_source = (0..trace.sources())
        .map(|s| {
            let spend = trace.sum(s, Metric::Spend);
            let customers = trace.sum(s, Metric::NewCustomers);
            let revenue = trace.sum(s, Metric::Revenue);
            let mut row = vec![None; SourceKpi::COUNT];
            row[SourceKpi::Spend.index()] = Some(spend);
            row[SourceKpi::Leads.index()] = Some(trace.sum(s, Metric::Leads));
            row[SourceKpi::NewCustomers.index()] = Some(customers);
            row[SourceKpi::Revenue.index()] = Some(revenue);
            row[SourceKpi::Cac.index()] = ratio(spend, customers);
            row[SourceKpi::Roi.index()] = ratio(revenue * margin - spend, spend);
            row
        })
        .collect();

    Kpis { values, by_source }
}
