//! Every numeric assumption a person can edit ([`Field`]): its DOM id,
//! label, engine field path, and how it reads and writes the engine's
//! [`Scenario`] (rates are shown as percentages). Units, allowed ranges,
//! sliders and parsing of typed text live in [`spec`]. Pure: no Yew, no DOM.

mod spec;

pub use spec::{Scale, Spec, Unit, input_text};

use crate::Scenario;

/// An editable number of the scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// `budget.per_week`.
    BudgetPerWeek,
    /// `weeks`, the horizon (shown in the Market group).
    Weeks,
    /// A field of `market`.
    Market(MarketField),
    /// A field of `channels[i]`.
    Channel(usize, ChannelField),
    /// A field of `sales`.
    Sales(SalesField),
    /// A field of `revenue`.
    Revenue(RevenueField),
    /// `simulation.runs`.
    Runs,
    /// `simulation.seed`.
    Seed,
}

/// Fields of the market section.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MarketField {
    /// People in the target market.
    Size,
    /// Word-of-mouth strength.
    WordOfMouth,
    /// Weekly forgetting.
    ForgetRate,
    /// Share aware at week 0.
    InitiallyAware,
    /// Customers at week 0.
    InitialCustomers,
    /// Weekly visits of organically aware people.
    OrganicEngagementRate,
    /// Organic visit → lead.
    OrganicLeadRate,
    /// Organic visit → purchase.
    OrganicPurchaseRate,
}

/// Fields of one channel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ChannelField {
    /// Share of the budget (edited through the mix rules).
    Share,
    /// Cost per thousand impressions.
    Cpm,
    /// Awareness per impression.
    AwarenessPerImpression,
    /// Reach cap.
    ReachCap,
    /// Adstock carryover.
    Carryover,
    /// Weekly visits of people this channel made aware.
    EngagementRate,
    /// Visit → lead.
    LeadRate,
    /// Visit → purchase.
    PurchaseRate,
}

/// Fields of the sales team.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SalesField {
    /// Number of reps.
    Reps,
    /// Leads a rep works per week.
    LeadsPerRepPerWeek,
    /// Cost of a rep per week.
    CostPerRepPerWeek,
    /// MQL → SQL.
    QualificationRate,
    /// SQL → opportunity.
    OpportunityRate,
    /// Close rate.
    WinRate,
    /// Weeks from opportunity to decision.
    CycleWeeks,
    /// Stages of the sales pipeline.
    PipelineStages,
    /// Weekly share of unworked leads going cold.
    LeadDecay,
}

/// Fields of the revenue section.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RevenueField {
    /// Value of a won deal.
    DealValue,
    /// Spread of deal values (Monte Carlo).
    DealValueCv,
    /// Value of an online order.
    OrderValue,
    /// Recurring revenue per customer per week.
    RecurringPerWeek,
    /// Gross margin.
    GrossMargin,
    /// Weekly churn.
    ChurnRate,
}

impl MarketField {
    /// In the order the controls show them.
    pub const ALL: [MarketField; 8] = [
        MarketField::Size,
        MarketField::WordOfMouth,
        MarketField::ForgetRate,
        MarketField::InitiallyAware,
        MarketField::InitialCustomers,
        MarketField::OrganicEngagementRate,
        MarketField::OrganicLeadRate,
        MarketField::OrganicPurchaseRate,
    ];
}
impl ChannelField {
    /// The per-channel assumptions of the "advanced" section (share has its own slider).
    pub const ADVANCED: [ChannelField; 7] = [
        ChannelField::Cpm,
        ChannelField::AwarenessPerImpression,
        ChannelField::ReachCap,
        ChannelField::Carryover,
        ChannelField::EngagementRate,
        ChannelField::LeadRate,
        ChannelField::PurchaseRate,
    ];
}
impl SalesField {
    /// In the order the controls show them.
    pub const ALL: [SalesField; 9] = [
        SalesField::Reps,
        SalesField::LeadsPerRepPerWeek,
        SalesField::CostPerRepPerWeek,
        SalesField::QualificationRate,
        SalesField::OpportunityRate,
        SalesField::WinRate,
        SalesField::CycleWeeks,
        SalesField::PipelineStages,
        SalesField::LeadDecay,
    ];
}
impl RevenueField {
    /// In the order the controls show them.
    pub const ALL: [RevenueField; 6] = [
        RevenueField::DealValue,
        RevenueField::DealValueCv,
        RevenueField::OrderValue,
        RevenueField::RecurringPerWeek,
        RevenueField::GrossMargin,
        RevenueField::ChurnRate,
    ];
}

