//! Funnel Lab: a week-by-week simulation of a target market flowing
//! through a marketing-to-sales funnel.
//!
//! - [`engine`]: the model, pure Rust, tested natively;
//! - [`compare`]: statistics comparing two scenarios' results (A vs B);
//! - [`format`]: numbers formatted for people;
//! - [`mix`]: the channel-share bookkeeping behind the app's mix sliders;
//! - [`report`]: results as JSON and CSV;
//! - [`link`]: scenarios as links (the address fragment `#s=…`);
//! - [`saved`]: the autosave and named saved scenarios kept in the browser;
//! - `cli` (native only): the `funnel-lab` command line;
//! - `app` (wasm32 only): the Yew web app and its charts.

pub mod compare;
pub mod engine;
pub mod format;
pub mod link;
pub mod mix;
pub mod report;
pub mod saved;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod charts;
