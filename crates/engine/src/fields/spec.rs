//! Units, allowed ranges and sliders of the editable fields, and turning a
//! person's text into a value with a message that names the field and the
//! allowed range ("Win rate must be between 0 % and 100 %").

use super::{ChannelField, Field, MarketField, RevenueField, SalesField};
use crate::Scenario;
use crate::validation::{MAX_MARKET_SIZE, MAX_MONEY, MAX_RUNS, MAX_WEEKS};

/// Cheapest accepted CPM: a cent per thousand impressions.
pub const MIN_CPM: f64 = 0.01;
/// Dearest accepted CPM.
pub const MAX_CPM: f64 = 1_000_000.0;
/// Smallest accepted reach cap: 0.1 % of the market.
pub const MIN_REACH_CAP: f64 = 0.001;

/// How a value is shown to people.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Dollars, `$` before the number.
    Money,
    /// A rate shown ×100 with ` %` after it.
    Percent,
    /// People or accounts.
    People,
    /// Leads.
    Leads,
    /// Weeks.
    Weeks,
    /// A bare number.
    Number,
}

impl Unit {
    /// Text before the number input (`$`).
    pub fn prefix(self) -> &'static str {
        if self == Unit::Money { "$" } else { "" }
    }
    /// Text after the number input.
    pub fn suffix(self) -> &'static str {
        match self {
            Unit::Percent => "%",
            Unit::People => "people",
            Unit::Leads => "leads",
            Unit::Weeks => "weeks",
            Unit::Money | Unit::Number => "",
        }
    }
    /// Model value → shown value.
    pub fn show(self, model: f64) -> f64 {
        if self == Unit::Percent { model * 100.0 } else { model }
    }
    /// Shown value → model value.
    pub fn model(self, shown: f64) -> f64 {
        if self == Unit::Percent { shown / 100.0 } else { shown }
    }
    /// A bound written for people: `$500`, `100 %`, `1M people`.
    pub fn bound(self, v: f64) -> String {
        let n = if v.abs() >= 1e6 { crate::format::count(v) } else { plain(v) };
        match self {
            Unit::Money => format!("${n}"),
            Unit::Percent => format!("{n} %"),
            Unit::Number => n,
            other => format!("{n} {}", other.suffix()),
        }
    }
}

/// How the slider maps to the value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scale {
    /// The slider position is the value.
    Linear,
    /// The slider position is ln(value): for values spanning decades (CPM, market size).
    Log,
}

/// Everything a control needs to show and check one field (shown units).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spec {
    /// The unit.
    pub unit: Unit,
    /// Smallest accepted value.
    pub min: f64,
    /// Largest accepted value.
    pub max: f64,
    /// Only whole numbers.
    pub whole: bool,
    /// Slider range and step (a comfortable part of `min..=max`).
    pub slider: (f64, f64, f64),
    /// Slider mapping.
    pub scale: Scale,
}

const fn spec(unit: Unit, min: f64, max: f64, slider: (f64, f64, f64)) -> Spec {
    Spec { unit, min, max, whole: false, slider, scale: Scale::Linear }
}
const fn whole(unit: Unit, min: f64, max: f64, slider: (f64, f64, f64)) -> Spec {
    Spec { unit, min, max, whole: true, slider, scale: Scale::Linear }
}
const fn log(unit: Unit, min: f64, max: f64, slider: (f64, f64), whole: bool) -> Spec {
    Spec { unit, min, max, whole, slider: (slider.0, slider.1, 0.0), scale: Scale::Log }
}
const fn pct(slider_max: f64, step: f64) -> Spec {
    spec(Unit::Percent, 0.0, 100.0, (0.0, slider_max, step))
}

