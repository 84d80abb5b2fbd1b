//! The scenario: every assumption a simulation needs, as the JSON v1 file
//! format of `MODEL.md` (serde types), plus parsing that names the field
//! at fault. Rules on the values live in [`crate::validation`].

use serde::{Deserialize, Serialize};

use crate::validation::{self, ScenarioError};

/// The only scenario file version this build reads and writes.
pub const SCENARIO_VERSION: u32 = 1;

/// A whole scenario: market, budget, channels, sales team, revenue and
/// simulation settings. Missing sections or fields take the value of the
/// frozen version-1 baseline ([`crate::baseline`]); unknown fields are
/// rejected (a typo must not silently fall back to a default).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// File format version; must be [`SCENARIO_VERSION`].
    pub version: u32,
    /// A human name for the scenario (shown as text, never as markup).
    #[serde(default)]
    pub name: String,
    /// Horizon in weeks, 1..=520.
    #[serde(default = "default_weeks")]
    pub weeks: u32,
    /// The target market.
    #[serde(default)]
    pub market: Market,
    /// Marketing budget.
    #[serde(default)]
    pub budget: Budget,
    /// Paid channels (at most 16); their shares sum to 1.
    #[serde(default)]
    pub channels: Vec<Channel>,
    /// The sales team.
    #[serde(default)]
    pub sales: Sales,
    /// Money per customer and retention.
    #[serde(default)]
    pub revenue: Revenue,
    /// Which engine runs, and its Monte Carlo settings.
    #[serde(default)]
    pub simulation: Simulation,
}

fn default_weeks() -> u32 {
    52
}

/// The target market and what happens in it without paid media.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Market {
    /// People (or accounts) in the target market, a whole number in 1..=1e10.
    pub size: f64,
    /// Share of the market already aware at week 0 (organic source).
    pub initially_aware: f64,
    /// Customers at week 0 (organic source).
    pub initial_customers: f64,
    /// Weekly probability that an aware person forgets the brand.
    pub forget_rate: f64,
    /// Word of mouth: weekly awareness hazard per unit share of customers.
    pub word_of_mouth: f64,
    /// Weekly visit probability of organically aware people.
    pub organic_engagement_rate: f64,
    /// Visit → lead conversion of organic visitors.
    pub organic_lead_rate: f64,
    /// Visit → online purchase conversion of organic visitors.
    pub organic_purchase_rate: f64,
}

/// The marketing budget.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Budget {
    /// Media spend per week, in currency units.
    pub per_week: f64,
}

/// One paid marketing channel and its response assumptions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Channel {
    /// Display name (also the key of its results).
    pub name: String,
    /// Share of the weekly budget, in [0, 1].
    pub share: f64,
    /// Cost per thousand impressions, > 0.
    pub cpm: f64,
    /// Probability that one impression makes its viewer aware.
    pub awareness_per_impression: f64,
    /// The largest share of the market this channel can ever reach, in (0, 1].
    pub reach_cap: f64,
    /// Geometric adstock carryover θ, in [0, 1].
    pub carryover: f64,
    /// Weekly visit probability of people this channel made aware.
    pub engagement_rate: f64,
    /// Visit → lead (form fill) conversion.
    pub lead_rate: f64,
    /// Visit → online purchase conversion (self-serve path).
    pub purchase_rate: f64,
}

/// The sales team that works the lead queue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Sales {
    /// Number of reps (0 = no sales team).
    pub reps: f64,
    /// Leads one rep can work per week.
    pub leads_per_rep_per_week: f64,
    /// Fully loaded cost of one rep per week.
    pub cost_per_rep_per_week: f64,
    /// Worked lead → sales-qualified lead (MQL → SQL).
    pub qualification_rate: f64,
    /// SQL → opportunity.
    pub opportunity_rate: f64,
    /// Weekly share of unworked leads that go cold.
    pub lead_decay: f64,
    /// Mean weeks from opportunity to decision, ≥ 1 and ≥ `pipeline_stages`.
    pub cycle_weeks: f64,
    /// Share of decided opportunities that are won (close rate).
    pub win_rate: f64,
    /// Stages an open opportunity passes through before its decision
    /// (discovery, demo, proposal, negotiation…): a whole number in 1..=12.
    /// One stage is the memoryless cycle; more make early closes rare.
    #[serde(default = "one_stage")]
    pub pipeline_stages: f64,
}

fn one_stage() -> f64 {
    1.0
}

