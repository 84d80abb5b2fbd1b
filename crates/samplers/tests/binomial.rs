//! Statistical and edge-case tests of `Binomial`.

mod common;

use common::{Pmf, check_moments, chi_square, rng_for};
use funnel_samplers::{Binomial, INVERSION_MAX_MEAN, SMALL_MAX_TRIALS, ln_factorial};
use rand::{Rng, TryRng};
use std::convert::Infallible;

const DRAWS: usize = 30_000;

const NS: [u64; 10] = [1, 2, 5, 10, 30, 100, 1_000, 100_000, 10_000_000, 10_000_000_000];
const PS: [f64; 11] = [1e-9, 1e-6, 0.001, 0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.999, 1.0 - 1e-6];

/// ln P(X = k) from log-factorials, independent of the sampler's recurrences.
fn ln_pmf(n: u64, p: f64, k: u64) -> f64 {
    let (ln_p, ln_q) = if p <= 0.5 { (p.ln(), (-p).ln_1p()) } else { ((p - 1.0).ln_1p(), (1.0 - p).ln()) };
    ln_factorial(n as f64) - ln_factorial(k as f64) - ln_factorial((n - k) as f64)
        + k as f64 * ln_p
        + (n - k) as f64 * ln_q
}

/// Exact mean, variance and central fourth moment.
fn moments(n: u64, p: f64) -> (f64, f64, f64) {
    let nf = n as f64;
    let r = p.min(1.0 - p);
    let rq = r * (1.0 - r);
    let mean = if p <= 0.5 { nf * p } else { nf - nf * (1.0 - p) };
    let var = nf * rq;
    (mean, var, var * (1.0 + 3.0 * rq * (nf - 2.0)))
}

/// Samples one cell and returns a description of any failure.
fn check_cell(n: u64, p: f64, seed_tag: u64) -> Result<(), String> {
    check_sampler(&Binomial::new(p), n, p, seed_tag)
}

/// The same for a given (plain or tabulated) sampler of `p`.
fn check_sampler(b: &Binomial, n: u64, p: f64, seed_tag: u64) -> Result<(), String> {
    let mut rng = rng_for(seed_tag, n, p.to_bits());
    let samples: Vec<u64> = (0..DRAWS).map(|_| b.sample(&mut rng, n)).collect();
    if let Some(&bad) = samples.iter().find(|&&x| x > n) {
        return Err(format!("n={n} p={p}: value {bad} > n"));
    }
    let (mean, var, mu4) = moments(n, p);
    let sd = var.sqrt();
    let lo = (mean - 9.0 * sd - 20.0).max(0.0) as u64;
    let hi = ((mean + 9.0 * sd + 20.0) as u64).min(n);
    let pmf = Pmf::tabulate(lo, hi, |k| ln_pmf(n, p, k));
    let gof = chi_square(&samples, &pmf);
    if std::env::var_os("SAMPLERS_VERBOSE").is_some() {
        let (mass, ..) = pmf.moments();
        eprintln!("n={n:e} p={p:e}: df={} stat={:.1} limit={:.1} mass={mass}", gof.df, gof.stat, gof.limit);
    }
    if !gof.passed() {
        return Err(format!("n={n} p={p}: chi-square {gof:?}"));
    }
    check_moments(&samples, mean, var, mu4).map_err(|e| format!("n={n} p={p}: {e}"))
}

#[test]
fn goodness_of_fit_and_moments_over_grid() {
    let mut failures = Vec::new();
    let mut tested = 0;
    for &n in &NS {
        for &p in &PS {
            tested += 1;
            if let Err(e) = check_cell(n, p, 1) {
                failures.push(e);
            }
        }
    }
    assert_eq!(tested, 110);
    assert!(failures.is_empty(), "{} of {tested} cells failed:\n{}", failures.len(), failures.join("\n"));
}