/// The `f64` a field maps to, as `&` or `&mut` (one mapping for both).
macro_rules! slot {
    ($field:expr, $s:ident, $($m:tt)?) => {{
        use ChannelField as C;
        use MarketField as M;
        use RevenueField as R;
        use SalesField as S;
        match $field {
            Field::BudgetPerWeek => Some(&$($m)? $s.budget.per_week),
            Field::Weeks | Field::Runs | Field::Seed => None,
            Field::Market(f) => Some(match f {
                M::Size => &$($m)? $s.market.size,
                M::WordOfMouth => &$($m)? $s.market.word_of_mouth,
                M::ForgetRate => &$($m)? $s.market.forget_rate,
                M::InitiallyAware => &$($m)? $s.market.initially_aware,
                M::InitialCustomers => &$($m)? $s.market.initial_customers,
                M::OrganicEngagementRate => &$($m)? $s.market.organic_engagement_rate,
                M::OrganicLeadRate => &$($m)? $s.market.organic_lead_rate,
                M::OrganicPurchaseRate => &$($m)? $s.market.organic_purchase_rate,
            }),
            Field::Channel(i, _) if i >= $s.channels.len() => None,
            Field::Channel(i, f) => {
                let c = &$($m)? $s.channels[i];
                Some(match f {
                    C::Share => &$($m)? c.share,
                    C::Cpm => &$($m)? c.cpm,
                    C::AwarenessPerImpression => &$($m)? c.awareness_per_impression,
                    C::ReachCap => &$($m)? c.reach_cap,
                    C::Carryover => &$($m)? c.carryover,
                    C::EngagementRate => &$($m)? c.engagement_rate,
                    C::LeadRate => &$($m)? c.lead_rate,
                    C::PurchaseRate => &$($m)? c.purchase_rate,
                })
            }
            Field::Sales(f) => Some(match f {
                S::Reps => &$($m)? $s.sales.reps,
                S::LeadsPerRepPerWeek => &$($m)? $s.sales.leads_per_rep_per_week,
                S::CostPerRepPerWeek => &$($m)? $s.sales.cost_per_rep_per_week,
                S::QualificationRate => &$($m)? $s.sales.qualification_rate,
                S::OpportunityRate => &$($m)? $s.sales.opportunity_rate,
                S::WinRate => &$($m)? $s.sales.win_rate,
                S::CycleWeeks => &$($m)? $s.sales.cycle_weeks,
                S::PipelineStages => &$($m)? $s.sales.pipeline_stages,
                S::LeadDecay => &$($m)? $s.sales.lead_decay,
            }),
            Field::Revenue(f) => Some(match f {
                R::DealValue => &$($m)? $s.revenue.deal_value,
                R::DealValueCv => &$($m)? $s.revenue.deal_value_cv,
                R::OrderValue => &$($m)? $s.revenue.order_value,
                R::RecurringPerWeek => &$($m)? $s.revenue.recurring_per_week,
                R::GrossMargin => &$($m)? $s.revenue.gross_margin,
                R::ChurnRate => &$($m)? $s.revenue.churn_rate,
            }),
        }
    }};
}

impl Field {
    /// Every editable field of `scenario`, in the order the controls show them.
    pub fn all(scenario: &Scenario) -> Vec<Field> {
        let mut fields = vec![Field::BudgetPerWeek];
        for i in 0..scenario.channels.len() {
            fields.push(Field::Channel(i, ChannelField::Share));
            fields.extend(ChannelField::ADVANCED.iter().map(|f| Field::Channel(i, *f)));
        }
        fields.extend(SalesField::ALL.iter().map(|f| Field::Sales(*f)));
        fields.extend(RevenueField::ALL.iter().map(|f| Field::Revenue(*f)));
        fields.extend(MarketField::ALL.iter().map(|f| Field::Market(*f)));
        fields.extend([Field::Weeks, Field::Runs, Field::Seed]);
        fields
    }

    /// The field behind an engine field path (`sales.win_rate`), if editable.
    pub fn from_path(scenario: &Scenario, path: &str) -> Option<Field> {
        Field::all(scenario).into_iter().find(|f| f.path() == path)
    }

    /// The DOM id of the field's main input (`<section>-<field-with-dashes>`).
    pub fn id(self) -> String {
        match self {
            Field::BudgetPerWeek => "budget-per-week".into(),
            Field::Weeks => "market-weeks".into(),
            Field::Runs => "sim-runs".into(),
            Field::Seed => "sim-seed".into(),
            _ => self.path().replace("channels[", "channel-").replace(['_', '.', ']'], "-").replace("--", "-"),
        }
    }