/// Money per customer, margin and retention.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Revenue {
    /// Value of one won sales deal.
    pub deal_value: f64,
    /// Coefficient of variation of deal values (Monte Carlo only).
    pub deal_value_cv: f64,
    /// Value of one online purchase.
    pub order_value: f64,
    /// Recurring revenue per active customer per week.
    pub recurring_per_week: f64,
    /// Gross margin on revenue, in [0, 1].
    pub gross_margin: f64,
    /// Weekly probability that a customer churns.
    pub churn_rate: f64,
}

/// Which engine runs the scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Mode {
    /// Every flow is its expected value.
    Expected,
    /// Every flow is a random draw; `runs` runs are summarised.
    MonteCarlo,
}

/// Simulation settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Simulation {
    /// Expected or Monte Carlo.
    pub mode: Mode,
    /// Monte Carlo runs, 1..=100000.
    pub runs: u32,
    /// Seed of the pseudo-random generator.
    pub seed: u64,
}

/// The frozen format-version-1 baseline ([`crate::baseline::v1`]): what a
/// v1 file or link leaves out. It never changes, so old files and links
/// keep their meaning; it is not the scenario the app starts from (that is
/// [`crate::presets::default_scenario`], which may be recalibrated).
impl Default for Scenario {
    fn default() -> Self {
        crate::baseline::v1()
    }
}
impl Default for Market {
    fn default() -> Self {
        Scenario::default().market
    }
}
impl Default for Budget {
    fn default() -> Self {
        Scenario::default().budget
    }
}
impl Default for Sales {
    fn default() -> Self {
        Scenario::default().sales
    }
}
impl Default for Revenue {
    fn default() -> Self {
        Scenario::default().revenue
    }
}
impl Default for Simulation {
    fn default() -> Self {
        Simulation { mode: Mode::Expected, runs: 1000, seed: 42 }
    }
}
impl Default for Channel {
    /// A neutral channel (used for fields a file leaves out).
    fn default() -> Self {
        Channel {
            name: "Channel".into(),
            share: 0.0,
            cpm: 10.0,
            awareness_per_impression: 0.01,
            reach_cap: 0.5,
            carryover: 0.2,
            engagement_rate: 0.05,
            lead_rate: 0.02,
            purchase_rate: 0.0,
        }
    }
}

impl Scenario {
    /// Parses a JSON v1 scenario and validates it. Every problem found is
    /// returned, each naming its field path.
    pub fn from_json(text: &str) -> Result<Scenario, ScenarioError> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| ScenarioError::syntax(e.to_string()))?;
        let object =
            value.as_object().ok_or_else(|| ScenarioError::syntax("a scenario must be a JSON object".into()))?;
        match object.get("version") {
            None => return Err(ScenarioError::field("version", "is missing (expected 1)")),
            Some(v) if v.as_u64() != Some(u64::from(SCENARIO_VERSION)) => {
                return Err(ScenarioError::field(
                    "version",
                    format!("{v} is not supported (this build reads version {SCENARIO_VERSION})"),
                ));
            }
            Some(_) => {}
        }
        // serde would also read a section from a JSON array (`"budget": []`
        // as the default budget): sections must be objects.
        for section in ["market", "budget", "sales", "revenue", "simulation"] {
            if object.get(section).is_some_and(|v| !v.is_object()) {
                return Err(ScenarioError::field(section, "must be a JSON object { … }"));
            }
        }
        if let Some(i) =
            object.get("channels").and_then(|c| c.as_array()).and_then(|list| list.iter().position(|c| !c.is_object()))
        {
            return Err(ScenarioError::field(&format!("channels[{i}]"), "must be a JSON object { … }"));
        }
        let scenario: Scenario = serde_path_to_error::deserialize(value).map_err(|e| {
            let path = e.path().to_string();
            let field = if path == "." { "scenario" } else { &path };
            ScenarioError::field(field, format!("is invalid: {}", e.inner()))
        })?;
        scenario.validate()?;
        Ok(scenario)
    }

    /// Serialises the scenario as pretty JSON v1.
    pub fn to_json(&self) -> String {
        // Serialising plain structs of numbers and strings cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Checks every rule of the format; see [`validation`].
    pub fn validate(&self) -> Result<(), ScenarioError> {
        validation::validate(self)
    }

    /// Number of result sources: the channels plus `organic`.
    pub fn source_count(&self) -> usize {
        self.channels.len() + 1
    }

    /// Name of source `s` (channels in order, then `organic`).
    pub fn source_name(&self, s: usize) -> &str {
        self.channels.get(s).map_or(ORGANIC, |c| c.name.as_str())
    }
}

/// The name of the word-of-mouth / pre-existing awareness source.
pub const ORGANIC: &str = "organic";
