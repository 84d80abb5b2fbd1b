//! Statistical, support and edge-case tests of `hypergeometric`.

mod common;

use common::{Pmf, check_moments, chi_square, rng_for};
use funnel_samplers::{HIN_MAX_MODE, URN_MAX_DRAWS, hypergeometric, ln_factorial, uniform_below};

const DRAWS: usize = 30_000;

fn ln_choose(n: u64, k: u64) -> f64 {
    ln_factorial(n as f64) - ln_factorial(k as f64) - ln_factorial((n - k) as f64)
}

fn support(total: u64, marked: u64, draws: u64) -> (u64, u64) {
    (draws.saturating_sub(total - marked), draws.min(marked))
}

/// Samples one cell and returns a description of any failure.
fn check_cell(total: u64, marked: u64, draws: u64, seed_tag: u64) -> Result<(), String> {
    let label = format!("({total}, {marked}, {draws})");
    let mut rng = rng_for(seed_tag, total ^ (marked << 20), draws);
    let samples: Vec<u64> = (0..DRAWS).map(|_| hypergeometric(&mut rng, total, marked, draws)).collect();
    let (lo_s, hi_s) = support(total, marked, draws);
    if let Some(&bad) = samples.iter().find(|&&x| x < lo_s || x > hi_s) {
        return Err(format!("{label}: value {bad} outside [{lo_s}, {hi_s}]"));
    }
    let (nf, kf, tf) = (draws as f64, marked as f64, total as f64);
    let mean = nf * kf / tf;
    let var = if total > 1 { mean * (1.0 - kf / tf) * (tf - nf) / (tf - 1.0) } else { 0.0 };
    let sd = var.sqrt();
    let lo = ((mean - 9.0 * sd - 20.0).max(0.0) as u64).max(lo_s);
    let hi = ((mean + 9.0 * sd + 20.0) as u64).min(hi_s);
    let ln_norm = ln_choose(total, draws);
    let pmf = Pmf::tabulate(lo, hi, |k| ln_choose(marked, k) + ln_choose(total - marked, draws - k) - ln_norm);
    let gof = chi_square(&samples, &pmf);
    if std::env::var_os("SAMPLERS_VERBOSE").is_some() {
        eprintln!("{label}: df={} stat={:.1} limit={:.1}", gof.df, gof.stat, gof.limit);
    }
    if !gof.passed() {
        return Err(format!("{label}: chi-square {gof:?}"));
    }
    // The fourth moment only sets the variance's standard error; the
    // tabulated pmf gives it without a closed form.
    let (_, _, _, mu4) = pmf.moments();
    check_moments(&samples, mean, var, mu4).map_err(|e| format!("{label}: {e}"))
}

/// Population sizes × marked fractions near 0, ½, 1 × draws small, around
/// the method switches, around half and near the population.
fn grid() -> Vec<(u64, u64, u64)> {
    let mut cells = Vec::new();
    for &total in &[10u64, 100, 10_000, 1_000_000, 10_000_000_000] {
        let pct = (total / 100).max(1);
        let marked_list = [1, pct, total / 2, total - pct, total - 1];
        let u = URN_MAX_DRAWS;
        let draws_list = [
            1,
            5,
            u,
            u + 1,
            60,
            pct,
            total / 2,
            total.saturating_sub(60),
            total.saturating_sub(u + 1),
            total.saturating_sub(5),
            total - 1,
        ];
        for &marked in &marked_list {
            for &draws in &draws_list {
                if draws >= 1 && draws < total && marked >= 1 && marked < total {
                    cells.push((total, marked, draws));
                }
            }
        }
    }
    cells.sort_unstable();
    cells.dedup();
    cells
}

#[test]
fn goodness_of_fit_and_moments_over_grid() {
    let cells = grid();
    assert!(cells.len() > 150, "{}", cells.len());
    let failures: Vec<String> = cells.iter().filter_map(|&(t, m, d)| check_cell(t, m, d, 1).err()).collect();
    assert!(failures.is_empty(), "{} of {} cells failed:\n{}", failures.len(), cells.len(), failures.join("\n"));
}

