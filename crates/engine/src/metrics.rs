//! The weekly numbers a simulation reports, per source and in total, and
//! the flat table ([`Trace`]) one run writes them into.

use crate::plan::PlanColumn;

/// One weekly number: a flow during the week or a stock after its update.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Metric {
    /// Media spend.
    Spend,
    /// Paid impressions.
    Impressions,
    /// People who became aware this week (first touch).
    NewAware,
    /// Aware people who engaged (visited).
    Visits,
    /// Online purchases on the spot (self-serve).
    Purchases,
    /// Visitors who left their details (MQLs).
    Leads,
    /// Leads a rep worked.
    Worked,
    /// Worked leads that qualified (SQL).
    Sql,
    /// SQLs that became opportunities.
    Opportunities,
    /// Opportunities won.
    Won,
    /// Opportunities lost.
    Lost,
    /// Unworked leads that went cold.
    Cold,
    /// Customers who churned.
    Churned,
    /// Purchases plus won deals.
    NewCustomers,
    /// Revenue booked this week.
    Revenue,
    /// Cost this week (per source: its media spend only).
    Cost,
    /// Revenue × margin − cost.
    GrossProfit,
    /// Σ worked / sales capacity (per source: its part of that).
    SalesUtilization,
    /// Stock: unaware people (total only; 0 per source).
    Unaware,
    /// Stock: aware people.
    Aware,
    /// Stock: leads waiting for a rep.
    MqlBacklog,
    /// Stock: open opportunities.
    OpenOpportunities,
    /// Stock: active customers.
    Customers,
    /// Stock: customers lost so far.
    ChurnedTotal,
}

impl Metric {
    /// Every metric, in output order.
    pub const ALL: [Metric; 24] = [
        Metric::Spend,
        Metric::Impressions,
        Metric::NewAware,
        Metric::Visits,
        Metric::Purchases,
        Metric::Leads,
        Metric::Worked,
        Metric::Sql,
        Metric::Opportunities,
        Metric::Won,
        Metric::Lost,
        Metric::Cold,
        Metric::Churned,
        Metric::NewCustomers,
        Metric::Revenue,
        Metric::Cost,
        Metric::GrossProfit,
        Metric::SalesUtilization,
        Metric::Unaware,
        Metric::Aware,
        Metric::MqlBacklog,
        Metric::OpenOpportunities,
        Metric::Customers,
        Metric::ChurnedTotal,
    ];
    /// Number of metrics.
    pub const COUNT: usize = Self::ALL.len();

    /// The stocks every person of the market is in exactly one of (at the
    /// end of a week), which add up to the market size: the six metrics
    /// [`Metric::ALL`] ends with, from unaware to churned.
    pub const PEOPLE: [Metric; 6] = {
        let mut people = [Metric::Unaware; 6];
        let mut i = 0;
        while i < people.len() {
            people[i] = Self::ALL[Self::COUNT - people.len() + i];
            i += 1;
        }
        people
    };

    /// Field name in JSON / CSV output (the names of MODEL.md).
    pub fn name(self) -> &'static str {
        match self {
            Metric::Spend => "spend",
            Metric::Impressions => "impressions",
            Metric::NewAware => "new_aware",
            Metric::Visits => "visits",
            Metric::Purchases => "purchases",
            Metric::Leads => "leads",
            Metric::Worked => "worked",
            Metric::Sql => "sql",
            Metric::Opportunities => "opportunities",
            Metric::Won => "won",
            Metric::Lost => "lost",
            Metric::Cold => "cold",
            Metric::Churned => "churned",
            Metric::NewCustomers => "new_customers",
            Metric::Revenue => "revenue",
            Metric::Cost => "cost",
            Metric::GrossProfit => "gross_profit",
            Metric::SalesUtilization => "sales_utilization",
            Metric::Unaware => "unaware",
            Metric::Aware => "aware",
            Metric::MqlBacklog => "mql_backlog",
            Metric::OpenOpportunities => "open_opportunities",
            Metric::Customers => "customers",
            Metric::ChurnedTotal => "churned_total",
        }
    }

    /// Whether the metric is reported for a single source (unaware people
    /// have no source; utilisation is reported in total only).
    pub fn per_source(self) -> bool {
        !matches!(self, Metric::Unaware | Metric::SalesUtilization)
    }

    /// Position in a row.
    pub const fn index(self) -> usize {
        self as usize
    }
}

