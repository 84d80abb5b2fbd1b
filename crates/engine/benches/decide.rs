//! Timings of the decision tools on the 8-channel preset (expected mode,
//! 52 weeks): the optimiser with shares only and with budget and reps
//! free, goal seek and sensitivity. Prints the median of several repeats
//! and the expected-mode runs each used; no pass/fail.
//!
//! Run with `cargo bench --bench decide`.

use std::time::{Duration, Instant};

use funnel_engine::decide::{self, GoalSpec, GoalTarget, Objective, OptimiseSpec, Range, Vary};
use funnel_engine::{Kpi, Mode, presets};

fn time<T, F: FnMut() -> T>(repeats: usize, mut f: F) -> (Duration, T) {
    let mut last = None;
    let mut times: Vec<Duration> = (0..repeats.max(1))
        .map(|_| {
            let t = Instant::now();
            last = Some(std::hint::black_box(f()));
            t.elapsed()
        })
        .collect();
    times.sort();
    (times[times.len() / 2], last.unwrap_or_else(|| unreachable!()))
}

fn main() {
    let mut eight = presets::eight_channel_benchmark();
    eight.simulation.mode = Mode::Expected;
    let r = repeats(7);
    println!("Decision tools, 8-channel preset, 52 weeks (expected mode)");
    let shares = OptimiseSpec::new(Objective::NewCustomers);
    let (t, o) = time(r, || decide::optimise(&eight, &shares));
    report("optimise, shares only (new customers)", t, o.as_ref().map(|o| o.evaluations).ok());
    let gp = OptimiseSpec::new(Objective::GrossProfit);
    let (t, o) = time(r, || decide::optimise(&eight, &gp));
    report("optimise, shares only (gross profit)", t, o.as_ref().map(|o| o.evaluations).ok());
    let free = OptimiseSpec {
        budget: Some(Range { min: 5_000.0, max: 60_000.0 }),
        reps: Some(Range { min: 2.0, max: 14.0 }),
        ..OptimiseSpec::new(Objective::GrossProfit)
    };
    let (t, o) = time(repeats(3), || decide::optimise(&eight, &free));
    report("optimise, budget + reps free (gross profit)", t, o.as_ref().map(|o| o.evaluations).ok());
    let goal = GoalSpec {
        vary: Vary { budget: true, reps: true, mix: false },
        ..GoalSpec::new(GoalTarget::NewCustomers(60.0))
    };
    let (t, g) = time(r, || decide::goal_seek(&eight, &goal));
    report("goal seek, 60 customers, budget + reps", t, g.as_ref().map(|g| g.evaluations).ok());
    let (t, _) = time(r, || decide::sensitivity(&eight, Kpi::NewCustomers, 0.2));
    report("sensitivity, new customers, ±20 %", t, None);
}

fn report(name: &str, t: Duration, evals: Option<usize>) {
    let evals = evals.map_or(String::new(), |e| format!("   {e:>6} expected runs"));
    println!("{name:<46} median {:>9.2} ms{evals}", t.as_secs_f64() * 1e3);
}

/// Repeats per case; `FUNNEL_BENCH_REPEATS` overrides.
fn repeats(default: usize) -> usize {
    std::env::var("FUNNEL_BENCH_REPEATS").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}