/// Both sides of the HIN/HRUA switch (mode = HIN_MAX_MODE − 1 and
/// HIN_MAX_MODE), for a small and a huge population, in all four symmetric
/// placements; plus the case rand_distr 0.6 rejects.
#[test]
fn goodness_of_fit_at_switches_and_special_cases() {
    let mut cells = vec![(6_218u64, 6_063u64, 166u64), (6_218, 166, 6_063), (6_218, 155, 166)];
    for &total in &[1_000u64, 10_000_000_000] {
        let half = total / 2;
        // In the corner (marked = total/2) the mode is ⌊(draws + 1)/2⌋ here.
        for draws in [2 * HIN_MAX_MODE - 2, 2 * HIN_MAX_MODE - 1] {
            cells.push((total, half, draws));
            cells.push((total, half, total - draws));
            cells.push((total, draws, half));
            cells.push((total, total - draws, half + 1));
        }
    }
    let failures: Vec<String> = cells.iter().filter_map(|&(t, m, d)| check_cell(t, m, d, 2).err()).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The chi-square test must be able to fail: draws from a slightly different
/// marked count are rejected, in each method's regime.
#[test]
fn goodness_of_fit_detects_a_wrong_parameter() {
    for &(total, marked, draws) in
        &[(1_000_000u64, 500_000u64, 20u64), (1_000_000, 20_000, 400), (10_000_000_000, 3_000_000_000, 100_000)]
    {
        let wrong = marked + marked / 50;
        let mut rng = rng_for(3, total, draws);
        let samples: Vec<u64> = (0..200_000).map(|_| hypergeometric(&mut rng, total, wrong, draws)).collect();
        let (nf, kf, tf) = (draws as f64, marked as f64, total as f64);
        let mean = nf * kf / tf;
        let sd = (mean * (1.0 - kf / tf) * (tf - nf) / (tf - 1.0)).sqrt();
        let lo = (mean - 9.0 * sd - 20.0).max(0.0) as u64;
        let hi = ((mean + 9.0 * sd + 20.0) as u64).min(draws);
        let ln_norm = ln_choose(total, draws);
        let pmf = Pmf::tabulate(lo, hi, |k| ln_choose(marked, k) + ln_choose(total - marked, draws - k) - ln_norm);
        let gof = chi_square(&samples, &pmf);
        assert!(!gof.passed(), "({total}, {marked}, {draws}): not detected: {gof:?}");
    }
}

/// Random valid triples over many scales always land in the support.
#[test]
fn support_bounds_on_random_parameters() {
    let mut rng = rng_for(4, 0, 0);
    for i in 0..5_000u64 {
        // Log-uniform population up to 1e10, then uniform marked and draws.
        let exponent = uniform_below(&mut rng, 1_000_001) as f64 * 1e-5;
        let total = 10f64.powf(exponent) as u64;
        let marked = uniform_below(&mut rng, total + 1);
        let draws = if i % 2 == 0 {
            uniform_below(&mut rng, total + 1)
        } else {
            // Half the time keep draws small so all methods get exercised.
            uniform_below(&mut rng, total.min(3 * URN_MAX_DRAWS) + 1)
        };
        let (lo, hi) = support(total, marked, draws);
        for _ in 0..4 {
            let x = hypergeometric(&mut rng, total, marked, draws);
            assert!(lo <= x && x <= hi, "({total}, {marked}, {draws}) gave {x}");
        }
    }
}

#[test]
fn degenerate_and_saturated_arguments() {
    let mut rng = rng_for(5, 0, 0);
    assert_eq!(hypergeometric(&mut rng, 0, 0, 0), 0);
    assert_eq!(hypergeometric(&mut rng, 0, 5, 7), 0);
    assert_eq!(hypergeometric(&mut rng, 100, 0, 50), 0);
    assert_eq!(hypergeometric(&mut rng, 100, 30, 0), 0);
    assert_eq!(hypergeometric(&mut rng, 100, 100, 40), 40);
    assert_eq!(hypergeometric(&mut rng, 100, 30, 100), 30);
    // marked > population is treated as marked = population, and likewise draws.
    assert_eq!(hypergeometric(&mut rng, 100, 1_000, 40), 40);
    assert_eq!(hypergeometric(&mut rng, 100, 30, 1_000), 30);
    assert_eq!(hypergeometric(&mut rng, 100, u64::MAX, u64::MAX), 100);
    // Support {8, 9}: both values must occur, nothing else.
    let mut seen = [0u32; 10];
    for _ in 0..1_000 {
        seen[hypergeometric(&mut rng, 10, 9, 9) as usize] += 1;
    }
    assert_eq!(seen.iter().sum::<u32>(), seen[8] + seen[9]);
    assert!(seen[8] > 0 && seen[9] > 0);
}

/// Far beyond the documented range nothing panics and bounds still hold.
#[test]
fn huge_populations_stay_in_range() {
    let mut rng = rng_for(6, 0, 0);
    let big = u64::MAX;
    for &(total, marked, draws) in &[
        (big, big / 2, big / 2),
        (big, big / 3, 1_000_000),
        (big, 5, big - 5),
        (big, big - 1, big / 2 + 1),
        ((1 << 53) + 1, 1 << 52, (1 << 52) + 3),
        ((1 << 60) + 7, 1 << 30, 1 << 29),
    ] {
        let (lo, hi) = support(total, marked, draws);
        for _ in 0..200 {
            let x = hypergeometric(&mut rng, total, marked, draws);
            assert!(lo <= x && x <= hi, "({total}, {marked}, {draws}) gave {x}");
        }
    }
}