/// One run's weekly numbers: for every week, one row per source (channels,
/// then organic) and a last row with the totals; after them, for every
/// week, the open opportunities in each pipeline stage (all sources); for
/// a scenario with a plan, after those, every week's
/// [`crate::plan::PlanColumn`] values (phase, reps, capacity, won value).
#[derive(Clone, Debug, PartialEq)]
pub struct Trace {
    weeks: usize,
    sources: usize,
    stages: usize,
    plan: bool,
    values: Vec<f64>,
}

impl Trace {
    /// A zeroed trace for `weeks` weeks, `sources` sources and `stages`
    /// pipeline stages.
    pub fn new(weeks: usize, sources: usize, stages: usize) -> Self {
        Self::with_plan(weeks, sources, stages, false)
    }

    /// The same, with a plan block when `plan` is true.
    pub fn with_plan(weeks: usize, sources: usize, stages: usize, plan: bool) -> Self {
        let metrics = weeks * (sources + 1) * Metric::COUNT;
        let plan_values = if plan { weeks * PlanColumn::COUNT } else { 0 };
        Trace { weeks, sources, stages, plan, values: vec![0.0; metrics + weeks * stages + plan_values] }
    }

    /// Whether the trace has a plan block.
    pub fn has_plan(&self) -> bool {
        self.plan
    }

    /// Where the plan block starts in [`Trace::values`] (its end without a plan).
    pub fn plan_block_start(&self) -> usize {
        self.stage_block_start() + self.weeks * self.stages
    }

    /// One plan value of week `week` (0 without a plan).
    pub fn plan_value(&self, week: usize, column: PlanColumn) -> f64 {
        if !self.plan {
            return 0.0;
        }
        self.values.get(self.plan_block_start() + week * PlanColumn::COUNT + column.index()).copied().unwrap_or(0.0)
    }

    /// Mutable plan row of week `week` (empty without a plan).
    pub fn plan_row_mut(&mut self, week: usize) -> &mut [f64] {
        if !self.plan {
            return &mut [];
        }
        let at = self.plan_block_start() + week * PlanColumn::COUNT;
        &mut self.values[at..at + PlanColumn::COUNT]
    }

    /// Pipeline stages.
    pub fn stages(&self) -> usize {
        self.stages
    }

    /// Where the stage block starts in [`Trace::values`].
    pub fn stage_block_start(&self) -> usize {
        self.weeks * (self.sources + 1) * Metric::COUNT
    }

    /// Open opportunities per pipeline stage at the end of week `week`.
    pub fn stage_row(&self, week: usize) -> &[f64] {
        let at = self.stage_block_start() + week * self.stages;
        &self.values[at..at + self.stages]
    }

    /// Mutable stage row.
    pub fn stage_row_mut(&mut self, week: usize) -> &mut [f64] {
        let at = self.stage_block_start() + week * self.stages;
        &mut self.values[at..at + self.stages]
    }

    /// Weeks in the horizon.
    pub fn weeks(&self) -> usize {
        self.weeks
    }

    /// Sources (channels + organic); the total row is index `sources`.
    pub fn sources(&self) -> usize {
        self.sources
    }

    /// Index of the total row.
    pub fn total(&self) -> usize {
        self.sources
    }

    fn offset(&self, week: usize, row: usize) -> usize {
        (week * (self.sources + 1) + row) * Metric::COUNT
    }

    /// Row `row` (a source, or [`Trace::total`]) of week `week` (0-based).
    pub fn row(&self, week: usize, row: usize) -> &[f64] {
        let at = self.offset(week, row);
        &self.values[at..at + Metric::COUNT]
    }

    /// Mutable row.
    pub fn row_mut(&mut self, week: usize, row: usize) -> &mut [f64] {
        let at = self.offset(week, row);
        &mut self.values[at..at + Metric::COUNT]
    }

    /// One value.
    pub fn get(&self, week: usize, row: usize, metric: Metric) -> f64 {
        self.row(week, row)[metric.index()]
    }

    /// A metric's total row over the horizon, week by week.
    pub fn series(&self, row: usize, metric: Metric) -> impl Iterator<Item = f64> + '_ {
        (0..self.weeks).map(move |w| self.get(w, row, metric))
    }

    /// Sum of a flow over the horizon for one row.
    pub fn sum(&self, row: usize, metric: Metric) -> f64 {
        self.series(row, metric).sum()
    }

    /// All values, week-major (for summaries over runs).
    pub fn values(&self) -> &[f64] {
        &self.values
    }
}
