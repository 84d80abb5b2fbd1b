//! Who owns what: the team that decides each editable field, the team
//! judged by each KPI, and the owner of each stage of the funnel chart.
//!
//! The split is the one a marketing scientist draws: the market is nobody's
//! decision; marketing buys one-to-many reach and turns it into leads
//! (MQLs); the lead is handed to sales, who work it one-to-one through
//! qualification, opportunity and close; customer success keeps the
//! customer. Prices and margins are set by leadership (with finance), who
//! also judge the whole business (CAC, ROI, gross profit).

use crate::fields::{ChannelField, Field, MarketField, RevenueField, SalesField};
use crate::kpi::Kpi;
use crate::metrics::Metric;

/// A team of the business (or the market, which no team decides).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Team {
    /// The market itself: its size, memory and word of mouth. No one sets these.
    Market,
    /// Marketing: budget, channels, the website; the top of the funnel.
    Marketing,
    /// Sales: reps, qualification, pipeline and closing; the bottom of the funnel.
    Sales,
    /// Customer success: keeping customers (churn).
    CustomerSuccess,
    /// Leadership and finance: prices, margins, the planning horizon, and
    /// the numbers of the whole business.
    Leadership,
    /// Not a business decision: how the simulator runs (runs, seed).
    Simulation,
}

impl Team {
    /// Every team, in funnel order.
    pub const ALL: [Team; 6] =
        [Team::Market, Team::Marketing, Team::Sales, Team::CustomerSuccess, Team::Leadership, Team::Simulation];

    /// Identifier for CSS classes and data attributes (`customer-success`).
    pub fn id(self) -> &'static str {
        match self {
            Team::Market => "market",
            Team::Marketing => "marketing",
            Team::Sales => "sales",
            Team::CustomerSuccess => "customer-success",
            Team::Leadership => "leadership",
            Team::Simulation => "simulation",
        }
    }

    /// The name a person reads.
    pub fn label(self) -> &'static str {
        match self {
            Team::Market => "The market",
            Team::Marketing => "Marketing",
            Team::Sales => "Sales",
            Team::CustomerSuccess => "Customer success",
            Team::Leadership => "Leadership & finance",
            Team::Simulation => "Simulation",
        }
    }

    /// One or two sentences on what the team does in the funnel.
    pub fn description(self) -> &'static str {
        match self {
            Team::Market => {
                "How many buyers exist, how fast they forget and how much they talk. No one decides these; every plan has to live with them."
            }
            Team::Marketing => {
                "Reaches many people at once through paid channels (search, social, display, email, content, events, direct mail, radio, PR) and turns the interested ones into leads."
            }
            Team::Sales => {
                "Works leads one at a time: qualifies them, opens opportunities and closes deals through the pipeline. Limited by the number of reps."
            }
            Team::CustomerSuccess => {
                "Keeps customers after the sale: onboarding, support and renewals. Every customer kept is one marketing and sales need not win again."
            }
            Team::Leadership => {
                "Sets prices and margins, chooses the planning horizon, and judges the whole business: total cost per customer, profit and return."
            }
            Team::Simulation => "Settings of the simulator itself, not of the business.",
        }
    }
}

/// The team that decides a field.
///
/// Channel assumptions (CPM, reach cap, conversion) are marketing's because
/// marketing picks the channels and the creative; the website's organic
/// conversion is marketing's too, while how often organically aware people
/// visit is the market's. The qualification rate is measured by sales
/// (MQL → SQL) though lead quality drives it: it is where the two teams'
/// service-level agreement meets, and it sits with sales here. Deal value,
/// order value, recurring revenue and margin are pricing: leadership.
pub fn field_team(field: Field) -> Team {
    use MarketField as M;
    use RevenueField as R;
    match field {
        Field::BudgetPerWeek => Team::Marketing,
        Field::Weeks => Team::Leadership,
        Field::Runs | Field::Seed => Team::Simulation,
        Field::Market(f) => match f {
            M::Size
            | M::WordOfMouth
            | M::ForgetRate
            | M::InitiallyAware
            | M::InitialCustomers
            | M::OrganicEngagementRate => Team::Market,
            M::OrganicLeadRate | M::OrganicPurchaseRate => Team::Marketing,
        },
        Field::Channel(_, f) => match f {
            ChannelField::Share
            | ChannelField::Cpm
            | ChannelField::AwarenessPerImpression
            | ChannelField::ReachCap
            | ChannelField::Carryover
            | ChannelField::EngagementRate
            | ChannelField::LeadRate
            | ChannelField::PurchaseRate => Team::Marketing,
        },
        Field::Sales(f) => match f {
            SalesField::Reps
            | SalesField::LeadsPerRepPerWeek
            | SalesField::CostPerRepPerWeek
            | SalesField::QualificationRate
            | SalesField::OpportunityRate
            | SalesField::WinRate
            | SalesField::CycleWeeks
            | SalesField::PipelineStages
            | SalesField::LeadDecay => Team::Sales,
        },
        Field::Revenue(f) => match f {
            R::ChurnRate => Team::CustomerSuccess,
            R::DealValue | R::DealValueCv | R::OrderValue | R::RecurringPerWeek | R::GrossMargin => Team::Leadership,
        },
    }
}

