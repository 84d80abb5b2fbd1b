//! The funnel engine: MODEL.md as pure Rust. Nothing here knows about the
//! browser (no yew, web-sys or plotters), so it builds and tests natively.
//!
//! - [`scenario`]: the JSON v1 scenario types and parsing;
//! - [`validation`]: the rules a scenario must satisfy;
//! - [`presets`]: built-in, sourced scenarios;
//! - [`model`]: one week of the stock-and-flow model, for both modes;
//! - [`sampler`]: expected values or seeded random draws;
//! - [`metrics`]: the weekly numbers and a run's table of them;
//! - [`kpi`]: horizon KPIs;
//! - [`simulate`]: expected and Monte Carlo runs and their summaries;
//! - [`stats`]: means, percentiles, histograms;
//! - [`response`]: spend → reach response curves;

pub mod kpi;
pub mod metrics;
pub mod model;
pub mod presets;
pub mod response;
pub mod sampler;
pub mod scenario;
pub mod simulate;
pub mod stats;
pub mod validation;

pub use kpi::{Kpi, Kpis, SourceKpi};
pub use metrics::{Metric, Trace};
pub use scenario::{Mode, Scenario};
pub use simulate::{McOutcome, MonteCarlo, Outcome};
pub use validation::{FieldError, ScenarioError};
