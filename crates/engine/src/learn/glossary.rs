//! The glossary: every term the lessons and the app use, in plain words,
//! with the formula as this model computes it (`docs/model.md` and
//! [`crate::kpi`] are the source of truth; a test ties each KPI and field
//! to a term). The app links field labels and KPI names here.

use super::ownership::Team;
use crate::fields::{ChannelField, Field, MarketField, RevenueField, SalesField};
use crate::kpi::Kpi;

/// One glossary entry.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Term {
    /// Stable identifier (`cac`, `lead-decay`).
    pub id: &'static str,
    /// The term as a person writes it.
    pub term: &'static str,
    /// Plain words, at most 60.
    pub definition: &'static str,
    /// How the model computes it, in field and KPI names.
    pub formula: &'static str,
    /// KPIs this term explains (the first term listing a KPI is its link).
    pub kpis: &'static [Kpi],
    /// Fields this term explains; channel fields are written for channel 0
    /// and stand for every channel (see [`term_for_field`]).
    pub fields: &'static [Field],
    /// The team the term belongs to.
    pub team: Team,
}

const fn ch(f: ChannelField) -> Field {
    Field::Channel(0, f)
}
const fn sales(f: SalesField) -> Field {
    Field::Sales(f)
}
const fn rev(f: RevenueField) -> Field {
    Field::Revenue(f)
}
const fn mkt(f: MarketField) -> Field {
    Field::Market(f)
}

