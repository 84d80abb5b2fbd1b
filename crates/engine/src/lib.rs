//! The funnel engine: MODEL.md as pure Rust, and everything else about
//! Funnel Lab that is not the browser. Nothing here knows about yew, web-sys
//! or plotters, so it builds and tests natively; the web app, its Web
//! Workers and the command line all call it.
//!
//! - [`scenario`]: the JSON v1 scenario types and parsing;
//! - [`baseline`]: the frozen version-1 baseline that fills what files and
//!   links leave out;
//! - [`validation`]: the rules a scenario must satisfy;
//! - [`presets`]: built-in, sourced scenarios;
//! - [`calibration`]: the preset check — each preset's headline figures
//!   against the ranges public sources give;
//! - [`model`]: one week of the stock-and-flow model, for both modes;
//! - [`pipeline`]: open opportunities through the sales stages;
//! - [`plan`]: plans over time (format version 2): phases, hiring with
//!   ramp-up, quotas;
//! - [`sampler`]: expected values or seeded random draws;
//! - [`metrics`]: the weekly numbers and a run's table of them;
//! - [`kpi`]: horizon KPIs;
//! - [`simulate`]: expected and Monte Carlo runs and their summaries;
//! - [`chunks`]: Monte Carlo in fixed chunks of runs, merged in a fixed
//!   order (threads, Web Workers), and their wire format;
//! - [`stats`]: means, percentiles, histograms;
//! - [`response`]: spend → reach response curves;
//! - [`fields`]: the one table of editable fields (label, unit, owner, valid
//!   and slider ranges, parsing) that validation messages and controls share;
//! - [`mix`]: channel-share rescaling with locks;
//! - [`link`]: scenarios as URL-safe links;
//! - [`saved`]: autosave and saved-scenario storage formats;
//! - [`compare`]: A-vs-B statistics over paired Monte Carlo runs;
//! - [`decide`]: decision tools — the budget/mix optimiser, goal seek with
//!   the reverse funnel, and sensitivity (tornado);
//! - [`report`]: results as JSON and CSV;
//! - [`format`]: numbers for people (1.2k, $48,300, 21 %);
//! - [`learn`]: learn mode — team ownership, the glossary, lessons with
//!   model-checked predictions, goals and debriefs.

pub mod baseline;
pub mod calibration;
pub mod chunks;
pub mod compare;
pub mod decide;
pub mod fields;
pub mod format;
pub mod kpi;
pub mod learn;
pub mod link;
pub mod metrics;
pub mod mix;
pub mod model;
pub mod pipeline;
pub mod plan;
pub mod presets;
pub mod report;
pub mod response;
pub mod sampler;
pub mod saved;
pub mod scenario;
pub mod simulate;
pub mod stats;
pub mod validation;

pub use kpi::{Kpi, Kpis, SourceKpi};
pub use metrics::{Metric, Trace};
pub use scenario::{Mode, Scenario};
pub use simulate::{McOutcome, MonteCarlo, Outcome};
pub use validation::{FieldError, ScenarioError};