    /// The engine's field path, as in [`crate::FieldError::field`].
    pub fn path(self) -> String {
        use ChannelField as C;
        use MarketField as M;
        use RevenueField as R;
        use SalesField as S;
        let tail = match self {
            Field::BudgetPerWeek => return "budget.per_week".into(),
            Field::Weeks => return "weeks".into(),
            Field::Runs => return "simulation.runs".into(),
            Field::Seed => return "simulation.seed".into(),
            Field::Market(f) => match f {
                M::Size => "market.size",
                M::WordOfMouth => "market.word_of_mouth",
                M::ForgetRate => "market.forget_rate",
                M::InitiallyAware => "market.initially_aware",
                M::InitialCustomers => "market.initial_customers",
                M::OrganicEngagementRate => "market.organic_engagement_rate",
                M::OrganicLeadRate => "market.organic_lead_rate",
                M::OrganicPurchaseRate => "market.organic_purchase_rate",
            },
            Field::Channel(i, f) => {
                let name = match f {
                    C::Share => "share",
                    C::Cpm => "cpm",
                    C::AwarenessPerImpression => "awareness_per_impression",
                    C::ReachCap => "reach_cap",
                    C::Carryover => "carryover",
                    C::EngagementRate => "engagement_rate",
                    C::LeadRate => "lead_rate",
                    C::PurchaseRate => "purchase_rate",
                };
                return format!("channels[{i}].{name}");
            }
            Field::Sales(f) => match f {
                S::Reps => "sales.reps",
                S::LeadsPerRepPerWeek => "sales.leads_per_rep_per_week",
                S::CostPerRepPerWeek => "sales.cost_per_rep_per_week",
                S::QualificationRate => "sales.qualification_rate",
                S::OpportunityRate => "sales.opportunity_rate",
                S::WinRate => "sales.win_rate",
                S::CycleWeeks => "sales.cycle_weeks",
                S::PipelineStages => "sales.pipeline_stages",
                S::LeadDecay => "sales.lead_decay",
            },
            Field::Revenue(f) => match f {
                R::DealValue => "revenue.deal_value",
                R::DealValueCv => "revenue.deal_value_cv",
                R::OrderValue => "revenue.order_value",
                R::RecurringPerWeek => "revenue.recurring_per_week",
                R::GrossMargin => "revenue.gross_margin",
                R::ChurnRate => "revenue.churn_rate",
            },
        };
        tail.into()
    }

    /// The label a person reads (channel fields name their channel).
    pub fn label(self, scenario: &Scenario) -> String {
        use ChannelField as C;
        use MarketField as M;
        use RevenueField as R;
        use SalesField as S;
        let text = match self {
            Field::BudgetPerWeek => "Budget per week",
            Field::Weeks => "Horizon",
            Field::Runs => "Runs",
            Field::Seed => "Seed",
            Field::Market(f) => match f {
                M::Size => "Market size",
                M::WordOfMouth => "Word of mouth",
                M::ForgetRate => "Forgetting per week",
                M::InitiallyAware => "Aware at the start",
                M::InitialCustomers => "Customers at the start",
                M::OrganicEngagementRate => "Organic visits per week",
                M::OrganicLeadRate => "Organic visit → lead",
                M::OrganicPurchaseRate => "Organic visit → purchase",
            },
            Field::Channel(i, f) => {
                let name = scenario.channels.get(i).map_or("Channel", |c| c.name.as_str());
                let what = match f {
                    C::Share => "share",
                    C::Cpm => "CPM (cost per 1,000 impressions)",
                    C::AwarenessPerImpression => "awareness per impression",
                    C::ReachCap => "reach cap",
                    C::Carryover => "carryover",
                    C::EngagementRate => "visits per week (engagement)",
                    C::LeadRate => "visit → lead",
                    C::PurchaseRate => "visit → purchase",
                };
                return format!("{name} {what}");
            }
            Field::Sales(f) => match f {
                S::Reps => "Sales reps",
                S::LeadsPerRepPerWeek => "Leads a rep works per week",
                S::CostPerRepPerWeek => "Cost per rep per week",
                S::QualificationRate => "MQL → SQL (qualification)",
                S::OpportunityRate => "SQL → opportunity",
                S::WinRate => "Win rate",
                S::CycleWeeks => "Sales cycle",
                S::PipelineStages => "Pipeline stages",
                S::LeadDecay => "Lead decay per week",
            },
            Field::Revenue(f) => match f {
                R::DealValue => "Deal value",
                R::DealValueCv => "Deal value spread (CV)",
                R::OrderValue => "Online order value",
                R::RecurringPerWeek => "Recurring revenue per customer per week",
                R::GrossMargin => "Gross margin",
                R::ChurnRate => "Churn per week",
            },
        };
        text.into()
    }

    /// The value in the engine's units (rates as fractions), `None` for a
    /// missing channel.
    pub fn model_value(self, s: &Scenario) -> Option<f64> {
        self.slot(s)
    }

    /// The field's current value in shown units (`None` for a missing channel).
    pub fn get(self, s: &Scenario) -> Option<f64> {
        let unit = self.spec().unit;
        self.slot(s).map(|v| unit.show(v))
    }

    /// Sets the field from a shown-unit value (ignored for a missing channel).
    pub fn set(self, s: &mut Scenario, shown: f64) {
        let unit = self.spec().unit;
        match self {
            Field::Weeks => s.weeks = shown as u32,
            Field::Runs => s.simulation.runs = shown as u32,
            Field::Seed => s.simulation.seed = shown as u64,
            _ => {
                if let Some(slot) = self.slot_mut(s) {
                    *slot = unit.model(shown);
                }
            }
        }
    }

    fn slot(self, s: &Scenario) -> Option<f64> {
        match self {
            Field::Weeks => Some(f64::from(s.weeks)),
            Field::Runs => Some(f64::from(s.simulation.runs)),
            Field::Seed => Some(s.simulation.seed as f64),
            _ => slot!(self, s,).copied(),
        }
    }

    fn slot_mut(self, s: &mut Scenario) -> Option<&mut f64> {
        slot!(self, s, mut)
    }
}
