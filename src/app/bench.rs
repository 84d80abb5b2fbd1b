//! Hooks for the browser benchmark (`bench/browser.mjs`): Trunk puts the
//! app's wasm-bindgen exports on `window.wasmBindings`, so the benchmark can
//! time the engine's Monte Carlo and decision tools in wasm without the UI.

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

/// Times the decision tools on the 8-channel preset in the page's wasm
/// (built for size; the Plan pane runs them on a worker built for speed):
/// `[optimise shares, goal seek 60 customers, sensitivity]` in milliseconds.
#[wasm_bindgen]
pub fn bench_decide_8_channels() -> Vec<f64> {
    use funnel_engine::decide::{self, GoalSpec, GoalTarget, Objective, OptimiseSpec, Vary};
    let Some(scenario) = presets::find("eight-channels").map(|p| (p.build)()) else { return Vec::new() };
    let time = |f: &dyn Fn()| {
        let start = now_ms();
        f();
        now_ms() - start
    };
    let optimise = time(&|| {
        std::hint::black_box(decide::optimise(&scenario, &OptimiseSpec::new(Objective::NewCustomers)).ok());
    });
    let mut goal = GoalSpec::new(GoalTarget::NewCustomers(60.0));
    goal.vary = Vary { budget: true, reps: true, mix: false };
    let goal = time(&|| {
        std::hint::black_box(decide::goal_seek(&scenario, &goal).ok());
    });
    let sensitivity = time(&|| {
        std::hint::black_box(decide::sensitivity(&scenario, funnel_engine::Kpi::NewCustomers, 0.2).ok());
    });
    vec![optimise, goal, sensitivity]
}