/// The small-trials table: every n it covers (and the first it does not)
/// over the whole grid of p, against the exact pmf.
#[test]
fn small_table_goodness_of_fit_and_moments() {
    let mut failures = Vec::new();
    for &p in &PS {
        let b = Binomial::with_small_table(p);
        for n in (1..=SMALL_MAX_TRIALS + 1).filter(|n| [1, 2, 3, 5, 8, 13, 16, 17].contains(n)) {
            if let Err(e) = check_sampler(&b, n, p, 5) {
                failures.push(format!("table: {e}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The table can fail too: a table built for a slightly wrong p is rejected.
#[test]
fn small_table_goodness_of_fit_detects_a_wrong_parameter() {
    for &(n, p) in &[(16u64, 0.3f64), (10, 0.5)] {
        let wrong = Binomial::with_small_table(p * 1.05);
        assert!(check_sampler(&wrong, n, p, 6).is_err(), "n={n} p={p}: a 5 % error went unnoticed");
    }
}

/// Cells straddling the inversion/BTRD switch, for small and huge n and both
/// tails, so both methods are checked right where the other takes over.
#[test]
fn goodness_of_fit_around_the_crossover() {
    let c = INVERSION_MAX_MEAN;
    let mut failures = Vec::new();
    for &mean in &[c - 0.5, c - 1e-9, c, c + 1e-9, c + 0.5] {
        for &n in &[(2.0 * c) as u64 + 2, 1_000, 10_000_000_000] {
            let p = mean / n as f64;
            for p in [p, 1.0 - p] {
                if let Err(e) = check_cell(n, p, 2) {
                    failures.push(e);
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A chi-square test must be able to fail: a sampler for a slightly wrong p
/// (1% off, within BTRD and within inversion) is rejected.
#[test]
fn goodness_of_fit_detects_a_wrong_parameter() {
    for &(n, p) in &[(1_000u64, 0.005f64), (10_000, 0.3), (10_000_000_000, 0.5)] {
        let mut rng = rng_for(3, n, p.to_bits());
        let wrong = Binomial::new(p * 1.01);
        let samples: Vec<u64> = (0..200_000).map(|_| wrong.sample(&mut rng, n)).collect();
        let (mean, var, _) = moments(n, p);
        let sd = var.sqrt();
        let lo = (mean - 9.0 * sd - 20.0).max(0.0) as u64;
        let hi = ((mean + 9.0 * sd + 20.0) as u64).min(n);
        let gof = chi_square(&samples, &Pmf::tabulate(lo, hi, |k| ln_pmf(n, p, k)));
        assert!(!gof.passed(), "n={n} p={p}: wrong p not detected: {gof:?}");
    }
}

/// An RNG that must never be called.
struct NoRng;

impl TryRng for NoRng {
    type Error = Infallible;
    fn try_next_u32(&mut self) -> Result<u32, Infallible> {
        panic!("random number drawn")
    }
    fn try_next_u64(&mut self) -> Result<u64, Infallible> {
        panic!("random number drawn")
    }
    fn try_fill_bytes(&mut self, _: &mut [u8]) -> Result<(), Infallible> {
        panic!("random number drawn")
    }
}

#[test]
fn certain_outcomes_use_no_randomness() {
    let mut rng = NoRng;
    for &n in &[0u64, 1, 17, 10_000_000_000, u64::MAX] {
        assert_eq!(Binomial::new(0.0).sample(&mut rng, n), 0);
        assert_eq!(Binomial::new(1.0).sample(&mut rng, n), n);
    }
    for &p in &[1e-9, 0.3, 0.5, 0.9] {
        assert_eq!(Binomial::new(p).sample(&mut rng, 0), 0);
    }
}

#[test]
fn a_one_draw_sampler_draws_the_same_numbers() {
    // Inversion (which then computes ln(1 − r) itself), BTRD and the
    // flipped tail, from the same streams.
    for &p in &[1e-6, 0.01, 0.3, 0.5, 0.9, f64::NAN, 2.0] {
        for &n in &[1u64, 3, 40, 1_000, 10_000_000_000] {
            let (prepared, once) = (Binomial::new(p), Binomial::for_one_draw(p));
            assert_eq!(once.p(), prepared.p());
            let (mut a, mut b) = (rng_for(0x51, n, 7), rng_for(0x51, n, 7));
            for _ in 0..200 {
                assert_eq!(once.sample(&mut b, n), prepared.sample(&mut a, n), "n = {n}, p = {p}");
            }
        }
    }
}

#[test]
fn parameters_are_clamped() {
    let cases = [
        (-0.5, 0.0),
        (1.5, 1.0),
        (f64::NAN, 0.0),
        (f64::INFINITY, 1.0),
        (f64::NEG_INFINITY, 0.0),
        (-0.0, 0.0),
        (0.25, 0.25),
    ];
    for (given, clamped) in cases {
        let b = Binomial::new(given);
        assert_eq!(b.p(), clamped, "p = {given}");
        assert_eq!(b, Binomial::new(clamped));
    }
    let mut rng = NoRng;
    assert_eq!(Binomial::new(-3.0).sample(&mut rng, 99), 0);
    assert_eq!(Binomial::new(7.0).sample(&mut rng, 99), 99);
}

#[test]
fn extreme_trial_counts_stay_in_range() {
    let mut rng = rng_for(4, 0, 0);
    for &n in &[u64::MAX, u64::MAX - 1, 1 << 60, (1 << 53) + 1] {
        for &p in &[1e-300, 1e-19, 1e-12, 0.5, 1.0 - 1e-12] {
            let b = Binomial::new(p);
            for _ in 0..200 {
                assert!(b.sample(&mut rng, n) <= n);
            }
        }
    }
    // Cost must not grow with n: a mean of 1e9 still returns promptly, near it.
    let x = Binomial::new(0.1).sample(&mut rng, 10_000_000_000);
    assert!((x as f64 - 1e9).abs() < 1e6);
}

/// The sampler is generic over `?Sized` RNGs, e.g. trait objects.
#[test]
fn works_with_dyn_rng() {
    let mut rng = rng_for(5, 0, 0);
    let dyn_rng: &mut dyn Rng = &mut rng;
    let x = Binomial::new(0.5).sample(dyn_rng, 100);
    assert!(x <= 100);
}

/// Slow, optional: 4·10⁶ draws per cell where BTRD's hat is tightest (small
/// n·p·q) and at huge n, to expose a hat that fails to cover the pmf
/// somewhere by even a fraction of a percent. Run with
/// `cargo test --release --test binomial -- --ignored`.
#[test]
#[ignore]
fn large_sample_btrd() {
    let c = INVERSION_MAX_MEAN;
    for &(n, p) in &[
        ((2.0 * c) as u64 + 1, 0.5),
        (1_000_000, c / 1e6),
        (200, 0.2),
        (1_000, 0.05),
        (100_000, 0.3),
        (10_000_000_000, 0.5),
    ] {
        let mut rng = rng_for(9, n, p.to_bits());
        let b = Binomial::new(p);
        let samples: Vec<u64> = (0..4_000_000).map(|_| b.sample(&mut rng, n)).collect();
        let (mean, var, _) = moments(n, p);
        let sd = var.sqrt();
        let lo = (mean - 9.0 * sd - 20.0).max(0.0) as u64;
        let hi = ((mean + 9.0 * sd + 20.0) as u64).min(n);
        let gof = chi_square(&samples, &Pmf::tabulate(lo, hi, |k| ln_pmf(n, p, k)));
        eprintln!("n={n} p={p}: {gof:?}");
        assert!(gof.passed(), "n={n} p={p}: {gof:?}");
    }
}