impl Field {
    /// Units, ranges and slider of the field.
    pub fn spec(self) -> Spec {
        use ChannelField as C;
        use MarketField as M;
        use RevenueField as R;
        use SalesField as S;
        let weeks = f64::from(MAX_WEEKS);
        match self {
            Field::BudgetPerWeek => spec(Unit::Money, 0.0, MAX_MONEY, (0.0, 100_000.0, 500.0)),
            Field::Weeks => whole(Unit::Weeks, 1.0, weeks, (4.0, 156.0, 1.0)),
            Field::Runs => whole(Unit::Number, 1.0, f64::from(MAX_RUNS), (100.0, 10_000.0, 100.0)),
            // The seed is typed, not slid; u64 range is checked when parsing.
            Field::Seed => whole(Unit::Number, 0.0, u64::MAX as f64, (0.0, 1.0, 1.0)),
            Field::Market(f) => match f {
                M::Size => log(Unit::People, 1.0, MAX_MARKET_SIZE, (1_000.0, 100_000_000.0), true),
                M::WordOfMouth => spec(Unit::Number, 0.0, 100.0, (0.0, 0.1, 0.0005)),
                M::ForgetRate => pct(50.0, 0.5),
                M::InitiallyAware => pct(50.0, 0.5),
                M::InitialCustomers => whole(Unit::People, 0.0, MAX_MARKET_SIZE, (0.0, 10_000.0, 10.0)),
                M::OrganicEngagementRate => pct(50.0, 0.1),
                M::OrganicLeadRate => pct(50.0, 0.1),
                M::OrganicPurchaseRate => pct(20.0, 0.1),
            },
            Field::Channel(_, f) => match f {
                C::Share => pct(100.0, 1.0),
                C::Cpm => log(Unit::Money, MIN_CPM, MAX_CPM, (0.5, 5_000.0), false),
                C::AwarenessPerImpression => pct(60.0, 0.01),
                C::ReachCap => spec(Unit::Percent, MIN_REACH_CAP * 100.0, 100.0, (1.0, 100.0, 1.0)),
                C::Carryover => pct(95.0, 1.0),
                C::EngagementRate => pct(50.0, 0.1),
                C::LeadRate => pct(50.0, 0.1),
                C::PurchaseRate => pct(30.0, 0.1),
            },
            Field::Sales(f) => match f {
                S::Reps => whole(Unit::People, 0.0, 1_000_000.0, (0.0, 50.0, 1.0)),
                S::LeadsPerRepPerWeek => spec(Unit::Leads, 0.0, 1e9, (0.0, 200.0, 1.0)),
                S::CostPerRepPerWeek => spec(Unit::Money, 0.0, MAX_MONEY, (0.0, 10_000.0, 50.0)),
                S::QualificationRate | S::OpportunityRate | S::WinRate | S::LeadDecay => pct(100.0, 1.0),
                S::CycleWeeks => spec(Unit::Weeks, 1.0, weeks, (1.0, 52.0, 1.0)),
                S::PipelineStages => whole(Unit::Number, 1.0, 12.0, (1.0, 12.0, 1.0)),
            },
            Field::Revenue(f) => match f {
                R::DealValue => spec(Unit::Money, 0.0, MAX_MONEY, (0.0, 200_000.0, 500.0)),
                R::DealValueCv => spec(Unit::Percent, 0.0, 1000.0, (0.0, 300.0, 5.0)),
                R::OrderValue => spec(Unit::Money, 0.0, MAX_MONEY, (0.0, 2_000.0, 5.0)),
                R::RecurringPerWeek => spec(Unit::Money, 0.0, MAX_MONEY, (0.0, 1_000.0, 5.0)),
                R::GrossMargin => pct(100.0, 1.0),
                R::ChurnRate => pct(10.0, 0.05),
            },
        }
    }

    /// Reads a person's text as a shown-unit value, or says what is wrong
    /// ("Win rate must be between 0 % and 100 %").
    pub fn parse(self, text: &str, scenario: &Scenario) -> Result<f64, String> {
        let spec = self.spec();
        let label = self.label(scenario);
        let range = format!("between {} and {}", spec.unit.bound(spec.min), spec.unit.bound(spec.max));
        let kind = if spec.whole { "a whole number" } else { "a number" };
        let cleaned: String = text.chars().filter(|c| !matches!(c, ',' | '$' | '%' | ' ' | '_')).collect();
        if self == Field::Seed {
            // Seeds use the full u64 range, which f64 cannot hold exactly.
            return cleaned
                .parse::<u64>()
                .map(|v| v as f64)
                .map_err(|_| format!("{label} must be a whole number between 0 and {}", u64::MAX));
        }
        let value: f64 = match cleaned.parse::<f64>() {
            Ok(v) if v.is_finite() => v,
            _ if cleaned.is_empty() => return Err(format!("{label} is empty: enter {kind} {range}")),
            _ => return Err(format!("{label} must be {kind} {range}")),
        };
        if value < spec.min || value > spec.max {
            return Err(format!("{label} must be {range}"));
        }
        if spec.whole && value.fract() != 0.0 {
            return Err(format!("{label} must be a whole number {range}"));
        }
        Ok(value)
    }
}

impl Spec {
    /// The accepted range in the engine's units (rates as fractions), and
    /// whether only whole numbers are accepted: what validation checks.
    pub fn model_range(&self) -> (f64, f64, bool) {
        (self.unit.model(self.min), self.unit.model(self.max), self.whole)
    }

    /// Slider position of a shown value.
    pub fn to_slider(&self, v: f64) -> f64 {
        match self.scale {
            Scale::Linear => v,
            Scale::Log => v.max(self.slider.0).ln(),
        }
    }

    /// Shown value of a slider position (log sliders round to 3 significant digits).
    pub fn from_slider(&self, x: f64) -> f64 {
        match self.scale {
            Scale::Linear => x,
            Scale::Log => {
                let v = round_significant(x.exp(), 3);
                if self.whole { v.round() } else { v }
            }
        }
    }

    /// Slider bounds (`min`, `max`) in slider positions.
    pub fn slider_bounds(&self) -> (f64, f64) {
        (self.to_slider(self.slider.0), self.to_slider(self.slider.1))
    }

    /// The slider's `step` attribute.
    pub fn slider_step(&self) -> String {
        match self.scale {
            // 1 % of the value per step (ln units): fine enough to drag,
            // and arrow keys still move.
            Scale::Log => "0.01".into(),
            Scale::Linear => plain(self.slider.2),
        }
    }
}

/// A shown value as text for a number input: no exponent, at most 6
/// significant digits, no trailing zeros (`21`, `6.42`, `0.0073077`).
pub fn input_text(v: f64) -> String {
    if !v.is_finite() {
        return String::new();
    }
    plain(round_significant(v, 6))
}

/// Plain decimal text without trailing zeros.
fn plain(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        return format!("{v:.0}");
    }
    let text = format!("{v:.10}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" { "0".into() } else { text.into() }
}

fn round_significant(v: f64, digits: i32) -> f64 {
    if v == 0.0 || !v.is_finite() {
        return v;
    }
    let magnitude = v.abs().log10().floor() as i32;
    let factor = 10f64.powi(digits - 1 - magnitude);
    (v * factor).round() / factor
}
