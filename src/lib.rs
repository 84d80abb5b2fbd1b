//! Funnel Lab's web app: the Yew components ([`app`]) and the plotters
//! charts ([`charts`]), wasm32 only. The model, KPIs, scenarios, links and
//! reports live in the pure [`funnel_engine`] crate (`crates/engine`), the
//! command line in `crates/cli`.

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod charts;