/// Every term, roughly in funnel order.
pub const TERMS: &[Term] = &[
    Term {
        id: "awareness",
        term: "Awareness",
        definition: "Knowing the brand exists. The first step of the funnel: nobody can visit, enquire or buy before they have heard of you. People also forget, and must then be reached again.",
        formula: "new_aware = unaware × P each week, P = 1 − Π(1 − p[s]) over channels and word of mouth, p[c] growing with awareness_per_impression; initially_aware × market.size start aware; aware people forget with market.forget_rate a week",
        kpis: &[Kpi::NewAware],
        fields: &[
            ch(ChannelField::AwarenessPerImpression),
            mkt(MarketField::ForgetRate),
            mkt(MarketField::InitiallyAware),
        ],
        team: Team::Marketing,
    },
    Term {
        id: "impression",
        term: "Impression",
        definition: "One showing of an ad, email, letter, booth contact or radio spot to one person. Channels are bought by impressions; only some of them make someone aware.",
        formula: "impressions = 1000 × budget.per_week × share / cpm",
        kpis: &[],
        fields: &[],
        team: Team::Marketing,
    },
    Term {
        id: "cpm",
        term: "CPM (cost per mille)",
        definition: "The price of a thousand impressions. Cheap impressions are not always cheap customers: what matters is what each impression makes happen.",
        formula: "channels[].cpm; impressions = 1000 × spend / cpm",
        kpis: &[],
        fields: &[ch(ChannelField::Cpm)],
        team: Team::Marketing,
    },
    Term {
        id: "reach",
        term: "Reach",
        definition: "The share of the market a channel actually gets in front of. Impressions land at random, so the same people are hit twice while others are missed.",
        formula: "p[c] = reach_cap × (1 − exp(−awareness_per_impression × E[c] / (reach_cap × market.size)))",
        kpis: &[],
        fields: &[],
        team: Team::Marketing,
    },
    Term {
        id: "reach-cap",
        term: "Reach cap",
        definition: "The largest share of the market a channel can ever reach: only so many people search for your product, read that newsletter or listen to that station.",
        formula: "channels[].reach_cap: p[c] never exceeds reach_cap",
        kpis: &[],
        fields: &[ch(ChannelField::ReachCap)],
        team: Team::Marketing,
    },
    Term {
        id: "diminishing-returns",
        term: "Diminishing returns",
        definition: "Each extra dollar in a channel buys less than the one before, because more impressions fall on people already reached and the reach cap comes closer.",
        formula: "with settled adstock, p[c] = reach_cap × (1 − exp(−k × spend)), k = 1000 × awareness_per_impression / (cpm × reach_cap × market.size): each extra dollar adds less to p[c]",
        kpis: &[],
        fields: &[],
        team: Team::Marketing,
    },
    Term {
        id: "carryover",
        term: "Carryover (adstock)",
        definition: "Advertising keeps working after it runs: people remember it for a while. Carryover spreads a week's impressions over the following weeks without adding to them.",
        formula: "E[c] = (1 − carryover) × impressions + carryover × E_prev[c]",
        kpis: &[],
        fields: &[ch(ChannelField::Carryover)],
        team: Team::Marketing,
    },
    Term {
        id: "channel",
        term: "Channel",
        definition: "A way to reach many people at once: paid search, social, display, email, content/SEO, events, direct mail, radio, PR. Marketing splits the budget over channels.",
        formula: "spend[c] = budget.per_week × channels[c].share (the shares sum to 1); marketing_spend = Σ spend",
        kpis: &[Kpi::MarketingSpend],
        fields: &[Field::BudgetPerWeek, ch(ChannelField::Share)],
        team: Team::Marketing,
    },
    Term {
        id: "engagement",
        term: "Engagement (visit)",
        definition: "An aware person who comes to look: visits the website, calls, stops at the booth. Each week some aware people engage; the rest wait or forget.",
        formula: "visits = aware × engagement_rate each week (organic: market.organic_engagement_rate)",
        kpis: &[Kpi::Visits],
        fields: &[ch(ChannelField::EngagementRate), mkt(MarketField::OrganicEngagementRate)],
        team: Team::Marketing,
    },
    Term {
        id: "conversion-rate",
        term: "Conversion rate",
        definition: "The share of people at one stage who reach the next: visit to lead, visit to purchase, SQL to opportunity, lead to customer.",
        formula: "visit_to_lead = leads / visits; visit_to_purchase = purchases / visits; sql_to_opportunity = opportunities / sql; lead_to_customer = won / leads",
        kpis: &[Kpi::VisitToLead, Kpi::VisitToPurchase, Kpi::SqlToOpportunity, Kpi::LeadToCustomer],
        fields: &[],
        team: Team::Marketing,
    },
    Term {
        id: "online-purchase",
        term: "Online purchase (self-serve)",
        definition: "A visitor who buys on the spot, with no salesperson: the digital-first path of web shops and self-serve software.",
        formula: "purchases = visits × purchase_rate (organic visitors: market.organic_purchase_rate); revenue += purchases × revenue.order_value",
        kpis: &[Kpi::Purchases],
        fields: &[ch(ChannelField::PurchaseRate), mkt(MarketField::OrganicPurchaseRate), rev(RevenueField::OrderValue)],
        team: Team::Marketing,
    },
    Term {
        id: "lead",
        term: "Lead",
        definition: "A person who has left their details or asked to be contacted: a name sales can call. Here every lead is an MQL handed to sales.",
        formula: "leads = visits × lead_rate (organic visitors: market.organic_lead_rate)",
        kpis: &[Kpi::Leads],
        fields: &[ch(ChannelField::LeadRate), mkt(MarketField::OrganicLeadRate)],
        team: Team::Marketing,
    },
    Term {
        id: "mql",
        term: "MQL (marketing-qualified lead)",
        definition: "A lead marketing judges ready for sales and hands over. It waits in the sales queue until a rep works it, or goes cold.",
        formula: "queue Q = mql_backlog + leads; mql_backlog = Q − worked − cold",
        kpis: &[],
        fields: &[],
        team: Team::Marketing,
    },
    Term {
        id: "lead-generation",
        term: "Lead generation",
        definition: "Marketing's job of turning reach into leads for sales. It is the hand-off between the one-to-many work of marketing and the one-to-one work of sales.",
        formula: "leads = Σ channels and organic of visits × lead_rate",
        kpis: &[],
        fields: &[],
        team: Team::Marketing,
    },
    Term {
        id: "cost-per-lead",
        term: "Cost per lead (CPL)",
        definition: "Marketing spend divided by the leads it produced. Marketing's favourite number, and a misleading one when the leads are never worked or rarely qualify.",
        formula: "cost_per_lead = marketing_spend / leads",
        kpis: &[Kpi::CostPerLead],
        fields: &[],
        team: Team::Marketing,
    },
    Term {
        id: "sla",
        term: "SLA (service-level agreement)",
        definition: "The deal between marketing and sales at the hand-off: sales works every MQL within an agreed time (here, within its week), and marketing sends leads that meet an agreed quality bar.",
        formula: "worked = min(Q, sales.reps × sales.leads_per_rep_per_week); kept when worked = Q every week, so leads_gone_cold = 0; quality side: sales.qualification_rate",
        kpis: &[],
        fields: &[],
        team: Team::Sales,
    },
    Term {
        id: "sales-capacity",
        term: "Sales capacity",
        definition: "How many leads the sales team can work in a week. When leads arrive faster, the extra wait in the queue and some go cold.",
        formula: "W = sales.reps × sales.leads_per_rep_per_week; sales_utilization = mean over weeks of worked / W; each rep costs sales.cost_per_rep_per_week",
        kpis: &[Kpi::SalesUtilization],
        fields: &[sales(SalesField::Reps), sales(SalesField::LeadsPerRepPerWeek), sales(SalesField::CostPerRepPerWeek)],
        team: Team::Sales,
    },
    Term {
        id: "lead-decay",
        term: "Lead decay (going cold)",
        definition: "A lead not called back loses interest. Leads reached within the hour qualify far more often than leads reached a day later.",
        formula: "cold = (Q − worked) × sales.lead_decay each week; leads_gone_cold = Σ cold",
        kpis: &[Kpi::LeadsGoneCold],
        fields: &[sales(SalesField::LeadDecay)],
        team: Team::Sales,
    },
    Term {
        id: "cold-lead-spend",
        term: "Cold-lead spend",
        definition: "Marketing money spent on leads sales never touched: the price of misalignment between the two teams.",
        formula: "cold_lead_spend = leads_gone_cold × cost_per_lead",
        kpis: &[Kpi::ColdLeadSpend],
        fields: &[],
        team: Team::Leadership,
    },
    Term {
        id: "qualification-rate",
        term: "Qualification rate",
        definition: "The share of worked leads that sales accepts as real buyers (SQLs). Low rates are the 'marketing sends junk' complaint: reps spend their week on people who will never buy.",
        formula: "sql = worked × sales.qualification_rate; lead_to_sql = sql / leads (cold leads count against it)",
        kpis: &[Kpi::LeadToSql],
        fields: &[sales(SalesField::QualificationRate)],
        team: Team::Sales,
    },
    Term {
        id: "sql",
        term: "SQL (sales-qualified lead)",
        definition: "A lead a rep has spoken to and confirmed has the need, budget and authority to buy.",
        formula: "sql = worked × sales.qualification_rate",
        kpis: &[Kpi::Sql],
        fields: &[],
        team: Team::Sales,
    },
    Term {
        id: "cost-per-sql",
        term: "Cost per SQL",
        definition: "Marketing spend per sales-qualified lead: a better test of lead generation than cost per lead, because junk and cold leads do not count.",
        formula: "cost_per_sql = marketing_spend / sql",
        kpis: &[Kpi::CostPerSql],
        fields: &[],
        team: Team::Marketing,
    },
    Term {
        id: "opportunity",
        term: "Opportunity",
        definition: "A qualified buyer with a real deal in play: a proposal is being discussed. It stays open until it is won or lost.",
        formula: "opportunities = sql × sales.opportunity_rate; they cannot close in the week they open",
        kpis: &[Kpi::Opportunities],
        fields: &[sales(SalesField::OpportunityRate)],
        team: Team::Sales,
    },
    Term {
        id: "pipeline",
        term: "Pipeline",
        definition: "All open opportunities, and what they are expected to be worth. Sales managers watch it to forecast the next months.",
        formula: "pipeline_value = open_opportunities (at the end) × revenue.deal_value × sales.win_rate",
        kpis: &[Kpi::PipelineValue],
        fields: &[],
        team: Team::Sales,
    },
    Term {
        id: "pipeline-stage",
        term: "Pipeline stage",
        definition: "A step every deal passes through (discovery, demo, proposal, negotiation). With more stages, deals take their full cycle and almost none close early.",
        formula: "k = sales.pipeline_stages; an open opportunity moves to the next stage with probability k / cycle_weeks a week",
        kpis: &[],
        fields: &[sales(SalesField::PipelineStages)],
        team: Team::Sales,
    },
    Term {
        id: "sales-cycle",
        term: "Sales cycle",
        definition: "The time from opening an opportunity to the decision. Long cycles mean money spent now turns into customers months later.",
        formula: "mean weeks to decision = sales.cycle_weeks (a sum of pipeline_stages geometric waits)",
        kpis: &[],
        fields: &[sales(SalesField::CycleWeeks)],
        team: Team::Sales,
    },
    Term {
        id: "win-rate",
        term: "Win rate (close rate)",
        definition: "The share of decided opportunities that are won.",
        formula: "each decision is won with sales.win_rate; opportunity_to_won = won / (won + lost)",
        kpis: &[Kpi::Won, Kpi::OpportunityToWon],
        fields: &[sales(SalesField::WinRate)],
        team: Team::Sales,
    },
    Term {
        id: "sales-velocity",
        term: "Sales velocity",
        definition: "How much money the pipeline turns into per week: more deals, bigger deals, better odds or a shorter cycle all raise it.",
        formula: "sales_velocity = open_opportunities × sales.win_rate × revenue.deal_value / sales.cycle_weeks (per week)",
        kpis: &[Kpi::SalesVelocity],
        fields: &[],
        team: Team::Sales,
    },
    Term {
        id: "quota",
        term: "Quota",
        definition: "The sales target a rep or team must close in a period, in deals or money. Quotas only work when marketing sends enough qualified leads to reach them.",
        formula: "not a model input; compare won (or won × revenue.deal_value) per rep over the horizon with the target",
        kpis: &[],
        fields: &[],
        team: Team::Sales,
    },
    Term {
        id: "new-customers",
        term: "New customers",
        definition: "People who bought: online purchases plus deals won by sales.",
        formula: "new_customers = purchases + won",
        kpis: &[Kpi::NewCustomers],
        fields: &[],
        team: Team::Leadership,
    },
    Term {
        id: "cost",
        term: "Cost",
        definition: "What the plan spends: media bought by marketing plus the cost of the sales team.",
        formula: "cost = marketing_spend + sales_cost; sales_cost = sales.reps × sales.cost_per_rep_per_week each week",
        kpis: &[Kpi::Cost, Kpi::SalesCost],
        fields: &[],
        team: Team::Leadership,
    },
    Term {
        id: "cac",
        term: "CAC (customer acquisition cost)",
        definition: "Everything spent on winning customers, marketing and sales together, divided by the customers won. The number leadership uses to judge growth.",
        formula: "cac = cost / new_customers = (marketing_spend + sales_cost) / (purchases + won)",
        kpis: &[Kpi::Cac],
        fields: &[],
        team: Team::Leadership,
    },
    Term {
        id: "marketing-cac",
        term: "Marketing CAC",
        definition: "Marketing spend alone per new customer. It leaves out the sales team, so it flatters sales-led businesses.",
        formula: "marketing_cac = marketing_spend / new_customers",
        kpis: &[Kpi::MarketingCac],
        fields: &[],
        team: Team::Marketing,
    },
    Term {
        id: "revenue",
        term: "Revenue",
        definition: "Money coming in: online orders, won deals, and recurring payments from active customers.",
        formula: "revenue = purchases × order_value + won × deal_value + customers × recurring_per_week (each week); Monte Carlo spreads deal values by deal_value_cv",
        kpis: &[Kpi::Revenue],
        fields: &[rev(RevenueField::DealValue), rev(RevenueField::RecurringPerWeek), rev(RevenueField::DealValueCv)],
        team: Team::Leadership,
    },
    Term {
        id: "roas",
        term: "ROAS (return on ad spend)",
        definition: "Revenue per dollar of marketing spend. It ignores margin and the sales team, so a ROAS above 1 can still lose money.",
        formula: "roas = revenue / marketing_spend",
        kpis: &[Kpi::Roas],
        fields: &[],
        team: Team::Marketing,
    },
    Term {
        id: "gross-margin",
        term: "Gross margin",
        definition: "The share of revenue left after the cost of delivering the product or service.",
        formula: "revenue.gross_margin, in [0, 1]",
        kpis: &[],
        fields: &[rev(RevenueField::GrossMargin)],
        team: Team::Leadership,
    },
    Term {
        id: "gross-profit",
        term: "Gross profit",
        definition: "Here: what the margin on revenue leaves after paying for marketing and sales. Negative while the plan is still buying customers who pay later.",
        formula: "gross_profit = Σ weeks (revenue × gross_margin − cost)",
        kpis: &[Kpi::GrossProfit],
        fields: &[],
        team: Team::Leadership,
    },
    Term {
        id: "roi",
        term: "ROI (return on investment)",
        definition: "Gross profit per dollar spent on marketing and sales. Zero means the plan just paid for itself.",
        formula: "roi = gross_profit / cost",
        kpis: &[Kpi::Roi],
        fields: &[],
        team: Team::Leadership,
    },
    Term {
        id: "payback",
        term: "Payback",
        definition: "When the plan has earned back what it spent: the first week in which cumulative gross profit is no longer negative.",
        formula: "payback_week = first week t with Σ(1..t) gross_profit ≥ 0; none if never within the horizon",
        kpis: &[Kpi::PaybackWeek],
        fields: &[],
        team: Team::Leadership,
    },
    Term {
        id: "churn",
        term: "Churn",
        definition: "Customers who stop buying or cancel. Each lost customer takes their future revenue with them.",
        formula: "churned = customers × revenue.churn_rate each week; churned_total = Σ churned",
        kpis: &[Kpi::ChurnedTotal],
        fields: &[rev(RevenueField::ChurnRate)],
        team: Team::CustomerSuccess,
    },
    Term {
        id: "retention",
        term: "Retention",
        definition: "Keeping customers: the opposite of churn. A customer kept for twice as long pays twice as much recurring revenue.",
        formula: "customers ← customers + purchases + won − churned, from initial_customers; customers_end = customers after the last week; expected active weeks = 1 / churn_rate",
        kpis: &[Kpi::CustomersEnd],
        fields: &[mkt(MarketField::InitialCustomers)],
        team: Team::CustomerSuccess,
    },
    Term {
        id: "ltv",
        term: "LTV (customer lifetime value)",
        definition: "The gross margin one customer brings over their whole life with you. Compared with CAC it says whether customers are worth what they cost (a common bar is LTV ≥ 3 × CAC).",
        formula: "ltv = gross_margin × (one-off value + recurring_per_week × (1 − (1 − churn_rate)^260) / churn_rate); one-off = order_value or deal_value",
        kpis: &[],
        fields: &[],
        team: Team::CustomerSuccess,
    },
    Term {
        id: "customer-success",
        term: "Customer success",
        definition: "The team that looks after customers once they have bought (onboarding, support, renewals), judged by churn and by customers kept.",
        formula: "owns revenue.churn_rate; judged by customers_end and churned_total",
        kpis: &[],
        fields: &[],
        team: Team::CustomerSuccess,
    },
    Term {
        id: "word-of-mouth",
        term: "Word of mouth",
        definition: "Customers telling others. It grows with the number of customers and costs nothing, which is why keeping customers also brings new ones.",
        formula: "p[organic] = 1 − exp(−market.word_of_mouth × customers / market.size)",
        kpis: &[],
        fields: &[mkt(MarketField::WordOfMouth)],
        team: Team::Market,
    },
    Term {
        id: "first-touch-attribution",
        term: "First-touch attribution",
        definition: "Crediting a customer to the channel that first made them aware, however many other ads they saw later. Simple, and kind to channels that open conversations.",
        formula: "a person keeps the source s that made them aware; per-source cac = spend / new_customers and roi = (revenue × gross_margin − spend) / spend",
        kpis: &[],
        fields: &[],
        team: Team::Marketing,
    },
    Term {
        id: "market-size",
        term: "Market size",
        definition: "How many people or companies could ever buy. A niche B2B market may hold a few thousand accounts, a consumer shop millions of shoppers.",
        formula: "market.size = unaware + aware + MQL + open opportunities + customers + churned",
        kpis: &[],
        fields: &[mkt(MarketField::Size)],
        team: Team::Market,
    },
];

/// The term with this id.
pub fn term(id: &str) -> Option<&'static Term> {
    TERMS.iter().find(|t| t.id == id)
}

/// The term that explains a KPI (the first that lists it).
pub fn term_for_kpi(kpi: Kpi) -> Option<&'static Term> {
    TERMS.iter().find(|t| t.kpis.contains(&kpi))
}

/// The term that explains a field; every channel's field links to the same
/// term.
pub fn term_for_field(field: Field) -> Option<&'static Term> {
    let kind = match field {
        Field::Channel(_, f) => Field::Channel(0, f),
        other => other,
    };
    TERMS.iter().find(|t| t.fields.contains(&kind))
}
