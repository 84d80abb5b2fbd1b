//! Funnel Lab: a week-by-week simulation of a target market flowing
//! through a marketing-to-sales funnel.
//!
//! - [`engine`]: the model, pure Rust, tested natively;
//! - [`format`]: numbers formatted for people;
//! - `app` (wasm32 only): the Yew web app and its charts.

pub mod engine;
pub mod format;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod charts;
