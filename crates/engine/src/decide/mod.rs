//! Decision tools over the expected-mode model: the budget/mix
//! [`optimise`]r, [`goal`] seek (the cheapest plan that reaches a target
//! by a given week, beside the classic [`reverse_funnel`] arithmetic) and
//! [`sensitivity`] (a tornado of every editable assumption).
//!
//! Everything here is pure and deterministic: searches run the exact
//! expected mode ([`crate::simulate::expected`]); Monte Carlo is only used
//! to report how sure an answer is ([`optimise::monte_carlo_compare`]).
//! Every result type is `Serialize`, so the command line prints it as JSON
//! and the web app can show it. `docs/decision-tools.md` explains the
//! methods and every report field.

pub mod flighting;
pub mod goal;
pub mod hiring;
pub mod optimise;
pub mod request;
pub mod reverse_funnel;
pub mod sensitivity;

mod search;

use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize};

use crate::kpi::{Kpi, Kpis};
use crate::validation::ScenarioError;

pub use flighting::{FlightOutcome, Flighted, FlightingSpec, Gain, PeriodBinding, PeriodReport, flighting};
pub use goal::{GoalResult, GoalSpec, GoalTarget, Vary, goal_seek};
pub use hiring::{RepStart, rep_start_week};
#[cfg(not(target_arch = "wasm32"))]
pub use optimise::monte_carlo_compare;
pub use optimise::{
    Binding, BoundKind, ChannelBound, ChannelReport, EfficiencyStatus, EfficiencyTarget, McComparison, Objective,
    OptimiseSpec, Optimised, WiderBounds, compare_outcomes, optimise,
};
pub use reverse_funnel::{ReverseFunnel, reverse_funnel};
pub use sensitivity::{DEFAULT_DELTA, SensitivityRow, sensitivity};

/// Why a decision tool could not run; every message names the channel,
/// field or range at fault.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum DecideError {
    /// The scenario itself is invalid.
    #[error("{0}")]
    Scenario(#[from] ScenarioError),
    /// A bound names a channel the scenario does not have.
    #[error("unknown channel {name:?} (channels: {known})")]
    UnknownChannel {
        /// The name given.
        name: String,
        /// The scenario's channel names, comma-separated.
        known: String,
    },
    /// The bounds (or a range) leave no plan to choose from.
    #[error("infeasible: {message}")]
    Infeasible {
        /// What is wrong, naming the channels.
        message: String,
        /// The channels involved.
        channels: Vec<String>,
    },
    /// A setting is out of its allowed range.
    #[error("{0}")]
    Invalid(String),
}

/// A range `min..=max` of a decision variable.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Range {
    /// Smallest value.
    pub min: f64,
    /// Largest value.
    pub max: f64,
}

impl Range {
    /// A range; `min > max` or a non-finite end is an error naming `what`.
    pub fn new(what: &str, min: f64, max: f64) -> Result<Range, DecideError> {
        if !min.is_finite() || !max.is_finite() {
            return Err(DecideError::Invalid(format!("{what}: range ends must be finite numbers")));
        }
        if min > max {
            return Err(DecideError::Invalid(format!("{what}: MIN {min} is above MAX {max}")));
        }
        Ok(Range { min, max })
    }
}

/// Every KPI of one expected run by name, `null` where it is none; it
/// serialises as a JSON object in [`Kpi::ALL`] order.
#[derive(Clone, Debug, PartialEq)]
pub struct KpiValues(pub Vec<Option<f64>>);

impl KpiValues {
    /// The values of `kpis`.
    pub fn of(kpis: &Kpis) -> KpiValues {
        KpiValues(Kpi::ALL.iter().map(|&k| kpis.get(k)).collect())
    }
    /// One KPI.
    pub fn get(&self, kpi: Kpi) -> Option<f64> {
        self.0.get(kpi.index()).copied().flatten()
    }
}

/// Reads the name → value object [`KpiValues`] writes; KPIs it leaves out
/// (or does not know) are none.
impl<'de> Deserialize<'de> for KpiValues {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let map = std::collections::BTreeMap::<String, Option<f64>>::deserialize(deserializer)?;
        Ok(KpiValues(Kpi::ALL.iter().map(|k| map.get(k.name()).copied().flatten()).collect()))
    }
}

impl Serialize for KpiValues {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(Kpi::COUNT))?;
        for &k in Kpi::ALL {
            map.serialize_entry(k.name(), &self.get(k))?;
        }
        map.end()
    }
}

/// The KPI called `name` (as in JSON output: `new_customers`, `cac`…).
pub fn kpi_by_name(name: &str) -> Option<Kpi> {
    Kpi::ALL.iter().copied().find(|k| k.name() == name)
}

/// Reads a [`Kpi`] by its name.
pub(crate) fn deserialize_kpi<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Kpi, D::Error> {
    let name = String::deserialize(deserializer)?;
    kpi_by_name(&name).ok_or_else(|| serde::de::Error::custom(format!("unknown KPI {name:?}")))
}

/// Serialises a [`Kpi`] by its name.
pub(crate) fn serialize_kpi<S: serde::Serializer>(kpi: &Kpi, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(kpi.name())
}
