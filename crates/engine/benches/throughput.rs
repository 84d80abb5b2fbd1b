//! Monte Carlo throughput of the engine alone (no process start-up, no
//! output): 1,000 runs × 52 weeks for the spec's example scenario
//! (2 channels + organic) and for the 8-channel preset, on one thread and on
//! every thread. Prints the median and fastest of several repeats; no
//! pass/fail. The whole command line against the numpy peer is
//! bench/native.py.
//!
//! Run with `cargo bench --bench throughput`.

use std::time::{Duration, Instant};

use funnel_engine::chunks::{McPlan, SampleRows, run_parallel};
use funnel_engine::{Mode, Scenario, simulate};

fn spec_example() -> Scenario {
    let text = include_str!("../tests/data/spec_example.json");
    Scenario::from_json(text).unwrap_or_else(|e| panic!("spec example: {e}"))
}

fn time<F: FnMut()>(repeats: usize, mut f: F) -> (Duration, Duration) {
    let mut times: Vec<Duration> = (0..repeats)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    (times[times.len() / 2], times[0])
}

fn main() {
    let mut example = spec_example();
    example.simulation.mode = Mode::MonteCarlo;
    example.simulation.runs = 1000;
    let eight = funnel_engine::presets::eight_channel_benchmark();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("Monte Carlo, 1,000 runs × 52 weeks (engine only)");
    for (name, scenario) in [("spec example (2 channels)", &example), ("8 channels", &eight)] {
        let plan = McPlan::new(scenario, SampleRows::All);
        for t in [1, threads] {
            let (median, best) = time(repeats(15), || {
                std::hint::black_box(run_parallel(&plan, t));
            });
            println!(
                "{name:<28} {t:>2} thread{} median {:>7.2} ms   best {:>7.2} ms",
                if t == 1 { " " } else { "s" },
                median.as_secs_f64() * 1e3,
                best.as_secs_f64() * 1e3
            );
        }
    }
    let (median, _) = time(repeats(50), || {
        std::hint::black_box(simulate::expected(&eight));
    });
    println!("{:<28} median {:>7.3} ms", "expected mode, 8 channels", median.as_secs_f64() * 1e3);
}

/// Repeats per case; `FUNNEL_BENCH_REPEATS` overrides (e.g. 1 under a profiler).
fn repeats(default: usize) -> usize {
    std::env::var("FUNNEL_BENCH_REPEATS").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}
