//! Hooks for the browser benchmark (`bench/browser.mjs`): Trunk puts the
//! app's wasm-bindgen exports on `window.wasmBindings`, so the benchmark can
//! time the engine's Monte Carlo in wasm without the UI's slicing.

use wasm_bindgen::prelude::wasm_bindgen;

use super::browser::now_ms;
use funnel_engine::{MonteCarlo, presets};

/// Runs 1,000 Monte Carlo runs × 52 weeks of the 8-channel benchmark preset
/// to completion and returns the elapsed milliseconds. Blocks the page while
/// it runs: for the benchmark only, the app never calls it.
#[wasm_bindgen]
pub fn bench_monte_carlo_8_channels() -> f64 {
    let scenario = presets::eight_channel_benchmark();
    let start = now_ms();
    let mut job = MonteCarlo::new(&scenario);
    while !job.advance(scenario.simulation.runs as usize) {}
    std::hint::black_box(job.finish());
    now_ms() - start
}