/// The team judged by a KPI.
///
/// Leads gone cold are sales' (the follow-up side of the SLA); the money
/// they wasted (cold-lead spend) is what misalignment costs the business,
/// so leadership's. Cost per SQL is a demand-generation number: marketing.
/// New customers mix online purchases and won deals: leadership's.
pub fn kpi_team(kpi: Kpi) -> Team {
    match kpi {
        Kpi::NewAware
        | Kpi::Visits
        | Kpi::Leads
        | Kpi::Purchases
        | Kpi::MarketingSpend
        | Kpi::CostPerLead
        | Kpi::CostPerSql
        | Kpi::MarketingCac
        | Kpi::Roas
        | Kpi::VisitToLead
        | Kpi::VisitToPurchase => Team::Marketing,
        Kpi::Sql
        | Kpi::Opportunities
        | Kpi::Won
        | Kpi::SalesCost
        | Kpi::LeadToSql
        | Kpi::SqlToOpportunity
        | Kpi::OpportunityToWon
        | Kpi::LeadToCustomer
        | Kpi::LeadsGoneCold
        | Kpi::SalesUtilization
        | Kpi::PipelineValue
        | Kpi::SalesVelocity => Team::Sales,
        Kpi::CustomersEnd | Kpi::ChurnedTotal => Team::CustomerSuccess,
        Kpi::NewCustomers
        | Kpi::Revenue
        | Kpi::Cost
        | Kpi::GrossProfit
        | Kpi::Cac
        | Kpi::Roi
        | Kpi::ColdLeadSpend
        | Kpi::PaybackWeek => Team::Leadership,
    }
}

/// A stage of the funnel chart, top to bottom.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Stage {
    /// People made aware.
    Aware,
    /// Visits.
    Visits,
    /// Leads (MQLs) handed to sales.
    Leads,
    /// Leads a rep worked.
    Worked,
    /// Sales-qualified leads.
    Sql,
    /// Opportunities opened.
    Opportunities,
    /// Deals won.
    Won,
    /// Active customers.
    Customers,
}

impl Stage {
    /// Every stage, top of the funnel first.
    pub const ALL: [Stage; 8] = [
        Stage::Aware,
        Stage::Visits,
        Stage::Leads,
        Stage::Worked,
        Stage::Sql,
        Stage::Opportunities,
        Stage::Won,
        Stage::Customers,
    ];

    /// The stage's label.
    pub fn label(self) -> &'static str {
        match self {
            Stage::Aware => "Aware",
            Stage::Visits => "Visits",
            Stage::Leads => "Leads (MQL)",
            Stage::Worked => "Worked",
            Stage::Sql => "SQL",
            Stage::Opportunities => "Opportunities",
            Stage::Won => "Won",
            Stage::Customers => "Customers",
        }
    }

    /// The weekly metric behind the stage (a flow, or the customer stock).
    pub fn metric(self) -> Metric {
        match self {
            Stage::Aware => Metric::NewAware,
            Stage::Visits => Metric::Visits,
            Stage::Leads => Metric::Leads,
            Stage::Worked => Metric::Worked,
            Stage::Sql => Metric::Sql,
            Stage::Opportunities => Metric::Opportunities,
            Stage::Won => Metric::Won,
            Stage::Customers => Metric::Customers,
        }
    }

    /// The glossary term that explains the stage.
    pub fn term(self) -> &'static str {
        match self {
            Stage::Aware => "awareness",
            Stage::Visits => "engagement",
            Stage::Leads => "mql",
            Stage::Worked => "sla",
            Stage::Sql => "sql",
            Stage::Opportunities => "opportunity",
            Stage::Won => "win-rate",
            Stage::Customers => "retention",
        }
    }
}

/// The team that owns a stage of the funnel.
pub fn stage_owner(stage: Stage) -> Team {
    match stage {
        Stage::Aware | Stage::Visits | Stage::Leads => Team::Marketing,
        Stage::Worked | Stage::Sql | Stage::Opportunities | Stage::Won => Team::Sales,
        Stage::Customers => Team::CustomerSuccess,
    }
}

/// The hand-off: the last stage marketing owns and the first sales owns.
/// Between them sits the lead queue, governed by the service-level
/// agreement (glossary term `sla`).
pub const HANDOFF: (Stage, Stage) = (Stage::Leads, Stage::Worked);
