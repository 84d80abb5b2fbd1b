//! Nanoseconds per draw, timed with `std::time::Instant`.
//!
//! Run with `cargo bench --bench draws`. Set `TUNE=1` to also print the
//! per-mean / per-mode sweeps used to place the algorithm crossovers.

use funnel_samplers::{Binomial, SMALL_MAX_TRIALS, hypergeometric};
use rand::SeedableRng;
use rand_distr::Distribution;
use rand_xoshiro::Xoshiro256PlusPlus;
use std::hint::black_box;
use std::time::Instant;

/// Best of seven timings of `iters` calls, in ns per call (the minimum
/// filters out interference from other processes on a shared machine).
fn time<F: FnMut() -> u64>(iters: u64, mut f: F) -> f64 {
    let mut best = f64::INFINITY;
    for _ in 0..7 {
        let start = Instant::now();
        let mut acc = 0u64;
        for _ in 0..iters {
            acc = acc.wrapping_add(f());
        }
        black_box(acc);
        best = best.min(start.elapsed().as_nanos() as f64 / iters as f64);
    }
    best
}

fn main() {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(0x5eed);
    if std::env::var_os("TUNE_ONLY").is_some() {
        tune(&mut rng);
        return;
    }
    let iters = 300_000;

    println!("raw next_u64: {:.2} ns", time(iters, || rand::Rng::next_u64(&mut rng)));
    println!();
    println!("Binomial (ns/draw)");
    println!(
        "{:>8} {:>6} | {:>9} {:>9} {:>9} | {:>10} {:>10}",
        "n", "p", "new+smp", "cached", "table", "rd new+smp", "rd cached"
    );
    for &n in &[10u64, 1_000, 1_000_000, 10_000_000_000] {
        for &p in &[0.001, 0.05, 0.5] {
            let uncached = time(iters, || Binomial::new(black_box(p)).sample(&mut rng, black_box(n)));
            let b = Binomial::new(p);
            let cached = time(iters, || b.sample(&mut rng, black_box(n)));
            // The small-trials table (n ≤ SMALL_MAX_TRIALS only).
            let tabled = (n <= SMALL_MAX_TRIALS).then(|| {
                let t = Binomial::with_small_table(p);
                format!("{:.1}", time(iters, || t.sample(&mut rng, black_box(n))))
            });
            let rd_uncached =
                time(iters, || rand_distr::Binomial::new(black_box(n), black_box(p)).unwrap().sample(&mut rng));
            let rd = rand_distr::Binomial::new(n, p).unwrap();
            let rd_cached = time(iters, || rd.sample(&mut rng));
            println!(
                "{:>8.0e} {:>6} | {:>9.1} {:>9.1} {:>9} | {:>10.1} {:>10.1}",
                n as f64,
                p,
                uncached,
                cached,
                tabled.as_deref().unwrap_or("-"),
                rd_uncached,
                rd_cached
            );
        }
    }

    println!();
    println!("Hypergeometric (ns/draw)");
    println!("{:>24} | {:>8} | {:>10} {:>10}", "(population, marked, draws)", "ours", "rd new+smp", "rd cached");
    let cases: [(u64, u64, u64); 8] = [
        (100, 30, 5),
        (1_000, 500, 20),
        (10_000, 100, 1_000),
        (6_218, 6_063, 166),
        (1_000_000, 500_000, 1_000),
        (1_000_000, 500_000, 500_000),
        (10_000_000_000, 3_000_000_000, 100_000),
        (10_000_000_000, 5_000_000_000, 5_000_000_000),
    ];
    for &(total, marked, draws) in &cases {
        let ours = time(iters, || hypergeometric(&mut rng, black_box(total), black_box(marked), black_box(draws)));
        let rd_new = rand_distr::Hypergeometric::new(total, marked, draws);
        let (rd_uncached, rd_cached) = match rd_new {
            Ok(rd) => (
                format!(
                    "{:.1}",
                    time(iters, || {
                        rand_distr::Hypergeometric::new(black_box(total), marked, draws).unwrap().sample(&mut rng)
                    })
                ),
                format!("{:.1}", time(iters, || rd.sample(&mut rng))),
            ),
            Err(e) => (format!("Err({e:?})"), String::from("-")),
        };
        println!(
            "{:>28} | {:>8.1} | {:>10} {:>10}",
            format!("({total}, {marked}, {draws})"),
            ours,
            rd_uncached,
            rd_cached
        );
    }

    if std::env::var_os("TUNE").is_some() {
        tune(&mut rng);
    }
}

/// Sweeps across the crossovers with whatever thresholds are compiled in.
fn tune(rng: &mut Xoshiro256PlusPlus) {
    let iters = 200_000;
    println!();
    println!("Binomial by mean (n = 10^6 and n = 40·mean/… p ≤ ½), ns/draw");
    for &mean in &[1.0, 2.0, 3.0, 5.0, 8.0, 10.0, 12.0, 14.0, 16.0, 18.0, 20.0, 25.0, 30.0] {
        let n = 1_000_000u64;
        let b = Binomial::new(mean / n as f64);
        let big = time(iters, || b.sample(rng, black_box(n)));
        let n2 = (mean * 4.0) as u64;
        let b2 = Binomial::new(0.25);
        let small = time(iters, || b2.sample(rng, black_box(n2)));
        println!("mean {mean:>5}: n=1e6 {big:>6.1}   n={n2:<4} p=0.25 {small:>6.1}");
    }
    println!();
    println!("Hypergeometric corner by draws / mode, ns/draw");
    for &(total, marked, draws) in &[
        (1_000_000u64, 500_000u64, 8u64),
        (1_000_000, 500_000, 16),
        (1_000_000, 500_000, 24),
        (1_000_000, 500_000, 32),
        (1_000_000, 500_000, 48),
        (1_000_000, 1_000, 16),
        (1_000_000, 1_000, 24),
        (1_000_000, 1_000, 32),
        (1_000_000, 1_000, 48),
        (1_000_000, 1_000, 100),
        (1_000_000, 50_000, 200),
        (1_000_000, 100_000, 200),
        (1_000_000, 150_000, 200),
        (1_000_000, 200_000, 200),
        (1_000_000, 250_000, 200),
        (1_000_000, 50_000, 1_000),
        (10_000_000_000, 100_000_000, 2_000),
        (10_000_000_000, 500_000_000, 600),
        (10_000_000_000, 500_000_000, 1_000),
    ] {
        let mode = (draws + 1) * (marked + 1) / (total + 2);
        let t = time(iters, || hypergeometric(rng, total, marked, black_box(draws)));
        println!("N {total:>11} marked {marked:>9} draws {draws:>4} mode {mode:>3}: {t:>6.1}");
    }
}
